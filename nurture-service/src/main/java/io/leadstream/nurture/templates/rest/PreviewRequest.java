package io.leadstream.nurture.templates.rest;

import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Values to preview a template with, by variable name; without a lead the documented samples stand in for the others,
 * with one its own values from capture and the caller's as the rep.
 */
@Schema(name = "PreviewRequest")
public record PreviewRequest(
        @Schema(description = "variable name → value, e.g. {\"lead.firstName\": \"Ada\", \"vars.meetingTime\": "
                + "\"10:00\"}; null or blank: no value (listed in missing). They override the lead's and the "
                + "caller's values") Map<String, String> variables,
        @Schema(nullable = true, format = "uuid", description = "optional: preview with this lead's own values, read "
                + "from capture now as a send reads them, and the caller as rep.*; the template stays in its own "
                + "language") UUID leadId) {
}
