package io.leadstream.capture.qualifiers.rest;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.capture.model.QualifierType;

/** A custom qualifier's definition, as a lead admin sends it to {@code PUT /api/qualifiers/{key}}. */
@Schema(name = "DefineQualifierRequest")
public record DefineQualifierRequest(
        @NotNull @Schema(description = "the type of the values leads may carry under this key") QualifierType type,
        @NotBlank @Size(max = 100) @Schema(description = "a name for people", examples = "Budget approved") String label,
        @Size(max = 100) @Schema(description = "ENUM only (and required there): the allowed values, 1-100 "
                + "characters each, unique ignoring case", examples = "[\"small\", \"medium\", \"large\"]")
        List<String> options) {
}
