package io.leadstream.chassis.sql;

import java.time.Instant;
import java.time.ZoneOffset;

import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.reactive.mutiny.impl.MutinySessionImpl;
import org.hibernate.reactive.pool.ReactiveConnection;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Prepared statements on the connection of the caller's Panache transaction: the reactive PG client's prepared
 * queries ({@code $1, $2, …} placeholders), without Hibernate's entity and query machinery, yet committing or rolling
 * back with everything else the transaction does through Hibernate. For the hot paths where Hibernate costs more than
 * the statement (P7 in docs/benchmarks.md: a lead and its outbox row written this way take half the time of an entity
 * {@code persist()} and a native query): capture's new lead, every service's outbox row.
 * <p>
 * Hibernate Reactive keeps its connection to itself; the session's {@link ReactiveConnection} (Hibernate Reactive's
 * own SPI over the Vert.x {@code SqlConnection}, whose {@code update} and {@code execute} are the client's prepared
 * queries) is reached through its {@link MutinySessionImpl}. That is the one place the chassis depends on Hibernate
 * Reactive's implementation: an upgrade that changes it fails here, loudly, and in {@code TransactionSqlTest}.
 * <p>
 * What Hibernate holds but has not flushed is not written by these statements: a caller whose statement must see, or
 * reference, an entity persisted earlier in the transaction flushes first ({@link #flushed()}). Parameters are what
 * the reactive PG client takes, except {@link Instant}s, sent as UTC {@code OffsetDateTime}s. Repositories only (the
 * ArchUnit rules: SQL lives in repositories).
 */
public final class TransactionSql {

    private TransactionSql() {
    }

    /** Runs the prepared statement {@code sql} with {@code params}; answers the number of rows it changed. */
    public static Uni<Integer> update(String sql, Object... params) {
        Object[] values = values(params);
        return connection().chain(connection -> Uni.createFrom().completionStage(() -> connection.update(sql, values)));
    }

    /** Runs {@code sql}, a statement without parameters ({@code notify outbox_event}). */
    public static Uni<Void> execute(String sql) {
        return connection().chain(connection -> Uni.createFrom().completionStage(() -> connection.execute(sql)));
    }

    /** Flushes what the transaction's Hibernate session holds, so that the statements after it see it. */
    public static Uni<Void> flushed() {
        return session().chain(Mutiny.Session::flush);
    }

    private static Uni<Mutiny.Session> session() {
        return Panache.currentTransaction()
                .onItem().ifNull().failWith(() -> new IllegalStateException(
                        "TransactionSql must run inside the caller's transaction (@WithTransaction or Panache.withTransaction)"))
                .chain(transaction -> Panache.getSession());
    }

    private static Uni<ReactiveConnection> connection() {
        return session().map(session -> {
            if (session instanceof MutinySessionImpl hibernate) {
                return hibernate.getReactiveConnection();
            }
            throw new IllegalStateException("the Hibernate Reactive session is a " + session.getClass().getName()
                    + ", not the MutinySessionImpl whose connection TransactionSql uses");
        });
    }

    private static Object[] values(Object[] params) {
        Object[] values = params.clone();
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof Instant instant) {
                values[i] = instant.atOffset(ZoneOffset.UTC);
            }
        }
        return values;
    }
}
