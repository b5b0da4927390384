package io.leadstream.capture.forms;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.capture.model.FieldErrors;
import io.leadstream.chassis.problem.Problem.FieldError;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Admins' web forms: validates a form as a whole (origins, field mapping against the lead's fields, URLs, consent,
 * quota) with a 400 naming each offending field, fills the defaults, and stores it under a generated key.
 */
@ApplicationScoped
public class FormService {

    public static final String DEFAULT_HONEYPOT = "website";
    public static final String DEFAULT_SOURCE = "web";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final FormLeadFields leadFields;
    private final FormsConfig config;

    public FormService(FormLeadFields leadFields, FormsConfig config) {
        this.leadFields = leadFields;
        this.config = config;
    }

    @WithTransaction
    public Uni<WebForm> create(FormSettings request, String caller) {
        WebForm form = new WebForm();
        form.key = newKey();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        form.createdAt = now;
        form.createdBy = caller;
        apply(form, request, now, caller);
        return form.<WebForm>persist().invoke(() -> Log.infof("form %s (%s) created by %s", form.key, form.name, caller));
    }

    @WithTransaction
    public Uni<WebForm> update(String key, FormSettings request, String caller) {
        return WebForm.findExisting(key).invoke(form -> {
            apply(form, request, Instant.now().truncatedTo(ChronoUnit.MICROS), caller);
            Log.infof("form %s (%s) updated by %s", form.key, form.name, caller);
        });
    }

    @WithSession
    public Uni<WebForm> find(String key) {
        return WebForm.findExisting(key);
    }

    /** 16 URL-safe characters from 96 random bits. */
    static String newKey() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void apply(WebForm form, FormSettings request, Instant now, String caller) {
        List<FieldError> errors = new ArrayList<>();
        List<String> origins = origins(request.allowedOrigins(), errors);
        String redirect = absoluteUrl("redirectUrl", request.redirectUrl(), errors);
        boolean doubleOptIn = Boolean.TRUE.equals(request.doubleOptIn());
        FormConsent consent = request.consent();
        String honeypot = request.honeypotField() == null ? DEFAULT_HONEYPOT : request.honeypotField();
        Map<String, String> mapping = mapping(request.fields(), honeypot, consent, errors);
        String confirmed = consent == null || consent.confirmedRedirectUrl() == null ? null
                : absoluteUrl("consent.confirmedRedirectUrl", consent.confirmedRedirectUrl(), errors);
        if (doubleOptIn && consent == null) {
            errors.add(new FieldError("consent", "is required with doubleOptIn: the purpose and text version to record"));
        }
        if (consent != null && !mapping.containsValue(FormLeadFields.EMAIL)) {
            errors.add(new FieldError("fields", "must map a form field to email: the consent is for email"));
        }
        if (consent != null && consent.field() != null && consent.field().equals(honeypot)) {
            errors.add(new FieldError("consent.field", "must not be the honeypot field"));
        }
        FieldErrors.throwIfAny(errors);

        FormQuota quota = request.quota() == null ? new FormQuota(null, null) : request.quota();
        form.name = request.name().strip();
        form.allowedOrigins = origins.toArray(String[]::new);
        form.fieldMapping = mapping;
        form.redirectUrl = redirect;
        form.doubleOptIn = doubleOptIn;
        form.consentPurpose = consent == null ? null : consent.purpose();
        form.consentTextVersion = consent == null ? null : consent.textVersion().strip();
        form.consentField = consent == null ? null : consent.field();
        form.confirmedRedirectUrl = confirmed;
        form.formPermits = quota.perForm() == null ? config.defaultFormPermits() : quota.perForm().permits();
        form.formWindowSeconds = quota.perForm() == null ? seconds(config.defaultFormWindow())
                : quota.perForm().windowSeconds();
        form.clientPermits = quota.perClient() == null ? config.defaultClientPermits() : quota.perClient().permits();
        form.clientWindowSeconds = quota.perClient() == null ? seconds(config.defaultClientWindow())
                : quota.perClient().windowSeconds();
        form.honeypotField = honeypot;
        form.source = request.source() == null ? DEFAULT_SOURCE : request.source().toLowerCase(Locale.ROOT);
        form.active = request.active() == null || request.active();
        form.updatedAt = now;
        form.updatedBy = caller;
    }

    /** Exact origins, lower-cased, default ports left out (as browsers send them); duplicates dropped. */
    static List<String> origins(List<String> requested, List<FieldError> errors) {
        Set<String> origins = new LinkedHashSet<>();
        if (requested == null) {
            return List.of();
        }
        for (int i = 0; i < requested.size(); i++) {
            String field = "allowedOrigins[" + i + "]";
            String origin = origin(requested.get(i));
            if (origin == null) {
                errors.add(new FieldError(field, "must be an exact origin: http(s)://host[:port], without path, "
                        + "query or wildcard"));
            } else {
                origins.add(origin);
            }
        }
        return List.copyOf(origins);
    }

    /** The normalised origin, or null when {@code value} is not exactly scheme://host[:port]. */
    static String origin(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!("http".equals(scheme) || "https".equals(scheme)) || uri.getHost() == null
                    || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) || text.contains("*")) {
                return null;
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80)
                    || ("https".equals(scheme) && port == 443);
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String absoluteUrl(String field, String value, List<FieldError> errors) {
        try {
            URI uri = new URI(value.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawUserInfo() == null) {
                return uri.toString();
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        errors.add(new FieldError(field, "must be an absolute http or https URL"));
        return null;
    }

    private Map<String, String> mapping(Map<String, String> fields, String honeypot, FormConsent consent,
            List<FieldError> errors) {
        Map<String, String> mapping = new LinkedHashMap<>();
        Map<String, String> formFieldOf = new HashMap<>();
        int before = errors.size();
        fields.forEach((formField, target) -> {
            String field = "fields." + formField;
            String path = target.strip();
            if (!formField.matches(FormSettings.FIELD_NAME)) {
                errors.add(new FieldError(field, "the form field name may contain only " + FormSettings.FIELD_NAME_MESSAGE));
            } else if (formField.equals(honeypot)) {
                errors.add(new FieldError(field, "is the honeypot field: it must not fill the lead"));
            } else if (consent != null && formField.equals(consent.field())) {
                errors.add(new FieldError(field, "is the consent checkbox (consent.field): it must not fill the lead"));
            } else if (FormLeadFields.SOURCE.equals(path)) {
                errors.add(new FieldError(field, "source is the form's own (the source property), not a posted field"));
            } else if (!leadFields.targets().contains(path)) {
                errors.add(new FieldError(field, "'" + path + "' is not a lead field; one of " + leadFields.targets()));
            } else if (formFieldOf.containsKey(path)) {
                errors.add(new FieldError(field, "'" + path + "' is already filled by form field "
                        + formFieldOf.get(path)));
            } else {
                formFieldOf.put(path, formField);
                mapping.put(formField, path);
            }
        });
        if (errors.size() > before) {
            return mapping;
        }
        for (String required : leadFields.required()) {
            if (!mapping.containsValue(required)) {
                errors.add(new FieldError("fields", "must map a form field to " + required + ": every lead has one"));
            }
        }
        if (!mapping.containsValue(FormLeadFields.EMAIL) && !mapping.containsValue(FormLeadFields.PHONE)) {
            errors.add(new FieldError("fields", "must map a form field to email or phone: every lead has one"));
        }
        return mapping;
    }

    private static int seconds(Duration duration) {
        return (int) Math.max(1, duration.toSeconds());
    }
}
