package io.leadstream.capture.channels;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;

/** The SQL of {@code inbound_contact}: one row per contact, unique by channel and the channel's own id. */
@ApplicationScoped
public class InboundContactRepository {

    static final String LOCK = "select 1 from pg_advisory_xact_lock(hashtextextended(:key, 0))";
    static final String INSERT = """
            insert into inbound_contact (id, channel, external_id, lead_id, outcome, received_at, recorded_at, test,
                                         details, note)
            values (:id, :channel, cast(:externalId as text), cast(:leadId as uuid), :outcome, :receivedAt, :recordedAt,
                    :test, cast(cast(:details as text) as jsonb), cast(:note as text))
            on conflict (channel, external_id) do nothing""";
    static final String FIND = "select id, lead_id, outcome from inbound_contact where channel = $1 and external_id = $2";
    static final String EARLIER = "select cast(id as text), cast(lead_id as text), outcome from inbound_contact "
            + "where channel = :channel and external_id = :externalId";

    /** A row as stored: its id, the lead (null for a rejected contact) and the outcome's name. */
    public record Stored(UUID id, UUID leadId, String outcome) {
    }

    private final Pool pool;

    public InboundContactRepository(Pool pool) {
        this.pool = pool;
    }

    /** Takes a transaction-scoped advisory lock on the channel id (in the caller's transaction). */
    public Uni<Void> lock(String channel, String externalId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(LOCK)
                .setParameter("key", "inbound_contact:" + channel + ":" + externalId).getSingleResult())
                .replaceWithVoid();
    }

    /** The row recorded under this channel id (committed), or null. */
    public Uni<Stored> find(String channel, String externalId) {
        return pool.preparedQuery(FIND).execute(Tuple.of(channel, externalId)).map(rows -> {
            RowIterator<Row> it = rows.iterator();
            if (!it.hasNext()) {
                return null;
            }
            Row row = it.next();
            return new Stored(row.getUUID("id"), row.getUUID("lead_id"), row.getString("outcome"));
        });
    }

    /**
     * Inserts a row in the caller's transaction; answers whether it was inserted (false: the channel id was recorded
     * by another transaction, which the insert waited for). {@code detailsJson} is a JSON object's text.
     */
    public Uni<Boolean> insert(UUID id, String channel, String externalId, UUID leadId, String outcome,
            Instant receivedAt, Instant recordedAt, boolean test, String detailsJson, String note) {
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT)
                .setParameter("id", id)
                .setParameter("channel", channel)
                .setParameter("externalId", externalId)
                .setParameter("leadId", leadId == null ? null : leadId.toString())
                .setParameter("outcome", outcome)
                .setParameter("receivedAt", receivedAt)
                .setParameter("recordedAt", recordedAt)
                .setParameter("test", test)
                .setParameter("details", detailsJson)
                .setParameter("note", note)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /** The row under this channel id, in the caller's transaction (after an insert found it there). */
    public Uni<Stored> earlier(String channel, String externalId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(EARLIER, Object[].class)
                .setParameter("channel", channel)
                .setParameter("externalId", externalId)
                .getSingleResult())
                .map(row -> new Stored(UUID.fromString((String) row[0]),
                        row[1] == null ? null : UUID.fromString((String) row[1]), (String) row[2]));
    }
}
