package io.leadstream.insights.charts;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A picture as hand-written SVG: a fixed 800×450 canvas on a white background, the system's sans-serif font, and
 * every piece of text XML-escaped (keys come from users). Presentation attributes only (no style sheet), so that the
 * picture looks the same pasted into a slide, opened in a browser or drawn by a renderer.
 */
public final class Svg {

    public static final String MEDIA_TYPE = "image/svg+xml";

    static final int WIDTH = 800;
    static final int HEIGHT = 450;
    static final String FONT = "system-ui, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
    static final String BACKGROUND = "#ffffff";
    static final String INK = "#1f2933";
    static final String MUTED = "#5f6b7a";
    static final String GRID = "#d9dee5";
    static final String EN_DASH = " \u2013 ";
    static final String MIDDLE_DOT = " \u00b7 ";

    enum Anchor {
        START, MIDDLE, END
    }

    private final StringBuilder out = new StringBuilder(4096);

    /** A picture whose accessible name ({@code <title>}) is {@code title}. */
    Svg(String title) {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" font-family=\"").append(FONT).append("\" font-size=\"12\" fill=\"").append(INK)
                .append("\" role=\"img\">\n<title>").append(escape(title)).append("</title>\n")
                .append("<rect width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT).append("\" fill=\"")
                .append(BACKGROUND).append("\"/>\n");
    }

    /** The picture's title (top left, large) and, when not null, a line under it. */
    Svg heading(String title, String subtitle) {
        text(24, 34, title, Anchor.START, 20, INK, true, "title");
        if (subtitle != null) {
            text(24, 58, subtitle, Anchor.START, 13, MUTED, false, "subtitle");
        }
        return this;
    }

    /** "no leads", in the middle of the canvas. */
    Svg noLeads() {
        return text(WIDTH / 2.0, HEIGHT / 2.0 + 10, "no leads", Anchor.MIDDLE, 22, MUTED, false, "empty");
    }

    /** Opens a group whose rectangles share a fill ({@code </g>} with {@link #close()}). */
    Svg group(String cssClass, String fill) {
        out.append("<g class=\"").append(cssClass).append("\" fill=\"").append(fill).append("\">\n");
        return this;
    }

    Svg close() {
        out.append("</g>\n");
        return this;
    }

    /** A rectangle filled by its group. */
    Svg rect(double x, double y, double width, double height) {
        out.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"")
                .append(num(width)).append("\" height=\"").append(num(height)).append("\"/>\n");
        return this;
    }

    /** A rectangle of its own colour. */
    Svg rect(double x, double y, double width, double height, String fill) {
        out.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"")
                .append(num(width)).append("\" height=\"").append(num(height)).append("\" fill=\"").append(fill)
                .append("\"/>\n");
        return this;
    }

    Svg line(double x1, double y1, double x2, double y2, String stroke) {
        out.append("<line x1=\"").append(num(x1)).append("\" y1=\"").append(num(y1)).append("\" x2=\"")
                .append(num(x2)).append("\" y2=\"").append(num(y2)).append("\" stroke=\"").append(stroke)
                .append("\" stroke-width=\"1\"/>\n");
        return this;
    }

    /** Text whose baseline starts (ends, is centred) at x, y; {@code cssClass} names what it is. */
    Svg text(double x, double y, String text, Anchor anchor, int size, String fill, boolean bold, String cssClass) {
        out.append("<text class=\"").append(cssClass).append("\" x=\"").append(num(x)).append("\" y=\"")
                .append(num(y)).append('"');
        if (anchor != Anchor.START) {
            out.append(" text-anchor=\"").append(anchor == Anchor.MIDDLE ? "middle" : "end").append('"');
        }
        if (size != 12) {
            out.append(" font-size=\"").append(size).append('"');
        }
        if (!INK.equals(fill)) {
            out.append(" fill=\"").append(fill).append('"');
        }
        if (bold) {
            out.append(" font-weight=\"bold\"");
        }
        out.append('>').append(escape(text)).append("</text>\n");
        return this;
    }

    /** The finished document. */
    String end() {
        return out.append("</svg>\n").toString();
    }

    /**
     * {@code text} as XML character data or attribute value: {@code & < > " '} escaped, line breaks and tabs as
     * spaces, and characters XML 1.0 cannot hold (control characters, unpaired surrogates, U+FFFE, U+FFFF) as U+FFFD.
     */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                case '\t', '\n', '\r' -> escaped.append(' ');
                default -> {
                    boolean allowed = c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000;
                    escaped.appendCodePoint(allowed ? c : 0xFFFD);
                }
            }
        });
        return escaped.toString();
    }

    /** At most {@code max} characters of {@code text}, the last one an ellipsis when it was cut. */
    static String shorten(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "\u2026";
    }

    /** A coordinate: at most two decimals, no trailing zeros ({@code 12.5}, {@code 300}). */
    static String num(double value) {
        double rounded = Math.round(value * 100) / 100.0;
        return rounded == 0 ? "0" : BigDecimal.valueOf(rounded).stripTrailingZeros().toPlainString();
    }

    /** A ratio as a percentage with at most one decimal ({@code 0.6667} is {@code 66.7%}); null is a dash. */
    static String percent(Double ratio) {
        if (ratio == null) {
            return "\u2013";
        }
        return num(Math.round(ratio * 1000) / 10.0) + "%";
    }

    /**
     * The range [from, to) as a person reads it on {@code zone}'s calendar: whole days as their first and last day
     * ({@code 2033-02-01 – 2033-02-28}, or one day alone), anything else as the two local times.
     */
    static String range(Instant from, Instant to, ZoneId zone) {
        ZonedDateTime start = from.atZone(zone);
        ZonedDateTime end = to.atZone(zone);
        if (isMidnight(start) && isMidnight(end)) {
            LocalDate first = start.toLocalDate();
            LocalDate last = end.toLocalDate().minusDays(1);
            return last.isAfter(first) ? first + EN_DASH + last : first.toString();
        }
        DateTimeFormatter minutes = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
        return start.format(minutes) + EN_DASH + end.format(minutes);
    }

    private static boolean isMidnight(ZonedDateTime time) {
        // the start of its day, even where a daylight-saving change skips midnight
        return time.toLocalDate().atStartOfDay(time.getZone()).equals(time);
    }
}
