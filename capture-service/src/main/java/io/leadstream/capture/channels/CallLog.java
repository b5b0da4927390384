package io.leadstream.capture.channels;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.leadstream.capture.access.LeadAccess;
import io.leadstream.chassis.access.Viewer;
import io.leadstream.capture.intake.CaptureLead;
import io.leadstream.capture.intake.LeadIntake;
import io.leadstream.capture.intake.Origin;
import io.leadstream.capture.model.ConsentChannel;
import io.leadstream.capture.model.ContactNormaliser;
import io.leadstream.capture.model.Countries;
import io.leadstream.capture.model.FieldErrors;
import io.leadstream.capture.model.LeadSubmission;
import io.leadstream.chassis.problem.Problem.FieldError;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * {@code POST /api/calls}: a logged phone call. The phone (E.164, national numbers in the given country) of a
 * lead → an inquiry on that lead; else a new lead (source {@code call}) through {@link LeadIntake} (or a merge,
 * when de-duplication finds its email). Either way the call is recorded and announced as lead.inquired, in one
 * transaction with the lead. A {@code callId} seen before is answered with what it did then. Whether the caller may
 * see the lead the call went to is part of the answer ({@link Logged#visible()}): a rep whose caller belongs to a
 * lead they may not see learns nothing of it.
 */
@ApplicationScoped
public class CallLog {

    public static final String CHANNEL = "call";
    public static final String SOURCE = "call";
    public static final String OPERATION = "POST /api/calls";
    static final String MESSAGE_TYPE = "call";
    /** A call logged a little ahead of the server's clock is fine; later than this is an error. */
    static final long CLOCK_SKEW_SECONDS = 60;

    /** A logged call: what was recorded, and whether the caller may see the lead it was recorded on. */
    public record Logged(InboundContacts.Recorded recorded, boolean visible) {
    }

    private final LeadIntake capture;
    private final InboundContacts contacts;
    private final ContactNormaliser normaliser;
    private final LeadAccess leadAccess;
    private final ObjectMapper mapper;

    public CallLog(LeadIntake capture, InboundContacts contacts, ContactNormaliser normaliser,
            LeadAccess leadAccess, ObjectMapper mapper) {
        this.capture = capture;
        this.contacts = contacts;
        this.normaliser = normaliser;
        this.leadAccess = leadAccess;
        this.mapper = mapper;
    }

    /**
     * Logs the call; {@code receipt} runs in the same transaction with what was logged, and its answer is this
     * method's. A 400 problem naming phone, country or occurredAt when they are wrong, or the new lead's fields.
     */
    public <R> Uni<R> log(PhoneCall call, Viewer caller, Function<Logged, Uni<R>> receipt) {
        return Uni.createFrom().item(() -> phone(call))
                .chain(phone -> Panache.withTransaction(() -> contacts.once(CHANNEL, call.callId(),
                        () -> contacts.onPhone(phone, contact(call), () -> capture.capture(
                                new CaptureLead(leadRequest(call, phone), Origin.capturedBy(caller.name()), caller))))
                        .chain(recorded -> visible(recorded, caller)
                                .chain(visible -> receipt.apply(new Logged(recorded, visible))))));
    }

    /** The caller may see the lead their call created now, and any lead they may see anyway. */
    private Uni<Boolean> visible(InboundContacts.Recorded recorded, Viewer caller) {
        if (recorded.fresh() && recorded.outcome() == InboundContacts.Outcome.CREATED) {
            return Uni.createFrom().item(true);
        }
        return leadAccess.maySee(recorded.leadId(), caller);
    }

    /** The call's phone in E.164; a 400 naming phone, country or occurredAt when they are wrong. */
    private String phone(PhoneCall call) {
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
    LeadSubmission leadRequest(PhoneCall call, String phone) {
        ObjectNode lead = mapper.createObjectNode();
        lead.put("firstName", call.firstName());
        lead.put("lastName", call.lastName());
        lead.put("email", call.email());
        lead.put("phone", phone);
        lead.put("company", call.company());
        lead.put("country", call.country());
        lead.put("source", SOURCE);
        return mapper.convertValue(lead, LeadSubmission.class);
    }

    private static InboundContacts.Contact contact(PhoneCall call) {
        String summary = call.summary() == null || call.summary().isBlank() ? null : call.summary().strip();
        String direction = call.direction() == null ? "inbound" : call.direction();
        return new InboundContacts.Contact(CHANNEL, call.callId(),
                call.occurredAt() == null ? Instant.now() : call.occurredAt(), MESSAGE_TYPE,
                summary == null ? null : summary.codePointCount(0, summary.length()), direction,
                call.durationSeconds(), call.outcome(), false, Map.of("direction", direction), summary);
    }
}
