package io.leadstream.capture.imports;

import java.io.IOException;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolationException;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.leadstream.chassis.access.Viewer;
import io.leadstream.capture.intake.CaptureLead;
import io.leadstream.capture.intake.Captured;
import io.leadstream.capture.intake.LeadIntake;
import io.leadstream.capture.intake.Origin;
import io.leadstream.capture.model.LeadSubmission;
import io.leadstream.chassis.problem.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.vertx.VertxContextSupport;

/**
 * Bulk import: every row goes through {@link LeadIntake#capture} exactly as a {@code POST /api/leads} without
 * an Idempotency-Key would (validation, normalisation, de-duplication by the row's source policy, the outbox event),
 * in a transaction of its own, so a bad row is rejected without touching the others and a row once reported stored
 * stays stored whatever happens to the rest of the import.
 * <p>
 * Rows are read and imported one at a time on the calling (worker) thread; each row's {@code Uni} runs on the Vert.x
 * context with {@link VertxContextSupport#subscribeAndAwait}. Nothing of a row outlives it, so memory does not grow
 * with the number of rows.
 */
@ApplicationScoped
public class LeadImport {

    /** The source of rows that name none. */
    public static final String DEFAULT_SOURCE = "import";
    /** Where imports are posted. */
    public static final String PATH = "/api/leads/import";
    static final int PROGRESS_EVERY = 10_000;

    /** What became of a row. */
    @Schema(name = "LeadImportOutcome", description = "CREATED: a new lead; MERGED: merged into the existing lead with "
            + "the same email or phone (leadId is that lead); FLAGGED: a new lead recorded as a suspected duplicate "
            + "(source policy flag); REJECTED: invalid or unreadable, see detail and errors, fix and send again; "
            + "FAILED: our side failed, send the row again")
    public enum Outcome {
        CREATED, MERGED, FLAGGED, REJECTED, FAILED
    }

    @Schema(name = "LeadImportTotals", description = "rows = created + merged + flagged + rejected + failed")
    public record Totals(long rows, long created, long merged, long flagged, long rejected, long failed) {
    }

    /**
     * One row's result: stored ({@code leadId}: the new lead, or the lead it was merged into), or rejected or failed
     * with the reason: {@code detail}, or the {@code refusal} capture (or reading the row) failed with, which the
     * caller describes.
     */
    public record Imported(long row, long line, Outcome outcome, UUID leadId, String detail, Throwable refusal) {

        static Imported stored(ImportRow row, Outcome outcome, UUID leadId) {
            return new Imported(row.row(), row.line(), outcome, leadId, null, null);
        }

        static Imported rejected(ImportRow row, String detail) {
            return new Imported(row.row(), row.line(), Outcome.REJECTED, null, detail, null);
        }

        static Imported refused(ImportRow row, Throwable refusal) {
            return new Imported(row.row(), row.line(), Outcome.REJECTED, null, null, refusal);
        }

        static Imported failed(ImportRow row, String detail) {
            return new Imported(row.row(), row.line(), Outcome.FAILED, null, detail, null);
        }
    }

    /** What an import came to; {@code aborted} says why the body was not read to its end, else null. */
    public record Summary(Totals totals, String aborted) {
    }

    private final LeadIntake capture;
    private final ObjectMapper mapper;

    public LeadImport(LeadIntake capture, ObjectMapper mapper) {
        this.capture = capture;
        this.mapper = mapper;
    }

    /**
     * Imports every row, handing each one's result to {@code report} as soon as it is known. Blocks: call it on a
     * worker thread. A failure to read the body ends the import (the rows before it stay imported) and is returned
     * as {@link Summary#aborted()}; a failure of {@code report} (the client went away) ends it with that failure.
     *
     * @param caller who imports: recorded as {@code merged_by}
     */
    public Summary run(RowReader rows, Viewer caller, Consumer<Imported> report) {
        Counter counter = new Counter();
        long started = System.nanoTime();
        String aborted = null;
        try {
            while (true) {
                ImportRow row;
                try {
                    row = rows.next();
                } catch (IOException | RuntimeException e) {
                    aborted = "reading the body failed after row " + counter.rows + ": " + reason(e)
                            + "; the rows reported were imported, the rest were not read";
                    Log.warnf("import by %s: %s", caller.name(), aborted);
                    break;
                }
                if (row == null) {
                    break;
                }
                Imported result = importRow(row, caller);
                counter.add(result.outcome());
                report.accept(result);
                if (counter.rows % PROGRESS_EVERY == 0) {
                    Log.infof("import by %s: %d rows so far (%s), %.0f rows/s", caller.name(), counter.rows, counter,
                            rate(counter.rows, started));
                }
            }
        } finally {
            Log.infof("import by %s %s after %d rows (%s) in %.1f s, %.0f rows/s", caller.name(),
                    aborted == null ? "finished" : "stopped", counter.rows, counter,
                    (System.nanoTime() - started) / 1e9, rate(counter.rows, started));
        }
        return new Summary(counter.totals(), aborted);
    }

    /** One row through {@link LeadIntake#capture}, in a transaction of its own. Blocks. */
    Imported importRow(ImportRow row, Viewer caller) {
        if (row.malformed()) {
            return Imported.rejected(row, row.error());
        }
        LeadSubmission request;
        try {
            request = requestOf(row.fields());
        } catch (IllegalArgumentException e) {
            return Imported.refused(row, e);
        }
        try {
            Captured captured = VertxContextSupport.subscribeAndAwait(() -> capture
                    .capture(new CaptureLead(request, Origin.capturedBy(caller.name()), caller)));
            return Imported.stored(row, outcome(captured), captured.lead().id);
        } catch (ConstraintViolationException e) {
            return Imported.refused(row, e);
        } catch (ProblemException e) {
            if (e.problem().status() < 500) {
                return Imported.refused(row, e);
            }
            return failed(row, e);
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            return failed(row, e);
        }
    }

    /**
     * The one place an import row becomes a {@link LeadSubmission}: its JSON fields (CSV columns or an NDJSON
     * object), with {@value #DEFAULT_SOURCE} as source when it names none, through Jackson as a JSON body would be.
     */
    public LeadSubmission requestOf(ObjectNode fields) {
        JsonNode source = fields.get("source");
        if (source == null || source.isNull() || source.isTextual() && source.asText().isBlank()) {
            fields.put("source", DEFAULT_SOURCE);
        }
        return mapper.convertValue(fields, LeadSubmission.class);
    }

    private static Outcome outcome(Captured captured) {
        return switch (captured.outcome()) {
            case CREATED -> Outcome.CREATED;
            case FLAGGED -> Outcome.FLAGGED;
            case MERGED -> Outcome.MERGED;
        };
    }

    private static Imported failed(ImportRow row, Throwable e) {
        String reference = UUID.randomUUID().toString();
        Log.errorf(e, "import: row %d failed, reference %s", row.row(), reference);
        return Imported.failed(row, "storing the row failed on our side; send it again (reference " + reference + ")");
    }

    private static String reason(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static double rate(long rows, long started) {
        double seconds = (System.nanoTime() - started) / 1e9;
        return seconds <= 0 ? 0 : rows / seconds;
    }

    /** Running totals. */
    private static final class Counter {
        long rows;
        long created;
        long merged;
        long flagged;
        long rejected;
        long failed;

        void add(Outcome outcome) {
            rows++;
            switch (outcome) {
                case CREATED -> created++;
                case MERGED -> merged++;
                case FLAGGED -> flagged++;
                case REJECTED -> rejected++;
                case FAILED -> failed++;
            }
        }

        Totals totals() {
            return new Totals(rows, created, merged, flagged, rejected, failed);
        }

        @Override
        public String toString() {
            return created + " created, " + merged + " merged, " + flagged + " flagged, " + rejected + " rejected, "
                    + failed + " failed";
        }
    }
}
