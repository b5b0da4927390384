package io.leadstream.capture.forms.rest;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.capture.forms.FormConsent;
import io.leadstream.capture.forms.FormQuota;
import io.leadstream.capture.forms.FormSettings;

/**
 * A web form as an admin writes it ({@code POST /api/forms}, {@code PUT /api/forms/{formKey}}: the whole form).
 * The key is generated; everything optional has a default (see the README).
 */
@Schema(name = "FormRequest")
public record FormRequest(
        @NotBlank @Size(max = 100) @Schema(examples = "Contact us (www)") String name,
        @Size(max = 20) @Schema(description = "exact origins (scheme://host[:port]) whose pages may post the form; "
                + "a post carrying another Origin is refused (403) and CORS answers only these",
                examples = "[\"https://www.example.com\"]") List<@NotBlank @Size(max = 200) String> allowedOrigins,
        @NotEmpty @Size(max = 50) @Schema(description = "form field name → lead field (a CaptureLeadRequest field, "
                + "nested ones with '.'); the lead's required fields and email or phone must be mapped",
                examples = "{\"your_email\": \"email\", \"first\": \"firstName\", \"last\": \"lastName\"}")
        Map<@NotBlank @Size(max = 100) String, @NotBlank @Size(max = 100) String> fields,
        @NotBlank @Size(max = 2000) @Schema(description = "absolute http(s) URL the browser is sent to (303) after a "
                + "post; ?lead=submitted is appended", examples = "https://www.example.com/thanks") String redirectUrl,
        @Schema(description = "send a confirmation email and record the consent only when its link is followed; "
                + "needs consent and an email field", defaultValue = "false") Boolean doubleOptIn,
        @Valid FormConsent consent,
        @Valid FormQuota quota,
        @Size(max = 100) @Pattern(regexp = FormSettings.FIELD_NAME, message = FormSettings.FIELD_NAME_MESSAGE)
        @Schema(description = "a field people cannot see; a submission that fills it is answered like a success "
                + "and discarded", defaultValue = "website") String honeypotField,
        @Size(max = 50) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*", message = "letters, digits, '.', '_' or '-'")
        @Schema(description = "the leads' source", defaultValue = "web") String source,
        @Schema(description = "an inactive form answers 404 to posts", defaultValue = "true") Boolean active) {

    public FormSettings toSettings() {
        return new FormSettings(name, allowedOrigins, fields, redirectUrl, doubleOptIn, consent, quota, honeypotField,
                source, active);
    }
}
