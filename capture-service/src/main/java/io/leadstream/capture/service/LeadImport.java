package io.leadstream.capture.service;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolationException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.leadstream.capture.config.DedupConfig;
import io.leadstream.capture.imports.ImportRow;
import io.leadstream.capture.imports.RowReader;
import io.leadstream.capture.rest.CaptureLeadRequest;
import io.leadstream.capture.rest.LeadImportReport.Outcome;
import io.leadstream.capture.rest.LeadImportReport.Row;
import io.leadstream.capture.rest.LeadImportReport.Totals;
import io.leadstream.chassis.problem.Problem;
import io.leadstream.chassis.problem.ProblemException;
import io.leadstream.chassis.problem.ProblemMappers;
import io.quarkus.logging.Log;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Bulk import: every row goes through {@link CaptureService#capture} exactly as a {@code POST /api/leads} without
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
    /** The path given to {@link CaptureService#capture} (the instance of its problems). */
    public static final String PATH = "/api/leads/import";
    static final int PROGRESS_EVERY = 10_000;
    static final String FLAGGED = "select exists (select 1 from lead_duplicate where lead_id = $1)";

    /** What an import came to; {@code aborted} says why the body was not read to its end, else null. */
    public record Summary(Totals totals, String aborted) {
    }

    private final CaptureService capture;
    private final ObjectMapper mapper;
    private final DedupConfig dedup;
    private final Pool pool;
    private final ProblemMappers problems = new ProblemMappers();

    public LeadImport(CaptureService capture, ObjectMapper mapper, DedupConfig dedup, Pool pool) {
        this.capture = capture;
        this.mapper = mapper;
        this.dedup = dedup;
        this.pool = pool;
    }

    /**
     * Imports every row, handing each one's result to {@code report} as soon as it is known. Blocks: call it on a
     * worker thread. A failure to read the body ends the import (the rows before it stay imported) and is returned
     * as {@link Summary#aborted()}; a failure of {@code report} (the client went away) ends it with that failure.
     *
     * @param locate the URI of a lead, given to {@link CaptureService#capture}
     * @param caller the caller's principal, recorded as {@code merged_by}
     */
    public Summary run(RowReader rows, String caller, Function<UUID, URI> locate, Consumer<Row> report) {
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
                    Log.warnf("import by %s: %s", caller, aborted);
                    break;
                }
                if (row == null) {
                    break;
                }
                Row result = importRow(row, caller, locate);
                counter.add(result.outcome());
                report.accept(result);
                if (counter.rows % PROGRESS_EVERY == 0) {
                    Log.infof("import by %s: %d rows so far (%s), %.0f rows/s", caller, counter.rows, counter,
                            rate(counter.rows, started));
                }
            }
        } finally {
            Log.infof("import by %s %s after %d rows (%s) in %.1f s, %.0f rows/s", caller,
                    aborted == null ? "finished" : "stopped", counter.rows, counter,
                    (System.nanoTime() - started) / 1e9, rate(counter.rows, started));
        }
        return new Summary(counter.totals(), aborted);
    }

    /** One row through {@link CaptureService#capture}, in a transaction of its own. Blocks. */
    Row importRow(ImportRow row, String caller, Function<UUID, URI> locate) {
        if (row.malformed()) {
            return Row.rejected(row, row.error(), List.of());
        }
        CaptureLeadRequest request;
        try {
            request = requestOf(row.fields());
        } catch (IllegalArgumentException e) {
            return unreadable(row, e);
        }
        AtomicReference<UUID> lead = new AtomicReference<>();
        Function<UUID, URI> remember = id -> {
            lead.set(id);
            return locate.apply(id);
        };
        try {
            Outcome outcome = VertxContextSupport.subscribeAndAwait(() -> capture
                    .capture(request, Origin.API, null, PATH, remember, caller)
                    .chain(reply -> outcome(reply, request.source(), lead.get())));
            return Row.stored(row, outcome, lead.get());
        } catch (ConstraintViolationException e) {
            Problem problem = (Problem) problems.validation(e, null).getEntity();
            return Row.rejected(row, problem.detail(), problem.errors());
        } catch (ProblemException e) {
            if (e.problem().status() < 500) {
                return Row.rejected(row, e.problem().detail(), e.problem().errors());
            }
            return failed(row, e);
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            return failed(row, e);
        }
    }

    /**
     * The one place an import row becomes a {@link CaptureLeadRequest}: its JSON fields (CSV columns or an NDJSON
     * object), with {@value #DEFAULT_SOURCE} as source when it names none, through Jackson as a JSON body would be.
     */
    public CaptureLeadRequest requestOf(ObjectNode fields) {
        JsonNode source = fields.get("source");
        if (source == null || source.isNull() || source.isTextual() && source.asText().isBlank()) {
            fields.put("source", DEFAULT_SOURCE);
        }
        return mapper.convertValue(fields, CaptureLeadRequest.class);
    }

    /** 201 is a new lead (FLAGGED when its source flags duplicates and it was recorded as one), 200 a merge. */
    private Uni<Outcome> outcome(Reply reply, String source, UUID lead) {
        if (reply.status() == 200) {
            return Uni.createFrom().item(Outcome.MERGED);
        }
        if (reply.status() != 201) {
            return Uni.createFrom().failure(new IllegalStateException("capture answered " + reply.status()));
        }
        if (dedup.policyFor(source) != DedupConfig.Policy.FLAG) {
            return Uni.createFrom().item(Outcome.CREATED);
        }
        return pool.preparedQuery(FLAGGED).execute(Tuple.of(lead))
                .map(rows -> rows.iterator().next().getBoolean(0) ? Outcome.FLAGGED : Outcome.CREATED);
    }

    /** A field of the wrong type (an object where text belongs, a date that is none): rejected with its path. */
    private Row unreadable(ImportRow row, IllegalArgumentException e) {
        if (e.getCause() instanceof JsonProcessingException json
                && problems.unreadableJson(json, null).getEntity() instanceof Problem problem
                && !problem.errors().isEmpty()) {
            return Row.rejected(row, problem.errors().size() == 1 ? "1 field is invalid"
                    : problem.errors().size() + " fields are invalid", problem.errors());
        }
        return Row.rejected(row, "the row does not match the fields of a lead", List.of());
    }

    private static Row failed(ImportRow row, Throwable e) {
        String reference = UUID.randomUUID().toString();
        Log.errorf(e, "import: row %d failed, reference %s", row.row(), reference);
        return Row.failed(row, "storing the row failed on our side; send it again (reference " + reference + ")");
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
