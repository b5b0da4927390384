package io.leadstream.capture.service;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.capture.Lead;
import io.leadstream.capture.messaging.LeadCaptured;
import io.leadstream.capture.repository.LeadSearch;
import io.leadstream.capture.rest.CaptureLeadRequest;
import io.leadstream.capture.rest.LeadPage;
import io.leadstream.capture.rest.LeadView;
import io.leadstream.chassis.outbox.Outbox;
import io.leadstream.chassis.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Creating and reading leads. The lead, its lead.captured event and (with an {@code Idempotency-Key}) the key's
 * stored response commit in one transaction.
 */
@ApplicationScoped
public class CaptureService {

    /** Names this operation in {@code Idempotency-Key} request hashes. */
    public static final String CAPTURE = "POST /api/leads";

    private final ContactNormaliser normaliser;
    private final Outbox outbox;
    private final LeadSearch leadSearch;
    private final Idempotency idempotency;
    private final Validator validator;
    private final ObjectMapper mapper;

    public CaptureService(ContactNormaliser normaliser, Outbox outbox, LeadSearch leadSearch, Idempotency idempotency,
            Validator validator, ObjectMapper mapper) {
        this.normaliser = normaliser;
        this.outbox = outbox;
        this.leadSearch = leadSearch;
        this.idempotency = idempotency;
        this.validator = validator;
        this.mapper = mapper;
    }

    /**
     * Validates, normalises and stores a lead; answers 201 with {@code locate(id)} as Location and the lead as
     * body. With a key, runs once per key: validation happens after the claim, so an invalid request's 400
     * is stored and replayed like a success.
     */
    public Uni<Reply> capture(CaptureLeadRequest request, IdempotencyKey key, String path,
            Function<UUID, URI> locate) {
        return idempotency.run(key, CAPTURE, request, path, claim -> Uni.createFrom()
                .item(() -> normaliser.normalise(validated(request)))
                .chain(contact -> Panache.withTransaction(() -> store(contact, claim, locate))));
    }

    private Uni<Reply> store(NormalisedContact contact, Idempotency.Claim claim, Function<UUID, URI> locate) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Lead lead = new Lead();
        lead.id = UUID.randomUUID();
        lead.firstName = contact.firstName();
        lead.lastName = contact.lastName();
        lead.email = contact.email();
        lead.phone = contact.phone();
        lead.company = contact.company();
        lead.country = contact.country();
        lead.source = contact.source();
        lead.createdAt = now;
        lead.updatedAt = now;
        return lead.<Lead>persist()
                .chain(() -> outbox.record(lead.id.toString(), "lead.captured", LeadCaptured.of(lead, contact.quality())))
                .map(ignored -> Reply.created(locate.apply(lead.id), json(LeadView.of(lead))))
                .call(reply -> idempotency.complete(claim, reply))
                .invoke(() -> Log.infof("captured lead %s from %s", lead.id, lead.source));
    }

    @WithSession
    public Uni<LeadPage> search(LeadSearch.Criteria criteria) {
        return leadSearch.search(criteria)
                .map(page -> new LeadPage(page.items().stream().map(LeadView::of).toList(), page.nextCursor()));
    }

    @WithSession
    public Uni<LeadView> find(UUID id) {
        return Lead.findExisting(id).map(LeadView::of);
    }

    private CaptureLeadRequest validated(CaptureLeadRequest request) {
        Set<ConstraintViolation<CaptureLeadRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return request;
    }

    private String json(LeadView lead) {
        try {
            return mapper.writeValueAsString(lead);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write lead " + lead.id() + " as JSON", e);
        }
    }
}
