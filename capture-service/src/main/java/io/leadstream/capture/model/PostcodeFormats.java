package io.leadstream.capture.model;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Whether a postal code has the format of its country's codes ({@code quality.postcodeValid} in capture's lead
 * events): a per-country pattern table after the well-known GeoNames ({@code countryInfo.txt}) and Google
 * libaddressinput ({@code zip}) patterns, tightened where the first digits are fixed (BE, CH, ES, IN, NL). A format
 * check only: {@code 10115} is a German format whether or not the street is in Berlin.
 * <p>
 * The code is compared after normalising what people type: upper case, runs of white space (including no-break
 * spaces) as one space, trimmed, typographic dashes as {@code -}; a leading country prefix as on European envelopes
 * ({@code DE-10115}, {@code CH-8001}, {@code LV-1010}; Luxembourg's {@code L-} and Liechtenstein's {@code FL-}) is
 * ignored. A space inside a code is optional where the format has one (GB {@code SW1Y4LB}, NL {@code 1234AB},
 * CA {@code K1A0B1}); dashes are as each country writes them (PL {@code 00-950} and PT {@code 1000-001} need theirs,
 * BR and JP take theirs or none, DE has none).
 * <p>
 * A country without postal codes (AE, HK, …) or not in the table answers {@code null}: unknown, never "invalid".
 */
public final class PostcodeFormats {

    /** ISO 3166-1 alpha-2 → the whole normalised code must match. */
    private static final Map<String, Pattern> FORMATS = formats(
            // European Union
            "AT", "\\d{4}",
            "BE", "[1-9]\\d{3}",
            "BG", "\\d{4}",
            "CY", "\\d{4}",
            "CZ", "\\d{3} ?\\d{2}",
            "DE", "\\d{5}",
            "DK", "\\d{4}",
            "EE", "\\d{5}",
            "ES", "(?:0[1-9]|[1-4]\\d|5[0-2])\\d{3}",
            "FI", "\\d{5}",
            "FR", "\\d{2} ?\\d{3}",
            "GR", "\\d{3} ?\\d{2}",
            "HR", "\\d{5}",
            "HU", "\\d{4}",
            // Eircode: routing key (a letter and two digits, or D6W) and a four-character unique identifier
            "IE", "(?:[AC-FHKNPRTV-Y]\\d{2}|D6W) ?[0-9AC-FHKNPRTV-Y]{4}",
            "IT", "\\d{5}",
            "LT", "\\d{5}",
            "LU", "\\d{4}",
            "LV", "\\d{4}",
            "MT", "[A-Z]{3} ?\\d{2,4}",
            "NL", "[1-9]\\d{3} ?[A-Z]{2}",
            "PL", "\\d{2}-\\d{3}",
            "PT", "\\d{4}-\\d{3}",
            "RO", "\\d{6}",
            "SE", "\\d{3} ?\\d{2}",
            "SI", "\\d{4}",
            "SK", "\\d{3} ?\\d{2}",
            // rest of Europe
            // GB: outward code (area, district, optional sub-district letter), inward code (sector digit and a unit
            // of two letters without C, I, K, M, O, V); and Girobank's GIR 0AA
            "GB", "GIR ?0AA|[A-PR-UWYZ](?:\\d{1,2}|[A-HK-Y]\\d{1,2}|\\d[A-HJKPSTUW]|[A-HK-Y]\\d[ABEHMNPRV-Y]) ?\\d[ABD-HJLNP-UW-Z]{2}",
            "CH", "[1-9]\\d{3}",
            "IS", "\\d{3}",
            "LI", "948[5-9]|949[0-7]",
            "MC", "980\\d{2}",
            "NO", "\\d{4}",
            "RS", "\\d{5,6}",
            "TR", "\\d{5}",
            "UA", "\\d{5}",
            "RU", "\\d{6}",
            // Americas
            "US", "\\d{5}(?:[ -]\\d{4})?",
            "CA", "[ABCEGHJ-NPRSTVXY]\\d[ABCEGHJ-NPRSTV-Z] ?\\d[ABCEGHJ-NPRSTV-Z]\\d",
            "MX", "\\d{5}",
            "BR", "\\d{5}-?\\d{3}",
            "AR", "[A-HJ-NP-Z]?\\d{4}(?:[A-Z]{3})?",
            "CL", "\\d{7}",
            // Asia and Pacific
            "AU", "\\d{4}",
            "NZ", "\\d{4}",
            "JP", "\\d{3}-?\\d{4}",
            "KR", "\\d{5}",
            "CN", "\\d{6}",
            "TW", "\\d{3}(?:\\d{2,3})?",
            "IN", "[1-9]\\d{2} ?\\d{3}",
            "SG", "\\d{6}",
            "MY", "\\d{5}",
            "TH", "\\d{5}",
            "ID", "\\d{5}",
            "PH", "\\d{4}",
            "IL", "\\d{5}(?:\\d{2})?",
            // Africa
            "ZA", "\\d{4}");

    /** Prefixes written before the code besides the country's own alpha-2 code (libaddressinput's postprefix). */
    private static final Map<String, String> OTHER_PREFIXES = Map.of("LU", "L", "LI", "FL");

    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u2007\\u202F]+");
    private static final Pattern DASHES = Pattern.compile("[\\u2010-\\u2015\\u2212]");

    private PostcodeFormats() {
    }

    /**
     * Whether {@code postalCode} has the format of {@code country}'s postal codes: {@code null} when there is no postal
     * code, no country, or no known format for the country.
     *
     * @param country ISO 3166-1 alpha-2, as capture stores it
     */
    public static Boolean matches(String country, String postalCode) {
        if (country == null || postalCode == null || postalCode.isBlank()) {
            return null;
        }
        String iso = country.toUpperCase(Locale.ROOT);
        Pattern format = FORMATS.get(iso);
        if (format == null) {
            return null;
        }
        return format.matcher(withoutPrefix(iso, normalise(postalCode))).matches();
    }

    /** The countries with a known format. */
    public static Set<String> countries() {
        return FORMATS.keySet();
    }

    /** Upper case, white space runs as one space, trimmed, typographic dashes as {@code -}. */
    static String normalise(String postalCode) {
        String spaced = SPACES.matcher(postalCode).replaceAll(" ").strip();
        return DASHES.matcher(spaced).replaceAll("-").toUpperCase(Locale.ROOT);
    }

    /** Without a leading {@code DE-}: the country's code or its {@link #OTHER_PREFIXES other prefix}, and a dash. */
    private static String withoutPrefix(String country, String code) {
        for (String prefix : new String[] { country, OTHER_PREFIXES.get(country) }) {
            if (prefix != null && (code.startsWith(prefix + "-") || code.startsWith(prefix + " -"))) {
                return code.substring(code.indexOf('-') + 1).strip();
            }
        }
        return code;
    }

    private static Map<String, Pattern> formats(String... countriesAndPatterns) {
        Map<String, Pattern> formats = new TreeMap<>();
        for (int i = 0; i < countriesAndPatterns.length; i += 2) {
            if (formats.put(countriesAndPatterns[i], Pattern.compile(countriesAndPatterns[i + 1])) != null) {
                throw new IllegalStateException("postal code format of " + countriesAndPatterns[i] + " given twice");
            }
        }
        return Map.copyOf(formats);
    }
}
