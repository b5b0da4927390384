package io.leadstream.nurture.webhooks;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;

/**
 * Checks a subscription request (pure): an absolute http(s) URL of at most {@value #MAX_URL} characters without user
 * information, 1 to {@value #MAX_TYPES} event names of the catalogue, filters of at most {@value #MAX_FILTER}
 * characters (compared lower-case, as capture normalises them), a Standard Webhooks secret when one is given. Where
 * the URL's host resolves is {@link TargetGuard}'s question, asked by {@link Webhooks} off the event loop.
 */
public final class SubscriptionRules {

    public static final int MAX_URL = 2000;
    public static final int MAX_TYPES = 50;
    public static final int MAX_FILTER = 100;
    public static final int MAX_DESCRIPTION = 500;

    /** A request that passed, normalised. */
    public record Checked(String url, List<String> eventTypes, String filterSource, String filterProduct,
            String filterSegment, String secret, boolean allowPrivateTargets, String description, Boolean active) {
    }

    private SubscriptionRules() {
    }

    /** The checked request, or a 400 problem listing every invalid field. */
    public static Checked check(SubscriptionSettings r, Set<String> catalogue) {
        List<FieldError> errors = new ArrayList<>();
        String url = r.url() == null ? null : r.url().strip();
        if (url == null || url.isEmpty() || url.length() > MAX_URL) {
            errors.add(new FieldError("url", "required, an http or https URL of at most " + MAX_URL + " characters"));
        } else {
            TargetGuard.Verdict form = TargetGuard.form(url);
            if (!form.allowed()) {
                errors.add(new FieldError("url", form.reason()));
            }
        }
        Set<String> types = new LinkedHashSet<>();
        if (r.eventTypes() == null || r.eventTypes().isEmpty() || r.eventTypes().size() > MAX_TYPES) {
            errors.add(new FieldError("eventTypes", "required, 1 to " + MAX_TYPES + " event names of the catalogue "
                    + "(docs/events.md): " + String.join(", ", catalogue)));
        } else {
            for (int i = 0; i < r.eventTypes().size(); i++) {
                String type = r.eventTypes().get(i) == null ? "" : r.eventTypes().get(i).strip();
                if (!catalogue.contains(type)) {
                    errors.add(new FieldError("eventTypes[" + i + "]", "'" + type + "' is not an event of the "
                            + "catalogue: one of " + String.join(", ", catalogue)));
                } else {
                    types.add(type);
                }
            }
        }
        String source = filter(r.filterSource(), "filterSource", errors);
        String product = filter(r.filterProduct(), "filterProduct", errors);
        String segment = filter(r.filterSegment(), "filterSegment", errors);
        String secret = r.secret() == null || r.secret().isBlank() ? null : r.secret().strip();
        if (secret != null && !StandardWebhooks.validSecret(secret)) {
            errors.add(new FieldError("secret", "must be " + StandardWebhooks.SECRET_PREFIX
                    + " followed by the base64 of 24 to 64 random bytes; leave it out to have one generated"));
        }
        String description = r.description() == null || r.description().isBlank() ? null : r.description().strip();
        if (description != null && description.length() > MAX_DESCRIPTION) {
            errors.add(new FieldError("description", "at most " + MAX_DESCRIPTION + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("invalid-webhook", "the subscription has invalid fields", errors);
        }
        return new Checked(url, List.copyOf(types), source, product, segment, secret,
                Boolean.TRUE.equals(r.allowPrivateTargets()), description, r.active());
    }

    private static String filter(String value, String field, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.length() > MAX_FILTER) {
            errors.add(new FieldError(field, "at most " + MAX_FILTER + " characters"));
        }
        return v;
    }
}
