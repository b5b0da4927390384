package io.leadstream.nurture.templates.rest;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Values to preview a template with, by variable name; the documented samples stand in for the others. */
@Schema(name = "PreviewRequest")
public record PreviewRequest(
        @Schema(description = "variable name → value, e.g. {\"lead.firstName\": \"Ada\", \"vars.meetingTime\": "
                + "\"10:00\"}; null or blank: no value (listed in missing)") Map<String, String> variables) {
}
