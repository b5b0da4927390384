package io.leadstream.scoring.enrichment;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** The provider's ratings and what each adds to a score. A rating we do not know counts as {@link #UNKNOWN}. */
public enum CreditRating {

    LOW_RISK(10, "low risk"),
    MEDIUM_RISK(0, "medium risk"),
    HIGH_RISK(-15, "high risk"),
    UNKNOWN(0, "risk unknown");

    private final int points;
    private final String words;

    CreditRating(int points, String words) {
        this.points = points;
        this.words = words;
    }

    public int points() {
        return points;
    }

    /** Tolerant reader: null, blank or a rating added by the provider later is {@link #UNKNOWN}. */
    public static CreditRating of(String rating) {
        if (rating != null) {
            for (CreditRating r : values()) {
                if (r.name().equalsIgnoreCase(rating.strip())) {
                    return r;
                }
            }
        }
        return UNKNOWN;
    }

    /** "credit check: low risk (limit 200 000 EUR)", with "by &lt;provider&gt;" when the provider names itself. */
    public String detail(BigDecimal limitAmount, String limitCurrency, String provider) {
        StringBuilder detail = new StringBuilder("credit check");
        String by = printable(provider);
        if (!by.isEmpty()) {
            detail.append(" by ").append(by);
        }
        detail.append(": ").append(words);
        if (limitAmount != null) {
            detail.append(" (limit ").append(amount(limitAmount));
            String currency = printable(limitCurrency);
            if (!currency.isEmpty()) {
                detail.append(' ').append(currency);
            }
            detail.append(')');
        }
        return detail.toString();
    }

    /** 200000 → "200 000", 1234.5 → "1 234.5". */
    static String amount(BigDecimal amount) {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
        symbols.setGroupingSeparator(' ');
        DecimalFormat format = new DecimalFormat("#,##0.##", symbols);
        return format.format(amount);
    }

    /** Text from outside shown to a rep: no control characters, short. */
    private static String printable(String text) {
        if (text == null) {
            return "";
        }
        String clean = text.replaceAll("\\p{Cntrl}", " ").strip();
        return clean.length() > 60 ? clean.substring(0, 60) : clean;
    }
}
