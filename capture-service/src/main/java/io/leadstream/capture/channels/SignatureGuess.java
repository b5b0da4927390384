package io.leadstream.capture.channels;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

/**
 * A phone number and a company guessed from the signature of an email's text: the lines after a signature delimiter
 * ({@code -- }) or else the last lines before any quoted text. The phone is the first number libphonenumber finds
 * there and holds valid (national numbers read in {@code region}; without one, only international ones), in E.164;
 * the company the first line that is a name ending in a legal form (GmbH, Ltd, Inc., S.A., B.V., …): its words
 * capitalised but for a few joining words, so that a sentence ending in "AG" is not one. Either is null when none is
 * found. Guesses: the caller marks them as such. Pure.
 */
public record SignatureGuess(String phone, String company) {

    /** Lines read when the mail has no signature delimiter. */
    static final int LAST_LINES = 8;
    private static final Pattern QUOTE_INTRO = Pattern.compile("^(On .+ wrote:|Am .+ schrieb .+:|Le .+ a écrit ?:|"
            + "-{2,} ?(Original Message|Ursprüngliche Nachricht|Forwarded message) ?-{2,}|From: .+)$");
    private static final Pattern LEGAL_FORM = Pattern.compile("^[\\p{L}\\p{N}][\\p{L}\\p{N} &.,'+\\-]{0,150}\\b("
            + "GmbH|gGmbH|AG|KG|UG|e\\.\\s?K\\.|Ltd\\.?|Limited|LLC|LLP|Inc\\.?|Corp\\.?|Corporation|plc|PLC|Pty|"
            + "S\\.A\\.S?\\.?|SAS|SARL|S\\.à r\\.l\\.|B\\.V\\.?|BV|N\\.V\\.?|NV|S\\.L\\.?|S\\.p\\.A\\.?|S\\.r\\.l\\.?|"
            + "Oy|AB|ApS|A/S|AS|Sp\\. z o\\.o\\.|s\\.r\\.o\\.|Kft\\.?)\\)?$");
    private static final Set<String> JOINING = Set.of("&", "+", "-", "and", "und", "et", "de",
            "del", "der", "des", "di", "du", "la", "le", "of", "the", "van", "von", "y", "für", "for");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private static final SignatureGuess NOTHING = new SignatureGuess(null, null);

    /** What the signature of {@code text} gives. */
    public static SignatureGuess of(String text, String region) {
        List<String> lines = signature(text);
        if (lines.isEmpty()) {
            return NOTHING;
        }
        String block = String.join("\n", lines);
        String phone = null;
        for (PhoneNumberMatch match : PHONES.findNumbers(block, region == null ? "ZZ" : region,
                PhoneNumberUtil.Leniency.VALID, 10_000)) {
            phone = PHONES.format(match.number(), PhoneNumberUtil.PhoneNumberFormat.E164);
            break;
        }
        String company = null;
        for (String line : lines) {
            String candidate = line.strip();
            Matcher form = LEGAL_FORM.matcher(candidate);
            if (candidate.length() <= 200 && form.matches() && named(candidate.substring(0, form.start(1)))) {
                company = candidate;
                break;
            }
        }
        return new SignatureGuess(phone, company);
    }

    /** Whether every word before the legal form is capitalised (or a digit, or a joining word): not a sentence. */
    private static boolean named(String name) {
        for (String word : name.strip().split("\\s+")) {
            int first = word.codePointAt(0);
            if (!Character.isUpperCase(first) && !Character.isDigit(first) && !JOINING.contains(word)) {
                return false;
            }
        }
        return true;
    }

    /** Whether anything was found. */
    public boolean any() {
        return phone != null || company != null;
    }

    /** The signature's lines: after the last delimiter before any quoted text, else the last few lines of it. */
    static List<String> signature(String text) {
        List<String> own = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String stripped = line.strip();
            if (stripped.startsWith(">") || QUOTE_INTRO.matcher(stripped).matches()) {
                break;
            }
            own.add(line.replace("\r", ""));
        }
        int delimiter = -1;
        for (int i = 0; i < own.size(); i++) {
            if (own.get(i).equals("-- ") || own.get(i).equals("--")) {
                delimiter = i;
            }
        }
        List<String> lines = new ArrayList<>();
        if (delimiter >= 0) {
            own.subList(delimiter + 1, own.size()).stream().filter(l -> !l.isBlank()).forEach(lines::add);
            return lines;
        }
        own.stream().filter(l -> !l.isBlank()).forEach(lines::add);
        return lines.size() <= LAST_LINES ? lines : lines.subList(lines.size() - LAST_LINES, lines.size());
    }
}
