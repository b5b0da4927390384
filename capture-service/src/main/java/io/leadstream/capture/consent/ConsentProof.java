package io.leadstream.capture.consent;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How a consent entry was given or withdrawn: sent with the request and shown back with the entry. A grant
 * also needs {@code textVersion} and {@code address}; a withdrawal needs only {@code method} and
 * {@code source}. {@code address} and {@code ipAddress} are personal data and never appear in events.
 */
@Schema(name = "ConsentProof")
public record ConsentProof(
        @Schema(description = "when the person gave or withdrew it; not in the future; defaults to now",
                examples = "2026-11-22T10:00:00Z") Instant capturedAt,
        @NotBlank @Size(max = 50) @Pattern(regexp = SLUG, message = SLUG_MESSAGE)
        @Schema(description = "web-form, double-opt-in, verbal, api, …", examples = "web-form") String method,
        @Size(max = 100) @Schema(description = "version id of the consent text shown; required for a grant",
                examples = "marketing-2026-01") String textVersion,
        @NotBlank @Size(max = 200) @Schema(description = "where: form key, app, call", examples = "contact-form")
        String source,
        @Size(max = 254) @Schema(description = "the email (lower-cased) or phone number (to E.164) the consent is "
                + "for, matching the channel; required for a grant", examples = "ada@example.com") String address,
        @Size(max = 45) @Schema(description = "the person's IPv4 or IPv6 address, when known", examples = "203.0.113.7")
        String ipAddress) {

    public static final String SLUG = "[a-z0-9]+(-[a-z0-9]+)*";
    public static final String SLUG_MESSAGE = "must be a lower-case slug (letters, digits and single '-')";
}
