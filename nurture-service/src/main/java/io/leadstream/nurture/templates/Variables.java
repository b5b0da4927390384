package io.leadstream.nurture.templates;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The values a template is rendered with, by variable name ({@code lead.firstName}, {@code rep.email},
 * {@code vars.meetingTime}, …; see {@link TemplateVariables}). A name without a value (absent, null or blank) renders
 * as nothing and is listed in {@link Rendered#missing()}. {@code company.name} defaults to the configured company name.
 */
public record Variables(Map<String, String> values) {

    public Variables {
        Map<String, String> copy = new HashMap<>();
        values.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                copy.put(name, value);
            }
        });
        values = Map.copyOf(copy);
    }

    /** What the sending code reads from capture-service about the lead. Any field may be null. */
    public record Lead(String firstName, String lastName, String company, String email, String phone, String country,
            String language, List<String> products) {
    }

    /** The rep who sends (name and email from Keycloak). Either may be null. */
    public record Rep(String name, String email) {
    }

    public static Variables none() {
        return new Variables(Map.of());
    }

    /** The lead's and the rep's values, the unsubscribe link (EMAIL) and the sender's free {@code vars}. */
    public static Variables of(Lead lead, Rep rep, String unsubscribeUrl, Map<String, String> vars) {
        Map<String, String> values = new HashMap<>();
        if (lead != null) {
            values.put("lead.firstName", lead.firstName());
            values.put("lead.lastName", lead.lastName());
            String full = ((lead.firstName() == null ? "" : lead.firstName()) + " "
                    + (lead.lastName() == null ? "" : lead.lastName())).trim();
            values.put("lead.fullName", full);
            values.put("lead.company", lead.company());
            values.put("lead.email", lead.email());
            values.put("lead.phone", lead.phone());
            values.put("lead.country", lead.country());
            values.put("lead.language", lead.language());
            values.put("lead.products", lead.products() == null ? null : String.join(", ", lead.products()));
        }
        if (rep != null) {
            values.put("rep.name", rep.name());
            values.put("rep.email", rep.email());
        }
        values.put(TemplateVariables.UNSUBSCRIBE_URL, unsubscribeUrl);
        if (vars != null) {
            vars.forEach((name, value) -> values.put(TemplateVariables.VARS_PREFIX + name, value));
        }
        return new Variables(values);
    }

    /** The value of {@code name}, or null when it has none. */
    public String get(String name) {
        return values.get(name);
    }

    /** These values, and {@code defaults}' for the names that have none here. */
    public Variables orElse(Map<String, String> defaults) {
        Map<String, String> merged = new HashMap<>(defaults);
        merged.putAll(values);
        return new Variables(merged);
    }
}
