package io.leadstream.capture.imports.rest;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.leadstream.capture.imports.LeadImport;
import io.leadstream.chassis.problem.Problem;

/**
 * The answer of {@code POST /api/leads/import}: one entry per row, in the order of the body, then the totals. It is
 * written while the body is read (never held in memory), so this record only describes its shape; the entries and
 * totals are written with the records below.
 */
@Schema(name = "LeadImportReport", description = "Written row by row while the body is read: `rows` in body order, "
        + "then `totals`, then `aborted` if the body could not be read to its end")
public record LeadImportReport(List<Row> rows, LeadImport.Totals totals,
        @Schema(description = "present only when reading the body failed part-way (a read timed out, the body was "
                + "cut off): the rows listed were imported, the rest were not read")
        @JsonInclude(JsonInclude.Include.NON_NULL) String aborted) {

    @Schema(name = "LeadImportRow")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Row(
            @Schema(description = "1-based: CSV data records after the header row, NDJSON non-blank lines") long row,
            @Schema(description = "the line of the body the row starts on (1-based; the CSV header is line 1)") long line,
            LeadImport.Outcome outcome,
            @Schema(description = "the new lead, or the lead it was merged into") UUID leadId,
            @Schema(description = "why the row was rejected or failed") String detail,
            @Schema(description = "the row's invalid fields, as in a 400 of POST /api/leads") List<Problem.FieldError> errors) {
    }
}
