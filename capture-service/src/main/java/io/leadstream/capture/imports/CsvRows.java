package io.leadstream.capture.imports;

import java.io.IOException;
import java.io.Reader;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.chassis.problem.ProblemException;

/**
 * The rows of a CSV body ({@link CsvParser}): a header row naming the request's JSON fields ({@link Columns}), then
 * one lead per record. A record with another number of fields than the header, or a malformed one, becomes a
 * malformed row; the rows after it are read as usual.
 */
public final class CsvRows implements RowReader {

    private final CsvParser parser;
    private final Columns columns;
    private long row;

    private CsvRows(CsvParser parser, Columns columns) {
        this.parser = parser;
        this.columns = columns;
    }

    /**
     * Reads the header only. A 400 problem when the body is empty, the header is malformed or names a column that
     * is not a field of {@code type}.
     */
    public static CsvRows open(Reader reader, int maxRowChars, Class<?> type, ObjectMapper mapper) throws IOException {
        CsvParser parser = new CsvParser(reader, maxRowChars);
        CsvParser.Record header = parser.next();
        if (header == null) {
            throw RowReader.emptyBody();
        }
        if (header.malformed()) {
            throw ProblemException.badRequest("import-header", "the header row is malformed: " + header.error(),
                    List.of());
        }
        return new CsvRows(parser, Columns.of(header.fields(), type, mapper));
    }

    @Override
    public ImportRow next() throws IOException {
        CsvParser.Record record = parser.next();
        if (record == null) {
            return null;
        }
        row++;
        if (record.malformed()) {
            return ImportRow.malformed(row, record.line(), record.error());
        }
        if (record.fields().size() != columns.size()) {
            return ImportRow.malformed(row, record.line(), "the row has " + record.fields().size()
                    + " field(s), the header " + columns.size());
        }
        return ImportRow.of(row, record.line(), columns.toJson(record.fields()));
    }
}
