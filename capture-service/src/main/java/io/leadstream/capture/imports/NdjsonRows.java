package io.leadstream.capture.imports;

import java.io.IOException;
import java.io.Reader;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The rows of an NDJSON body: one JSON object per line (LF or CRLF), blank lines skipped. A line that is not a
 * JSON object, or longer than {@code maxRowChars}, becomes a malformed row; the lines after it are read as usual.
 * Lines are read lazily and never kept beyond {@code maxRowChars} characters.
 */
public final class NdjsonRows implements RowReader {

    private record Line(long number, String text, boolean tooLong) {
    }

    private static final int EOF = CharInput.EOF;

    private final CharInput input;
    private final int maxRowChars;
    private final ObjectReader json;
    private long lineNumber;
    private long row;
    private Line pending;

    private NdjsonRows(Reader reader, int maxRowChars, ObjectMapper mapper) {
        this.input = new CharInput(reader);
        this.maxRowChars = maxRowChars;
        this.json = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** Reads up to the first non-blank line; a 400 problem when there is none. */
    public static NdjsonRows open(Reader reader, int maxRowChars, ObjectMapper mapper) throws IOException {
        NdjsonRows rows = new NdjsonRows(reader, maxRowChars, mapper);
        rows.pending = rows.nextLine();
        if (rows.pending == null) {
            throw RowReader.emptyBody();
        }
        return rows;
    }

    @Override
    public ImportRow next() throws IOException {
        Line line = pending != null ? pending : nextLine();
        pending = null;
        if (line == null) {
            return null;
        }
        row++;
        if (line.tooLong()) {
            return ImportRow.malformed(row, line.number(), "the line is longer than " + maxRowChars + " characters");
        }
        JsonNode node;
        try {
            node = json.readTree(line.text());
        } catch (JsonProcessingException e) {
            return ImportRow.malformed(row, line.number(), "the line is not valid JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            return ImportRow.malformed(row, line.number(), "the line is not a JSON object");
        }
        return ImportRow.of(row, line.number(), object);
    }

    /** The next line that is not blank, or null at the end. */
    private Line nextLine() throws IOException {
        StringBuilder text = new StringBuilder();
        while (true) {
            text.setLength(0);
            int length = 0;
            int c;
            boolean any = false;
            while ((c = input.read()) != EOF && c != '\n') {
                any = true;
                if (++length <= maxRowChars) {
                    text.append((char) c);
                }
            }
            if (c == EOF && !any) {
                return null;
            }
            lineNumber++;
            if (length > maxRowChars) {
                return new Line(lineNumber, null, true);
            }
            String line = text.toString();
            if (!line.isBlank()) {
                return new Line(lineNumber, line, false);
            }
            if (c == EOF) {
                return null;
            }
        }
    }
}
