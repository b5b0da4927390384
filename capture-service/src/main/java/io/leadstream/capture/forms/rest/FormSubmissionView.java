package io.leadstream.capture.forms.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What an anonymous JSON post to a form gets back: a reference for support (it appears in the service's log next
 * to the lead id), never the lead or its data.
 */
@Schema(name = "FormSubmissionView")
public record FormSubmissionView(
        @Schema(description = "always submitted") String status,
        @Schema(description = "opaque reference of this submission") String reference,
        @Schema(description = "a confirmation email was sent: the consent counts once its link is followed")
        boolean confirmationRequired) {
}
