package io.leadstream.chassis.sql;

import java.time.Instant;
import java.time.ZoneOffset;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A purge of old rows, a chunk per statement so that no statement holds many locks or runs long: {@code sql} deletes
 * at most {@code $2} rows older than {@code $1}; it runs again while it deleted a full chunk. The chassis' outbox and
 * inbox maintenance use it.
 */
public final class ChunkedDelete {

    private ChunkedDelete() {
    }

    /** Runs {@code sql} with {@code before} and {@code chunk} until it deletes less than a chunk; answers how many. */
    public static Uni<Long> run(Pool pool, String sql, Instant before, int chunk) {
        return run(pool, sql, before, chunk, 0L);
    }

    private static Uni<Long> run(Pool pool, String sql, Instant before, int chunk, long soFar) {
        return pool.preparedQuery(sql).execute(Tuple.of(before.atOffset(ZoneOffset.UTC), chunk))
                .chain(result -> result.rowCount() < chunk ? Uni.createFrom().item(soFar + result.rowCount())
                        : run(pool, sql, before, chunk, soFar + result.rowCount()));
    }
}
