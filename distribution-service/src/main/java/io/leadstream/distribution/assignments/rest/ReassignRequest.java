package io.leadstream.distribution.assignments.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A manager's reassignment: to a named rep, or (no repId) wherever the rules send the lead with its rep left out. */
@Schema(name = "ReassignRequest")
public record ReassignRequest(
        @Pattern(regexp = "^[a-z0-9][a-z0-9._-]{0,63}$", message = "must be a rep id (Keycloak username)")
        @Schema(description = "the rep to give the lead to; absent: the rules in force choose, leaving the current "
                + "rep out", nullable = true, examples = "rep2") String repId,
        @NotBlank @Size(max = 500) @Schema(description = "why, for the history and the reps",
                examples = "rep1 is on parental leave from Monday") String reason) {
}
