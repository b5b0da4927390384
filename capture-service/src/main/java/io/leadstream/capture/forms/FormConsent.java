package io.leadstream.capture.forms;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.capture.consent.ConsentProof;

/**
 * The email consent a form asks for. Without double opt-in it is recorded at submission (proof method
 * {@code web-form}); with it, when the confirmation link is followed ({@code double-opt-in}).
 */
@Schema(name = "FormConsent")
public record FormConsent(
        @NotBlank @Size(max = 50) @Pattern(regexp = ConsentProof.SLUG, message = ConsentProof.SLUG_MESSAGE)
        @Schema(examples = "newsletter") String purpose,
        @NotBlank @Size(max = 100) @Schema(description = "version of the consent text the form shows",
                examples = "newsletter-2026-01") String textVersion,
        @Size(max = 100) @Pattern(regexp = FormSettings.FIELD_NAME, message = FormSettings.FIELD_NAME_MESSAGE)
        @Schema(description = "the checkbox asking for it: consent only when ticked (any value but empty, false, "
                + "off, no, 0); unset: every submission asks for it", examples = "newsletter_ok") String field,
        @Size(max = 2000) @Schema(description = "absolute http(s) URL the confirmation link ends on (303); unset: a "
                + "small confirmation page", examples = "https://www.example.com/confirmed") String confirmedRedirectUrl) {
}
