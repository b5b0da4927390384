package io.leadstream.capture.model;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.leadstream.chassis.problem.Problem.FieldError;

/**
 * Normalises the lead beyond name and contact (what bean validation on {@link LeadSubmission} cannot check):
 * language to ISO 639-1 lower-case, time zone to a known IANA id, products, segment and tags trimmed and
 * lower-cased (lists without repeats), the deal's currency to an ISO 4217 code, custom qualifiers against their
 * definitions, social networks as lower-case names, referrer as an absolute http(s) URL; text trimmed and blank
 * parts dropped. Offending fields are added to {@code errors} with their JSON path
 * ({@code qualifiers.dealSize.currency}, {@code qualifiers.products[1]}, {@code qualifiers.custom.budget}).
 */
public final class LeadDetailsNormaliser {

    static final int MAX_PRODUCT_LENGTH = 100;
    static final int MAX_TAG_LENGTH = 50;
    static final int MAX_HANDLE_LENGTH = 200;
    static final int MAX_STRING_QUALIFIER_LENGTH = 500;
    static final Pattern NETWORK = Pattern.compile("[a-z0-9][a-z0-9._-]{0,49}");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());
    private static final Map<String, String> ZONES_IGNORING_CASE = zones();

    private LeadDetailsNormaliser() {
    }

    /**
     * @param definitions the custom qualifiers' definitions by key (at least those the request uses)
     * @param unchangedCustom custom values already stored on the lead (PATCH): a value equal to its stored one is
     *        kept as it is, even if its definition has changed since; empty on create
     */
    static NormalisedContact.Details normalise(LeadSubmission request, Map<String, QualifierDefinition> definitions,
            Map<String, Object> unchangedCustom, List<FieldError> errors) {
        Qualifiers qualifiers = request.qualifiers();
        AdditionalInfo info = request.additionalInfo();
        return new NormalisedContact.Details(
                text(request.jobTitle()),
                address(request.address()),
                language(request.language(), errors),
                timeZone(request.timeZone(), errors),
                labels(qualifiers == null ? null : qualifiers.products(), "qualifiers.products", MAX_PRODUCT_LENGTH, errors),
                label(qualifiers == null ? null : qualifiers.segment()),
                labels(qualifiers == null ? null : qualifiers.tags(), "qualifiers.tags", MAX_TAG_LENGTH, errors),
                dealSize(qualifiers == null ? null : qualifiers.dealSize(), errors),
                custom(qualifiers == null ? null : qualifiers.custom(), definitions, unchangedCustom, errors),
                socialAccounts(info == null ? null : info.socialAccounts(), errors),
                info == null ? null : info.birthDate(),
                text(request.campaign()),
                utm(request.utm()),
                referrer(request.referrer(), errors),
                text(request.notes()));
    }

    /** Street, city, postal code and country all present. */
    static boolean addressComplete(PostalAddress address, String country) {
        return address != null && address.street() != null && address.city() != null && address.postalCode() != null
                && country != null;
    }

    static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Trimmed, inner whitespace collapsed, lower-case: how products, segments and tags are compared and stored. */
    public static String label(String value) {
        String text = text(value);
        return text == null ? null : SPACES.matcher(text).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    private static PostalAddress address(PostalAddress address) {
        if (address == null) {
            return null;
        }
        PostalAddress normalised = new PostalAddress(text(address.street()), text(address.city()),
                text(address.postalCode()), text(address.region()));
        return normalised.street() == null && normalised.city() == null && normalised.postalCode() == null
                && normalised.region() == null ? null : normalised;
    }

    private static String language(String value, List<FieldError> errors) {
        String language = text(value);
        if (language == null) {
            return null;
        }
        language = language.toLowerCase(Locale.ROOT);
        if (language.length() != 2 || !LANGUAGES.contains(language)) {
            errors.add(new FieldError("language", "is not an ISO 639-1 language code (en, de, fr, …)"));
            return null;
        }
        return language;
    }

    private static String timeZone(String value, List<FieldError> errors) {
        String zone = text(value);
        if (zone == null) {
            return null;
        }
        String id = ZONES_IGNORING_CASE.get(zone.toLowerCase(Locale.ROOT));
        if (id == null) {
            errors.add(new FieldError("timeZone", "is not an IANA time zone id (Europe/London, America/New_York, …)"));
            return null;
        }
        return ZoneId.of(id).getId();
    }

    /** Each label trimmed and lower-cased, repeats dropped (first one kept); blank or too long ones named. */
    private static List<String> labels(List<String> values, String field, int maxLength, List<FieldError> errors) {
        if (values == null) {
            return List.of();
        }
        Set<String> labels = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String label = label(values.get(i));
            if (label == null) {
                errors.add(new FieldError(field + "[" + i + "]", "must not be blank"));
            } else if (label.length() > maxLength) {
                errors.add(new FieldError(field + "[" + i + "]", "must be at most " + maxLength + " characters"));
            } else {
                labels.add(label);
            }
        }
        return List.copyOf(labels);
    }

    private static DealSize dealSize(DealSize dealSize, List<FieldError> errors) {
        if (dealSize == null || dealSize.amount() == null || dealSize.currency() == null) {
            return null; // bean validation names a missing part
        }
        String code = dealSize.currency().strip().toUpperCase(Locale.ROOT);
        try {
            if (code.length() == 3 && Currency.getInstance(code).getCurrencyCode().equals(code)) {
                return new DealSize(dealSize.amount(), code);
            }
        } catch (IllegalArgumentException e) {
            // not a currency: named below
        }
        errors.add(new FieldError("qualifiers.dealSize.currency", "is not an ISO 4217 currency code (EUR, USD, GBP, …)"));
        return null;
    }

    private static Map<String, Object> custom(Map<String, Object> values, Map<String, QualifierDefinition> definitions,
            Map<String, Object> unchangedCustom, List<FieldError> errors) {
        if (values == null) {
            return Map.of();
        }
        Map<String, Object> custom = new TreeMap<>();
        values.forEach((key, value) -> {
            if (value == null) {
                return; // merge patch: null removes; on create: the same as leaving it out
            }
            String field = "qualifiers.custom." + key;
            if (unchangedCustom.containsKey(key) && sameValue(unchangedCustom.get(key), value)) {
                custom.put(key, unchangedCustom.get(key));
                return;
            }
            QualifierDefinition definition = definitions.get(key);
            if (definition == null) {
                errors.add(new FieldError(field, "is not a defined qualifier (GET /api/qualifiers lists them)"));
                return;
            }
            Object typed = typed(definition, value);
            if (typed == null) {
                errors.add(new FieldError(field, mismatch(definition)));
            } else {
                custom.put(key, typed);
            }
        });
        return custom;
    }

    /** The value as stored for its definition's type, or null when it does not fit. */
    static Object typed(QualifierDefinition definition, Object value) {
        return switch (definition.type()) {
            case STRING -> value instanceof String s && !s.isBlank() && s.strip().length() <= MAX_STRING_QUALIFIER_LENGTH
                    ? s.strip() : null;
            case NUMBER -> value instanceof Number n ? decimal(n) : null;
            case BOOLEAN -> value instanceof Boolean b ? b : null;
            case DATE -> value instanceof String s ? date(s.strip()) : null;
            case ENUM -> value instanceof String s ? definition.options().stream()
                    .filter(option -> option.equalsIgnoreCase(s.strip())).findFirst().orElse(null) : null;
        };
    }

    private static String mismatch(QualifierDefinition definition) {
        return switch (definition.type()) {
            case STRING -> "must be a non-blank string of at most " + MAX_STRING_QUALIFIER_LENGTH + " characters";
            case NUMBER -> "must be a number";
            case BOOLEAN -> "must be true or false";
            case DATE -> "must be an ISO date (2026-11-22)";
            case ENUM -> "must be one of " + String.join(", ", definition.options());
        } + " (qualifier " + definition.key() + " is " + definition.type() + ")";
    }

    private static BigDecimal decimal(Number number) {
        try {
            return number instanceof BigDecimal d ? d : new BigDecimal(number.toString());
        } catch (NumberFormatException e) {
            return null; // NaN or infinity
        }
    }

    private static String date(String text) {
        try {
            return LocalDate.parse(text).toString();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Equal as stored JSON values: numbers by value (250 = 250.0), everything else by equals. */
    static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            BigDecimal dx = decimal(x);
            BigDecimal dy = decimal(y);
            return dx != null && dy != null && dx.compareTo(dy) == 0;
        }
        return Objects.equals(a, b);
    }

    private static Map<String, String> socialAccounts(Map<String, String> accounts, List<FieldError> errors) {
        if (accounts == null) {
            return Map.of();
        }
        Map<String, String> normalised = new TreeMap<>();
        accounts.forEach((network, handle) -> {
            if (handle == null) {
                return;
            }
            String name = network.strip().toLowerCase(Locale.ROOT);
            String field = "additionalInfo.socialAccounts." + network;
            if (!NETWORK.matcher(name).matches()) {
                errors.add(new FieldError(field, "the network must be a name of up to 50 letters, digits, '.', '_' or "
                        + "'-' (linkedin, x, github, …)"));
            } else if (handle.isBlank() || handle.strip().length() > MAX_HANDLE_LENGTH) {
                errors.add(new FieldError(field, "the handle must be 1-" + MAX_HANDLE_LENGTH + " characters"));
            } else if (normalised.putIfAbsent(name, handle.strip()) != null) {
                errors.add(new FieldError(field, "names the network " + name + " twice"));
            }
        });
        return normalised;
    }

    private static Utm utm(Utm utm) {
        if (utm == null) {
            return null;
        }
        Utm normalised = new Utm(text(utm.source()), text(utm.medium()), text(utm.campaign()), text(utm.term()),
                text(utm.content()));
        return normalised.isEmpty() ? null : normalised;
    }

    private static String referrer(String value, List<FieldError> errors) {
        String referrer = text(value);
        if (referrer == null) {
            return null;
        }
        try {
            URI uri = new URI(referrer);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return referrer;
            }
        } catch (URISyntaxException e) {
            // named below
        }
        errors.add(new FieldError("referrer", "must be an absolute http or https URL"));
        return null;
    }

    /** Utm as a map of the parts given (how it is stored), in a fixed order. */
    public static Map<String, String> utmMap(Utm utm) {
        Map<String, String> map = new LinkedHashMap<>();
        if (utm != null) {
            map.put("source", utm.source());
            map.put("medium", utm.medium());
            map.put("campaign", utm.campaign());
            map.put("term", utm.term());
            map.put("content", utm.content());
            map.values().removeIf(Objects::isNull);
        }
        return map;
    }

    private static Map<String, String> zones() {
        Map<String, String> zones = new LinkedHashMap<>();
        for (String id : ZoneId.getAvailableZoneIds()) {
            zones.put(id.toLowerCase(Locale.ROOT), id);
        }
        return zones;
    }
}
