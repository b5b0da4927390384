package io.leadstream.capture.idempotency;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The SQL of {@code idempotency_key}. A claim, a read, a release and the purge are statements of their own (the plain
 * reactive client); completing a claim runs in the operation's transaction, so the key turns DONE with what the
 * operation wrote.
 */
@ApplicationScoped
public class IdempotencyRepository {

    static final String CLAIM = """
            insert into idempotency_key (scope, key, request_hash, state, claim_token, created_at, expires_at)
            values ($1, $2, $3, 'IN_FLIGHT', $4, now(), now() + make_interval(secs => $5))
            on conflict (scope, key) do update
               set request_hash = excluded.request_hash, state = 'IN_FLIGHT', claim_token = excluded.claim_token,
                   response_status = null, response_location = null, response_body = null, lead_id = null,
                   created_at = excluded.created_at, expires_at = excluded.expires_at
             where idempotency_key.expires_at <= now()
                or (idempotency_key.state = 'IN_FLIGHT' and idempotency_key.request_hash = excluded.request_hash
                    and idempotency_key.created_at <= now() - make_interval(secs => $6))
            returning claim_token""";
    static final String READ = """
            select request_hash, state, response_status, response_location, response_body, lead_id,
                   expires_at <= now() as expired, created_at <= now() - make_interval(secs => $3) as stale
              from idempotency_key where scope = $1 and key = $2""";
    static final String COMPLETE = """
            update idempotency_key set state = 'DONE', response_status = :status,
                   response_location = cast(:location as text), response_body = :body, lead_id = cast(:leadId as uuid)
             where scope = :scope and key = :key and claim_token = :token and state = 'IN_FLIGHT'""";
    static final String RELEASE = "delete from idempotency_key where scope = $1 and key = $2 and claim_token = $3 "
            + "and state = 'IN_FLIGHT'";
    static final int PURGE_BATCH = 5_000;
    static final String PURGE = "delete from idempotency_key where (scope, key) in "
            + "(select scope, key from idempotency_key where expires_at <= now() limit " + PURGE_BATCH + ")";

    /** A key as another request left it; {@code expired} and {@code stale} as the database's clock sees it. */
    public record Key(String requestHash, String state, Reply stored, boolean expired, boolean stale) {
    }

    private final Pool pool;

    public IdempotencyRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Claims the key for {@code token} (a new key, an expired one, or one left IN_FLIGHT with the same request for
     * longer than {@code staleSeconds}); answers whether it did.
     */
    public Uni<Boolean> claim(String scope, String key, String hash, UUID token, double ttlSeconds,
            double staleSeconds) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(scope, key, hash, token, ttlSeconds, staleSeconds))
                .map(rows -> rows.iterator().hasNext());
    }

    /** The key as it is, or null when there is none. */
    public Uni<Key> read(String scope, String key, double staleSeconds) {
        return pool.preparedQuery(READ).execute(Tuple.of(scope, key, staleSeconds)).map(rows -> {
            RowIterator<Row> it = rows.iterator();
            if (!it.hasNext()) {
                return null;
            }
            Row row = it.next();
            Reply stored = row.getInteger("response_status") == null ? null : new Reply(row.getInteger("response_status"),
                    row.getString("response_location"), row.getString("response_body"), true, row.getUUID("lead_id"));
            return new Key(row.getString("request_hash"), row.getString("state"), stored, row.getBoolean("expired"),
                    row.getBoolean("stale"));
        });
    }

    /** Marks the claim DONE with {@code reply} in the caller's transaction; answers whether the claim was ours still. */
    public Uni<Boolean> complete(String scope, String key, UUID token, Reply reply) {
        return Panache.getSession().chain(session -> session.createNativeQuery(COMPLETE)
                .setParameter("status", reply.status())
                .setParameter("location", reply.location())
                .setParameter("body", reply.body())
                .setParameter("leadId", reply.leadId() == null ? null : reply.leadId().toString())
                .setParameter("scope", scope)
                .setParameter("key", key)
                .setParameter("token", token)
                .executeUpdate())
                .map(updated -> updated == 1);
    }

    /** Deletes the claim if it is still ours and in flight. */
    public Uni<Void> release(String scope, String key, UUID token) {
        return pool.preparedQuery(RELEASE).execute(Tuple.of(scope, key, token)).replaceWithVoid();
    }

    /** Deletes up to {@link #PURGE_BATCH} expired keys; answers how many. */
    public Uni<Integer> purgeBatch() {
        return pool.query(PURGE).execute().map(rows -> rows.rowCount());
    }
}
