package io.leadstream.chassis.inbox;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.common.errors.RetriableException;
import org.hibernate.JDBCException;
import org.hibernate.exception.JDBCConnectionException;
import org.hibernate.exception.LockAcquisitionException;

import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;

/**
 * Tells a failure that will pass (the database or broker unavailable, a timeout, a serialization conflict or
 * deadlock) from one that will not (a bug, a constraint the event violates, an unreadable event). The cause chain
 * is searched, because Hibernate Reactive, Mutiny and Vert.x wrap what the driver threw.
 */
public final class Failures {

    /** What a failed attempt to apply an event means for the next attempt. */
    public enum Kind {
        /** Will pass: retry with back-off for as long as it lasts, holding the partition. */
        TRANSIENT,
        /** May be a fluke, probably not: a few retries, then the dead-letter topic. */
        PERMANENT,
        /** Can never succeed (no ce_id, data that does not fit the record): straight to the dead-letter topic. */
        MALFORMED,
        /**
         * Must not be applied yet: its lead's earlier event was dead-lettered ({@link HeldEventException}); straight to
         * the dead-letter topic after it, to be replayed with it.
         */
        HELD
    }

    /**
     * PostgreSQL SQLSTATE classes and codes that name a passing condition: 08 connection exception, 53 insufficient
     * resources, 57P01-03 server shutting down or starting, 40001 serialization failure, 40P01 deadlock, 55P03 lock
     * not available, 57014 statement timeout (query canceled).
     */
    static final Set<String> TRANSIENT_SQLSTATE_CLASSES = Set.of("08", "53");
    static final Set<String> TRANSIENT_SQLSTATES = Set.of("57P01", "57P02", "57P03", "40001", "40P01", "55P03", "57014");

    private Failures() {
    }

    public static Kind classify(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Kind kind = Kind.PERMANENT;
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof MalformedEventException) {
                return Kind.MALFORMED;
            }
            if (t instanceof HeldEventException) {
                return Kind.HELD;
            }
            if (isTransient(t)) {
                kind = Kind.TRANSIENT;
            }
        }
        return kind;
    }

    /**
     * One line for a log or an error field: the failure's type and message, and its root cause's when it wraps one
     * (Hibernate Reactive, Mutiny and Vert.x wrap what the driver threw).
     */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return root == failure ? text : text + " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    static boolean isTransient(Throwable t) {
        if (t instanceof TransientEventFailure || t instanceof ConnectException || t instanceof NoRouteToHostException
                || t instanceof UnknownHostException || t instanceof SocketTimeoutException || t instanceof SocketException
                || t instanceof ClosedChannelException || t instanceof TimeoutException
                || t instanceof ClosedConnectionException || t instanceof JDBCConnectionException
                || t instanceof LockAcquisitionException || t instanceof RetriableException
                || t instanceof io.vertx.core.http.ConnectionPoolTooBusyException
                || t instanceof jakarta.persistence.LockTimeoutException || t instanceof jakarta.persistence.QueryTimeoutException
                || t instanceof jakarta.persistence.PessimisticLockException) {
            return true;
        }
        String sqlState = t instanceof DatabaseException db ? db.getSqlState()
                : t instanceof JDBCException jdbc ? jdbc.getSQLState()
                : t instanceof SQLException sql ? sql.getSQLState() : null;
        return sqlState != null && (TRANSIENT_SQLSTATES.contains(sqlState)
                || sqlState.length() >= 2 && TRANSIENT_SQLSTATE_CLASSES.contains(sqlState.substring(0, 2)));
    }
}
