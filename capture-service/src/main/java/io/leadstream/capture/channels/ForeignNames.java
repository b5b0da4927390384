package io.leadstream.capture.channels;

import java.util.regex.Pattern;

/**
 * First and last name from what a foreign channel knows: a WhatsApp profile name, a Google Ads FULL_NAME. A lead
 * needs both, so: the last word is the last name and the rest the first name ({@code Ada King Lovelace} → Ada King
 * / Lovelace); a single word is the first name with last name {@value #UNKNOWN}; nothing at all gives
 * {@value #UNKNOWN} / {@value #UNKNOWN}. {@code Unknown} is a placeholder, so the lead's {@code nameLooksReal} flag
 * is false and scoring sees the gap; a rep corrects the name later. Each part is cut to 100 characters.
 */
public final class ForeignNames {

    public static final String UNKNOWN = "Unknown";
    static final int MAX = 100;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    public record Split(String firstName, String lastName) {
    }

    private ForeignNames() {
    }

    /** {@code first} and {@code last} as given when present, else split from {@code full}, else the fallbacks. */
    public static Split of(String first, String last, String full) {
        String f = clean(first);
        String l = clean(last);
        if (f != null && l != null) {
            return new Split(cut(f), cut(l));
        }
        Split split = split(full);
        if (f == null && l == null) {
            return split;
        }
        // one part given: the other comes from a full name of two or more words, else it is the fallback
        boolean twoWords = !split.lastName().equals(UNKNOWN);
        return f != null ? new Split(cut(f), twoWords ? split.lastName() : UNKNOWN)
                : new Split(twoWords ? split.firstName() : UNKNOWN, cut(l));
    }

    /** Splits a full name at its last white space. */
    public static Split split(String full) {
        String name = clean(full);
        if (name == null) {
            return new Split(UNKNOWN, UNKNOWN);
        }
        int space = name.lastIndexOf(' ');
        if (space < 0) {
            return new Split(cut(name), UNKNOWN);
        }
        return new Split(cut(name.substring(0, space)), cut(name.substring(space + 1)));
    }

    private static String clean(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return WHITESPACE.matcher(value.strip()).replaceAll(" ");
    }

    private static String cut(String value) {
        return value.codePointCount(0, value.length()) <= MAX ? value
                : value.substring(0, value.offsetByCodePoints(0, MAX)).strip();
    }
}
