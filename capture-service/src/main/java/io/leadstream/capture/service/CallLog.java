package io.leadstream.capture.service;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.leadstream.capture.ConsentChannel;
import io.leadstream.capture.rest.CallRequest;
import io.leadstream.capture.rest.CaptureLeadRequest;
import io.leadstream.capture.rest.InquiryView;
import io.leadstream.chassis.problem.Problem.FieldError;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * {@code POST /api/calls}: a logged phone call. The phone (E.164, national numbers in the given country) of a
 * lead → an inquiry on that lead (200); else a new lead (source {@code call}) through {@link CaptureService} (201, or
 * 200 when de-duplication merged it by email). Either way the call is recorded and announced as lead.inquired.
 * With an {@code Idempotency-Key} the whole call runs once per key (service/Idempotency); a {@code callId} seen
 * before is answered with what it did then.
 */
@ApplicationScoped
public class CallLog {

    public static final String CHANNEL = "call";
    public static final String SOURCE = "call";
    public static final String OPERATION = "POST /api/calls";
    static final String MESSAGE_TYPE = "call";
    /** A call logged a little ahead of the server's clock is fine; later than this is an error. */
    static final long CLOCK_SKEW_SECONDS = 60;

    private final CaptureService capture;
    private final InboundContacts contacts;
    private final ContactNormaliser normaliser;
    private final Idempotency idempotency;
    private final ObjectMapper mapper;

    public CallLog(CaptureService capture, InboundContacts contacts, ContactNormaliser normaliser,
            Idempotency idempotency, ObjectMapper mapper) {
        this.capture = capture;
        this.contacts = contacts;
        this.normaliser = normaliser;
        this.idempotency = idempotency;
        this.mapper = mapper;
    }

    public Uni<Reply> log(CallRequest call, IdempotencyKey key, String path, Function<UUID, URI> locate,
            String caller) {
        return idempotency.run(key, OPERATION, call, path, claim -> Uni.createFrom().item(() -> phone(call))
                .chain(phone -> contacts.find(CHANNEL, call.callId()).chain(earlier -> {
                    if (earlier != null) {
                        Reply reply = reply(earlier, locate);
                        return Panache.withTransaction(() -> idempotency.complete(claim, reply)).replaceWith(reply);
                    }
                    InboundContacts.Contact contact = contact(call);
                    return contacts.onKnownPhone(phone, contact, claim, recorded -> reply(recorded, locate))
                            .chain(recorded -> recorded != null ? Uni.createFrom().item(reply(recorded, locate))
                                    : capture.capture(leadRequest(call, phone), Origin.API, null, path, locate, caller)
                                            .chain(created -> contacts.onLead(InboundContacts.leadIdOf(created),
                                                    created.status() == 201 ? InboundContacts.Outcome.CREATED
                                                            : InboundContacts.Outcome.MERGED,
                                                    contact, claim, recorded2 -> reply(recorded2, locate)))
                                            .map(recorded2 -> reply(recorded2, locate)));
                })));
    }

    /** The call's phone in E.164; a 400 naming phone, country or occurredAt when they are wrong. */
    private String phone(CallRequest call) {
        List<FieldError> errors = new ArrayList<>();
        String country = null;
        if (call.country() != null && !call.country().isBlank()) {
            country = Countries.toAlpha2(call.country()).orElse(null);
            if (country == null) {
                errors.add(new FieldError("country",
                        "is not a known country: give an ISO 3166-1 code (GB, GBR) or its English name"));
            }
        }
        String phone = normaliser.normaliseAddress(ConsentChannel.PHONE, call.phone(), country, "phone", errors);
        if (call.occurredAt() != null && call.occurredAt().isAfter(Instant.now().plusSeconds(CLOCK_SKEW_SECONDS))) {
            errors.add(new FieldError("occurredAt", "must not be in the future"));
        }
        FieldErrors.throwIfAny(errors);
        return phone;
    }

    /**
     * The lead an unknown caller becomes, built in this one place from JSON field names: the contact fields of the
     * call, the phone in E.164, source call.
     */
    CaptureLeadRequest leadRequest(CallRequest call, String phone) {
        ObjectNode lead = mapper.createObjectNode();
        lead.put("firstName", call.firstName());
        lead.put("lastName", call.lastName());
        lead.put("email", call.email());
        lead.put("phone", phone);
        lead.put("company", call.company());
        lead.put("country", call.country());
        lead.put("source", SOURCE);
        return mapper.convertValue(lead, CaptureLeadRequest.class);
    }

    private static InboundContacts.Contact contact(CallRequest call) {
        String summary = call.summary() == null || call.summary().isBlank() ? null : call.summary().strip();
        String direction = call.direction() == null ? "inbound" : call.direction();
        return new InboundContacts.Contact(CHANNEL, call.callId(),
                call.occurredAt() == null ? Instant.now() : call.occurredAt(), MESSAGE_TYPE,
                summary == null ? null : summary.codePointCount(0, summary.length()), direction,
                call.durationSeconds(), call.outcome(), false, Map.of("direction", direction), summary);
    }

    /** 201 + Location for a new lead, else 200 + Location of the lead; the body is an {@link InquiryView}. */
    private Reply reply(InboundContacts.Recorded recorded, Function<UUID, URI> locate) {
        try {
            String body = mapper.writeValueAsString(InquiryView.of(recorded));
            String location = locate.apply(recorded.leadId()).toString();
            return new Reply(recorded.outcome() == InboundContacts.Outcome.CREATED && recorded.fresh() ? 201 : 200,
                    location, body, false);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the answer", e);
        }
    }
}
