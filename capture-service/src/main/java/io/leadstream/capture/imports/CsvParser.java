package io.leadstream.capture.imports;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A lazy RFC 4180 reader: one record per {@link #next()}, read from the underlying {@link Reader} only as far as
 * that record goes, so a body of any length is read in constant memory.
 * <ul>
 * <li>Fields are separated by {@code ,}; records end with CRLF, LF or a lone CR (outside quotes).</li>
 * <li>A field in double quotes may contain commas, line breaks and quotes written twice ({@code ""}); a line break
 * inside quotes (CRLF, LF or CR) becomes {@code \n}.</li>
 * <li>Empty lines between records are skipped; a byte-order mark at the start is ignored.</li>
 * <li>A malformed record (a quote inside an unquoted field, text after a closing quote, a quote never closed, more
 * than {@code maxRecordChars} characters) is still returned, with {@link Record#error()} saying why, and parsing
 * goes on with the next record. A quote never closed swallows the rest of the body: one malformed record, as RFC
 * 4180 leaves no way to tell where it should have ended. Characters beyond {@code maxRecordChars} are read but not
 * kept, so memory stays bounded.</li>
 * </ul>
 * Not thread-safe.
 */
public final class CsvParser {

    /**
     * One record: its fields, the line it starts on (1-based, counting line breaks inside quoted fields too) and
     * the reason it is malformed, or null.
     */
    public record Record(List<String> fields, long line, String error) {

        public boolean malformed() {
            return error != null;
        }
    }

    private enum State {
        FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED
    }

    private static final int EOF = CharInput.EOF;

    private final CharInput input;
    private final int maxRecordChars;
    private boolean ended;
    /** The last character read was a CR ending a line: a LF right after it belongs to the same line break. */
    private boolean afterCr;
    /** The line of the next character (1-based). */
    private long line = 1;

    public CsvParser(Reader reader, int maxRecordChars) {
        this.input = new CharInput(reader);
        this.maxRecordChars = maxRecordChars;
    }

    /** The next record, or null at the end of the input. */
    public Record next() throws IOException {
        if (ended) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        State state = State.FIELD_START;
        String error = null;
        long start = line;
        long quoteLine = 0;
        int chars = 0;
        boolean any = false;
        while (true) {
            long lineOfChar = line;
            int c = read();
            if (c == EOF) {
                ended = true;
                if (!any) {
                    return null;
                }
                if (state == State.QUOTED) {
                    error = first(error, "a quoted field opened on line " + quoteLine + " is never closed");
                }
                fields.add(field.toString());
                return new Record(fields, start, error);
            }
            boolean lineBreak = c == '\n';
            if (!any) {
                if (lineBreak) {
                    start = line; // an empty line between records
                    continue;
                }
                any = true;
                start = lineOfChar;
            }
            if (++chars > maxRecordChars && error == null) {
                error = "the row is longer than " + maxRecordChars + " characters";
            }
            boolean keep = chars <= maxRecordChars;
            switch (state) {
                case FIELD_START, UNQUOTED -> {
                    if (c == ',') {
                        fields.add(field.toString());
                        field.setLength(0);
                        state = State.FIELD_START;
                    } else if (lineBreak) {
                        fields.add(field.toString());
                        return new Record(fields, start, error);
                    } else if (c == '"' && state == State.FIELD_START) {
                        state = State.QUOTED;
                        quoteLine = lineOfChar;
                    } else {
                        if (c == '"') {
                            error = first(error, "a quote inside an unquoted field (quote the whole field and "
                                    + "write the quote twice)");
                        }
                        append(field, c, keep);
                        state = State.UNQUOTED;
                    }
                }
                case QUOTED -> {
                    if (c == '"') {
                        state = State.QUOTE_IN_QUOTED;
                    } else {
                        append(field, c, keep);
                    }
                }
                case QUOTE_IN_QUOTED -> {
                    if (c == '"') {
                        append(field, c, keep); // "" is one quote
                        state = State.QUOTED;
                    } else if (c == ',') {
                        fields.add(field.toString());
                        field.setLength(0);
                        state = State.FIELD_START;
                    } else if (lineBreak) {
                        fields.add(field.toString());
                        return new Record(fields, start, error);
                    } else {
                        error = first(error, "text after the closing quote of a field");
                        append(field, c, keep);
                        state = State.UNQUOTED;
                    }
                }
            }
        }
    }

    private static void append(StringBuilder field, int c, boolean keep) {
        if (keep) {
            field.append((char) c);
        }
    }

    private static String first(String error, String another) {
        return error != null ? error : another;
    }

    /**
     * The next character, with every line break (CRLF, LF or a lone CR) read as one {@code '\n'}: a record ends on
     * it, and a line break inside quotes is kept as {@code \n}.
     */
    private int read() throws IOException {
        while (true) {
            int c = input.read();
            boolean lfOfCrlf = c == '\n' && afterCr;
            afterCr = c == '\r';
            if (lfOfCrlf) {
                continue;
            }
            if (c == '\n' || c == '\r') {
                line++;
                return '\n';
            }
            return c;
        }
    }
}
