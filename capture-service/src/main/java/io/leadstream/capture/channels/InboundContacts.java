package io.leadstream.capture.channels;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.capture.model.Lead;
import io.leadstream.chassis.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The contacts that arrive through the inquiry channels (WhatsApp messages, Google Ads lead forms, logged calls),
 * one {@code inbound_contact} row each, keyed by the channel's own id: a webhook delivered again finds its row and
 * creates nothing. A channel handles a contact inside one transaction that first {@link #lock}s the channel's id, so
 * two deliveries of one contact at the same time are handled one after the other, the second finding the first's
 * row. Every contact recorded on a lead is announced as {@code lead.inquired} in the same transaction (metadata only).
 */
@ApplicationScoped
public class InboundContacts {

    /** What a contact did: created a lead, was merged into one by de-duplication, was logged on a known lead. */
    public enum Outcome {
        CREATED, MERGED, INQUIRY, REJECTED
    }

    /**
     * One contact as its channel described it. {@code details} must hold no personal data (ids, types, flags);
     * {@code note} may (a call's summary) and never leaves capture-service.
     */
    public record Contact(String channel, String externalId, Instant receivedAt, String messageType,
            Integer textLength, String direction, Integer durationSeconds, String callOutcome, boolean test,
            Map<String, Object> details, String note) {
    }

    /** A recorded contact; {@code fresh} is false when the channel's id had been recorded before (a redelivery). */
    public record Recorded(UUID id, UUID leadId, Outcome outcome, boolean fresh) {
    }

    static final String LOCK = "select 1 from pg_advisory_xact_lock(hashtextextended(:key, 0))";
    static final String INSERT = """
            insert into inbound_contact (id, channel, external_id, lead_id, outcome, received_at, recorded_at, test,
                                         details, note)
            values (:id, :channel, cast(:externalId as text), cast(:leadId as uuid), :outcome, :receivedAt, :recordedAt,
                    :test, cast(cast(:details as text) as jsonb), cast(:note as text))
            on conflict (channel, external_id) do nothing""";
    static final String FIND = "select id, lead_id, outcome from inbound_contact where channel = $1 and external_id = $2";

    private final Pool pool;
    private final Outbox outbox;
    private final ObjectMapper mapper;

    public InboundContacts(Pool pool, Outbox outbox, ObjectMapper mapper) {
        this.pool = pool;
        this.outbox = outbox;
        this.mapper = mapper;
    }

    /**
     * In the caller's transaction, waits for any other transaction handling the contact with this channel id to end
     * (a transaction-scoped advisory lock); nothing without an id.
     */
    public Uni<Void> lock(String channel, String externalId) {
        if (externalId == null) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(LOCK)
                .setParameter("key", "inbound_contact:" + channel + ":" + externalId).getSingleResult())
                .replaceWithVoid();
    }

    /** The contact recorded under this channel id, or null (also null without an id). */
    public Uni<Recorded> find(String channel, String externalId) {
        if (externalId == null) {
            return Uni.createFrom().nullItem();
        }
        return pool.preparedQuery(FIND).execute(Tuple.of(channel, externalId)).map(rows -> {
            RowIterator<Row> it = rows.iterator();
            if (!it.hasNext()) {
                return null;
            }
            Row row = it.next();
            return new Recorded(row.getUUID("id"), row.getUUID("lead_id"), Outcome.valueOf(row.getString("outcome")),
                    false);
        });
    }

    /** The oldest lead with this E.164 phone, or null (in the caller's session). */
    public Uni<Lead> leadWithPhone(String phone) {
        return Lead.<Lead>find("phone = ?1", Sort.by("createdAt").and("id"), phone).firstResult();
    }

    /**
     * In the caller's transaction: records the contact on lead {@code leadId} (null for a {@link Outcome#REJECTED}
     * contact, which gets no event) and announces it as {@code lead.inquired}. When the channel id was recorded
     * before, answers that earlier record instead and writes nothing.
     */
    public Uni<Recorded> record(UUID leadId, Outcome outcome, Contact contact) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT)
                .setParameter("id", id)
                .setParameter("channel", contact.channel())
                .setParameter("externalId", contact.externalId())
                .setParameter("leadId", leadId == null ? null : leadId.toString())
                .setParameter("outcome", outcome.name())
                .setParameter("receivedAt", contact.receivedAt().truncatedTo(ChronoUnit.MICROS))
                .setParameter("recordedAt", now)
                .setParameter("test", contact.test())
                .setParameter("details", json(contact.details() == null ? Map.of() : contact.details()))
                .setParameter("note", contact.note())
                .executeUpdate())
                .chain(inserted -> inserted == 1
                        ? announce(id, leadId, outcome, contact).replaceWith(new Recorded(id, leadId, outcome, true))
                        : earlier(contact));
    }

    /** Records a contact that could not become a lead (so a redelivery is skipped), in a transaction of its own. */
    public Uni<Recorded> rejected(Contact contact) {
        return Panache.withTransaction(() -> record(null, Outcome.REJECTED, contact));
    }

    /** The row a concurrent delivery of the same contact inserted first (committed: the insert waited for it). */
    private Uni<Recorded> earlier(Contact contact) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "select cast(id as text), cast(lead_id as text), outcome from inbound_contact "
                        + "where channel = :channel and external_id = :externalId", Object[].class)
                .setParameter("channel", contact.channel())
                .setParameter("externalId", contact.externalId())
                .getSingleResult())
                .map(row -> new Recorded(UUID.fromString((String) row[0]),
                        row[1] == null ? null : UUID.fromString((String) row[1]), Outcome.valueOf((String) row[2]), false));
    }

    private Uni<Void> announce(UUID id, UUID leadId, Outcome outcome, Contact contact) {
        if (outcome == Outcome.REJECTED) {
            return Uni.createFrom().voidItem();
        }
        LeadInquired event = new LeadInquired(id, leadId, contact.channel(), outcome == Outcome.CREATED,
                contact.messageType(), contact.receivedAt().truncatedTo(ChronoUnit.MICROS), contact.textLength(),
                contact.direction(), contact.durationSeconds(), contact.callOutcome(), contact.test() ? Boolean.TRUE : null);
        return outbox.record(leadId, event).replaceWithVoid();
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
