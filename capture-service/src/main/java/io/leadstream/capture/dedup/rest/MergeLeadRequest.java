package io.leadstream.capture.dedup.rest;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A manager's merge of a duplicate into the lead in the path (the survivor). */
@Schema(name = "MergeLeadRequest")
public record MergeLeadRequest(
        @NotNull @Schema(description = "the lead to merge into the lead in the path; must be another lead",
                format = "uuid", examples = "9b2f0c1e-8a5e-4c43-9d6f-1c2b3a4d5e6f") UUID duplicateId,
        @NotBlank @Size(max = 500) @Schema(description = "why, for the audit", examples = "same person: maiden name")
        String reason) {
}
