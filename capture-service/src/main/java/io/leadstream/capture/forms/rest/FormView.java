package io.leadstream.capture.forms.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.capture.forms.FormConsent;
import io.leadstream.capture.forms.FormQuota;
import io.leadstream.capture.forms.WebForm;

/** A web form as stored, with its defaults filled in and the address its pages post to. */
@Schema(name = "FormView")
public record FormView(
        @Schema(description = "generated, URL-safe", examples = "k3J9x2QmT0aWv8Zr") String key,
        @Schema(description = "where pages post it (POST, urlencoded or JSON)") URI postUrl,
        String name,
        List<String> allowedOrigins,
        Map<String, String> fields,
        String redirectUrl,
        boolean doubleOptIn,
        FormConsent consent,
        FormQuota quota,
        String honeypotField,
        String source,
        boolean active,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {

    public static FormView of(WebForm form, URI postUrl) {
        FormConsent consent = form.consentPurpose == null ? null
                : new FormConsent(form.consentPurpose, form.consentTextVersion, form.consentField,
                        form.confirmedRedirectUrl);
        FormQuota quota = new FormQuota(new FormQuota.Limit(form.formPermits, form.formWindowSeconds),
                new FormQuota.Limit(form.clientPermits, form.clientWindowSeconds));
        return new FormView(form.key, postUrl, form.name, List.of(form.allowedOrigins),
                new TreeMap<>(form.fieldMapping), form.redirectUrl, form.doubleOptIn, consent, quota,
                form.honeypotField, form.source, form.active, form.createdAt, form.createdBy, form.updatedAt,
                form.updatedBy);
    }
}
