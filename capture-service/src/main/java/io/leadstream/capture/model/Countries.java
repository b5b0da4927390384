package io.leadstream.capture.model;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.google.i18n.phonenumbers.PhoneNumberUtil;

/** Countries to ISO 3166-1 alpha-2: from alpha-2, alpha-3 or the English name ("de", "DEU", "Germany" → "DE"). */
public final class Countries {

    private static final Map<String, String> BY_KEY = new HashMap<>();

    static {
        for (String code : PhoneNumberUtil.getInstance().getSupportedRegions()) {
            Locale locale = new Locale.Builder().setRegion(code).build();
            BY_KEY.put(code.toLowerCase(Locale.ROOT), code);
            try {
                BY_KEY.put(locale.getISO3Country().toLowerCase(Locale.ROOT), code);
            } catch (java.util.MissingResourceException ignored) {
                // no alpha-3 known for this region
            }
            BY_KEY.put(locale.getDisplayCountry(Locale.ENGLISH).toLowerCase(Locale.ROOT), code);
        }
        BY_KEY.put("uk", "GB");
        BY_KEY.put("usa", "US");
        BY_KEY.put("united states of america", "US");
    }

    private Countries() {
    }

    public static Optional<String> toAlpha2(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_KEY.get(raw.strip().toLowerCase(Locale.ROOT)));
    }
}
