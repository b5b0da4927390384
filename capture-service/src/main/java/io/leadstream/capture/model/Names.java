package io.leadstream.capture.model;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Person names: trimmed, title-cased only where that is safe, and a guess whether they look real. */
public final class Names {

    private static final Set<String> PARTICLES = Set.of("van", "von", "der", "den", "de", "del", "della", "da", "di",
            "du", "la", "le", "al", "bin", "ter", "ten", "y");
    private static final Set<String> PLACEHOLDERS = Set.of("test", "tester", "testing", "asdf", "qwerty", "xxx", "abc",
            "foo", "bar", "na", "n/a", "none", "unknown", "anonymous", "nobody", "name", "firstname", "lastname",
            "first", "last", "sample", "demo", "fake", "dummy", "null", "undefined", "-", ".");
    private static final Pattern WORD = Pattern.compile("\\p{L}+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private Names() {
    }

    /**
     * Trims and folds runs of white space. A name written all in lower case or all in upper case is
     * title-cased ({@code ada lovelace} → {@code Ada Lovelace}, {@code LUDWIG VAN BEETHOVEN} →
     * {@code Ludwig van Beethoven}); a name in mixed case ({@code McDonald}, {@code d'Artagnan}) is
     * left exactly as written, because only its owner knows its capitals.
     */
    public static String normalise(String raw) {
        String name = WHITESPACE.matcher(raw.strip()).replaceAll(" ");
        boolean allLower = name.equals(name.toLowerCase(Locale.ROOT));
        boolean allUpper = name.equals(name.toUpperCase(Locale.ROOT));
        if (!(allLower || allUpper) || !WORD.matcher(name).find()) {
            return name;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        Matcher words = WORD.matcher(lower);
        int last = 0;
        boolean first = true;
        while (words.find()) {
            out.append(lower, last, words.start());
            String word = words.group();
            boolean particle = !first && PARTICLES.contains(word) && words.start() > 0 && lower.charAt(words.start() - 1) == ' ';
            out.append(particle ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
            last = words.end();
            first = false;
        }
        out.append(lower.substring(last));
        return out.toString();
    }

    /** False for placeholders and key-mashing: digits, no letters, one repeated letter, "test", "asdf", … */
    public static boolean looksReal(String firstName, String lastName) {
        return partLooksReal(firstName) && partLooksReal(lastName);
    }

    static boolean partLooksReal(String part) {
        if (part == null || part.isBlank()) {
            return false;
        }
        String p = part.strip().toLowerCase(Locale.ROOT);
        if (PLACEHOLDERS.contains(p) || p.chars().anyMatch(Character::isDigit) || !WORD.matcher(p).find()) {
            return false;
        }
        String letters = p.replaceAll("[^\\p{L}]", "");
        return letters.chars().distinct().count() > 1 || letters.length() == 1;
    }
}
