package io.leadstream.capture.imports;

import java.io.IOException;
import java.util.List;

import io.leadstream.chassis.problem.ProblemException;

/** The rows of an import body, read lazily one at a time. */
public interface RowReader {

    /** The next row, or null after the last one. */
    ImportRow next() throws IOException;

    /** A body without a single row (or, for CSV, without a header). */
    static ProblemException emptyBody() {
        return ProblemException.badRequest("empty-body", "the body is empty: send a header row and data rows (CSV) "
                + "or one JSON object per line (NDJSON)", List.of());
    }
}
