package io.leadstream.capture.imports;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One row of an import body: its number ({@code row}, 1-based: CSV data records after the header, NDJSON non-blank
 * lines), the line of the body it starts on (1-based, the CSV header is line 1), and either its fields as the
 * request's JSON or why it could not be read.
 */
public record ImportRow(long row, long line, ObjectNode fields, String error) {

    public static ImportRow of(long row, long line, ObjectNode fields) {
        return new ImportRow(row, line, fields, null);
    }

    public static ImportRow malformed(long row, long line, String error) {
        return new ImportRow(row, line, null, error);
    }

    public boolean malformed() {
        return error != null;
    }
}
