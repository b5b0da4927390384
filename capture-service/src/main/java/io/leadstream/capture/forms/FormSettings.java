package io.leadstream.capture.forms;

import java.util.List;
import java.util.Map;

/**
 * A web form as an admin sets it up (the whole form; unset optional parts get their defaults): its name, the exact
 * origins that may post it, form field name → lead field, where the browser goes next, double opt-in, the consent it
 * asks for, its quota, the honeypot field, the leads' source, whether it takes posts.
 */
public record FormSettings(String name, List<String> allowedOrigins, Map<String, String> fields, String redirectUrl,
        Boolean doubleOptIn, FormConsent consent, FormQuota quota, String honeypotField, String source,
        Boolean active) {

    /** What a form field's name may contain. */
    public static final String FIELD_NAME = "[A-Za-z0-9_.:\\[\\]-]+";
    public static final String FIELD_NAME_MESSAGE = "letters, digits, '_', '.', ':', '-', '[' or ']'";
}
