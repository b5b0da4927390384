package io.leadstream.insights.csv;

import java.util.StringJoiner;

/**
 * CSV as every insights answer gives it on {@code Accept: text/csv} (RFC 4180: CRLF line ends, a header row, a field
 * quoted when it holds a comma, quote or line break). A text field starting with {@code = + - @} is prefixed with
 * {@code '} so that a spreadsheet never runs it as a formula. Null is an empty field.
 */
public final class Csv {

    public static final String MEDIA_TYPE = "text/csv";
    /**
     * How a resource method serving CSV declares it ({@code @Produces}): CSV with a lower quality of source than the
     * JSON method beside it, so that a caller accepting anything ({@code *}{@code /*}) gets JSON, and CSV only when it
     * asks for it.
     */
    public static final String SERVED_TYPE = "text/csv;qs=0.5";

    private final StringBuilder out = new StringBuilder();

    /** A table whose first row names its columns. */
    public static Csv withHeader(String... columns) {
        return new Csv().row((Object[]) columns);
    }

    /** One row; numbers as they print, everything else as text. */
    public Csv row(Object... values) {
        StringJoiner line = new StringJoiner(",");
        for (Object value : values) {
            line.add(value == null ? "" : value instanceof Number ? value.toString() : field(value.toString()));
        }
        out.append(line).append("\r\n");
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    static String field(String value) {
        String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
