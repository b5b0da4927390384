package io.leadstream.distribution.reps.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an admin may set on a rep. The id is the path (the Keycloak username); unknown fields are ignored. */
@Schema(name = "RepRequest")
public record RepRequest(
        @NotBlank @Size(max = 100) @Schema(description = "trimmed", examples = "Rep One") String displayName,
        @Schema(description = "whether the rep is given new leads; default true", defaultValue = "true") Boolean active) {
}
