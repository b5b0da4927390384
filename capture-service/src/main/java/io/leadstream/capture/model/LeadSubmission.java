package io.leadstream.capture.model;

import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a caller may send to create a lead. Only these fields exist, so score, owner, stage, tenant or id
 * cannot be set through it (unknown fields are ignored). An email or a phone is required; everything after
 * {@code source} is optional. {@code PATCH /api/leads/{id}} patches a lead in this shape (JSON merge patch).
 */
@Schema(name = "CaptureLeadRequest")
public record LeadSubmission(
        @NotBlank @Size(max = 100) String firstName,
        @NotBlank @Size(max = 100) String lastName,
        @Size(max = 254) @Schema(description = "trimmed and lower-cased", examples = "ada@example.com") String email,
        @Size(max = 40) @Schema(description = "normalised to E.164", examples = "+44 20 7946 0958") String phone,
        @Size(max = 200) String company,
        @Size(max = 60) @Schema(description = "ISO 3166-1 alpha-2 or alpha-3 code, or the English name; stored as alpha-2",
                examples = "GB") String country,
        @NotBlank @Size(max = 50) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*", message = "letters, digits, '.', '_' or '-'")
        @Schema(description = "channel the lead came from, e.g. web, api, partner, import, whatsapp, call", examples = "web") String source,
        @Size(max = 100) @Schema(examples = "Head of Engineering") String jobTitle,
        @Valid PostalAddress address,
        @Size(max = 10) @Schema(description = "ISO 639-1 code; stored lower-case", examples = "en") String language,
        @Size(max = 64) @Schema(description = "IANA time zone id", examples = "Europe/London") String timeZone,
        @Valid Qualifiers qualifiers,
        @Valid AdditionalInfo additionalInfo,
        @Size(max = 200) @Schema(description = "the marketing campaign it came from", examples = "spring-sale-2026")
        String campaign,
        @Valid Utm utm,
        @Size(max = 2000) @Schema(description = "the page the lead came from: an absolute http(s) URL",
                examples = "https://www.example.com/pricing") String referrer,
        @Size(max = 5000) @Schema(description = "free text (personal data: never in events)") String notes) {

    /** The custom qualifier keys this lead uses (their definitions are needed to check the values). */
    public Set<String> customKeys() {
        return qualifiers == null || qualifiers.custom() == null ? Set.of() : qualifiers.custom().keySet();
    }
}
