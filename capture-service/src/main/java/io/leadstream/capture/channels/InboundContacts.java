package io.leadstream.capture.channels;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.capture.intake.Captured;
import io.leadstream.capture.model.Json;
import io.leadstream.capture.model.Lead;
import io.leadstream.chassis.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The contacts that arrive through the inquiry channels (WhatsApp messages, Google Ads lead forms, logged calls, emails),
 * one {@code inbound_contact} row each, keyed by the channel's own id: a webhook delivered again finds its row and
 * creates nothing. A channel handles a contact inside one transaction that first {@link #lock}s the channel's id, so
 * two deliveries of one contact at the same time are handled one after the other, the second finding the first's
 * row. Every contact recorded on a lead is announced as {@code lead.inquired} in the same transaction (metadata only).
 */
@ApplicationScoped
public class InboundContacts {

    /**
     * What a contact did: created a lead, was merged into one by de-duplication, was logged on a known lead; could not
     * become a lead (rejected), or was machine traffic recorded and left alone (ignored: an auto-reply, a bounce).
     */
    public enum Outcome {
        CREATED, MERGED, INQUIRY, REJECTED, IGNORED
    }

    /**
     * One contact as its channel described it. {@code details} must hold no personal data (ids, types, flags);
     * {@code note} may (a call's summary, a mail's subject and text) and never leaves capture-service.
     * {@code replyToMessageId}: the message nurture sent that this one answers (an email reply), else null.
     */
    public record Contact(String channel, String externalId, Instant receivedAt, String messageType,
            Integer textLength, String direction, Integer durationSeconds, String callOutcome, boolean test,
            Map<String, Object> details, String note, UUID replyToMessageId) {

        /** A contact that answers no message of ours. */
        public Contact(String channel, String externalId, Instant receivedAt, String messageType, Integer textLength,
                String direction, Integer durationSeconds, String callOutcome, boolean test,
                Map<String, Object> details, String note) {
            this(channel, externalId, receivedAt, messageType, textLength, direction, durationSeconds, callOutcome,
                    test, details, note, null);
        }
    }

    /** What a contact came to, as a webhook reports it: a redelivery is a DUPLICATE, a merge into a lead an INQUIRY. */
    public enum Handled {
        LEAD, INQUIRY, DUPLICATE, IGNORED, REJECTED
    }

    /** A recorded contact; {@code fresh} is false when the channel's id had been recorded before (a redelivery). */
    public record Recorded(UUID id, UUID leadId, Outcome outcome, boolean fresh) {

        public Handled handled() {
            if (!fresh) {
                return Handled.DUPLICATE;
            }
            return switch (outcome) {
                case CREATED -> Handled.LEAD;
                case MERGED, INQUIRY -> Handled.INQUIRY;
                case REJECTED -> Handled.REJECTED;
                case IGNORED -> Handled.IGNORED;
            };
        }
    }

    private final InboundContactRepository rows;
    private final Outbox outbox;
    private final ObjectMapper mapper;

    public InboundContacts(InboundContactRepository rows, Outbox outbox, ObjectMapper mapper) {
        this.rows = rows;
        this.outbox = outbox;
        this.mapper = mapper;
    }

    /**
     * In the caller's transaction, waits for any other transaction handling the contact with this channel id to end
     * (a transaction-scoped advisory lock); nothing without an id.
     */
    public Uni<Void> lock(String channel, String externalId) {
        return externalId == null ? Uni.createFrom().voidItem() : rows.lock(channel, externalId);
    }

    /**
     * In the caller's transaction: the contact recorded under this channel id before, or else what
     * {@code firstTime} records, after {@link #lock}ing the id so that concurrent deliveries of one contact are
     * handled one after the other (the second finds the first's row).
     */
    public Uni<Recorded> once(String channel, String externalId, Supplier<Uni<Recorded>> firstTime) {
        return lock(channel, externalId)
                .chain(() -> find(channel, externalId))
                .chain(earlier -> earlier != null ? Uni.createFrom().item(earlier) : firstTime.get());
    }

    /**
     * In the caller's transaction: the contact as an inquiry on the oldest lead with this E.164 phone (as
     * de-duplication would match it), or else on the lead {@code newLead} captures (created or merged into).
     */
    public Uni<Recorded> onPhone(String phone, Contact contact, Supplier<Uni<Captured>> newLead) {
        return Lead.oldestWithPhone(phone).chain(lead -> lead != null ? record(lead.id, Outcome.INQUIRY, contact)
                : newLead.get().chain(captured -> onCaptured(captured, contact)));
    }

    /** In the caller's transaction: the contact on the lead it was captured as (created, or merged into). */
    public Uni<Recorded> onCaptured(Captured captured, Contact contact) {
        return record(captured.lead().id, captured.merged() ? Outcome.MERGED : Outcome.CREATED, contact);
    }

    /** The contact recorded under this channel id, or null (also null without an id). */
    public Uni<Recorded> find(String channel, String externalId) {
        if (externalId == null) {
            return Uni.createFrom().nullItem();
        }
        return rows.find(channel, externalId).map(row -> row == null ? null : recorded(row));
    }

    /**
     * In the caller's transaction: records the contact on lead {@code leadId} (null for a {@link Outcome#REJECTED}
     * or {@link Outcome#IGNORED} contact, which gets no event) and announces it as {@code lead.inquired}. When the
     * channel id was recorded before, answers that earlier record instead and writes nothing.
     */
    public Uni<Recorded> record(UUID leadId, Outcome outcome, Contact contact) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return rows.insert(id, contact.channel(), contact.externalId(), leadId, outcome.name(),
                contact.receivedAt().truncatedTo(ChronoUnit.MICROS), now, contact.test(),
                Json.write(mapper, contact.details() == null ? Map.of() : contact.details()), contact.note())
                .chain(inserted -> inserted
                        ? announce(id, leadId, outcome, contact).replaceWith(new Recorded(id, leadId, outcome, true))
                        : rows.earlier(contact.channel(), contact.externalId()).map(InboundContacts::recorded));
    }

    /** Records a contact that could not become a lead (so a redelivery is skipped), in a transaction of its own. */
    public Uni<Recorded> rejected(Contact contact) {
        return Panache.withTransaction(() -> record(null, Outcome.REJECTED, contact));
    }

    /** A stored row as a record of the past (not fresh: the channel id was seen before). */
    private static Recorded recorded(InboundContactRepository.Stored row) {
        return new Recorded(row.id(), row.leadId(), Outcome.valueOf(row.outcome()), false);
    }

    private Uni<Void> announce(UUID id, UUID leadId, Outcome outcome, Contact contact) {
        if (outcome == Outcome.REJECTED || outcome == Outcome.IGNORED) {
            return Uni.createFrom().voidItem();
        }
        LeadInquired event = new LeadInquired(id, leadId, contact.channel(), outcome == Outcome.CREATED,
                contact.messageType(), contact.receivedAt().truncatedTo(ChronoUnit.MICROS), contact.textLength(),
                contact.direction(), contact.durationSeconds(), contact.callOutcome(), contact.test() ? Boolean.TRUE : null,
                contact.replyToMessageId());
        return outbox.record(leadId, event).replaceWithVoid();
    }

}
