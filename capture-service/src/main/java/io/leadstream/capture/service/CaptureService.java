package io.leadstream.capture.service;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
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
import io.leadstream.capture.config.DedupConfig;
import io.leadstream.capture.messaging.LeadCaptured;
import io.leadstream.capture.messaging.LeadMerged;
import io.leadstream.capture.repository.LeadSearch;
import io.leadstream.capture.rest.CaptureLeadRequest;
import io.leadstream.capture.rest.LeadDuplicatesView;
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
 * stored response commit in one transaction. De-duplication happens in that transaction too: advisory locks on
 * the normalised email and phone, then the lookup, then per the source's policy a merge into the oldest match
 * (lead_merge row and lead.merged instead of a new lead and lead.captured), a flagged new lead, or a plain one.
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
    private final Deduplication deduplication;
    private final DedupConfig dedup;
    private final QualifierCatalogue qualifiers;
    private final LeadAccess leadAccess;
    private final ConsentService consents;

    public CaptureService(ContactNormaliser normaliser, Outbox outbox, LeadSearch leadSearch, Idempotency idempotency,
            Validator validator, ObjectMapper mapper, Deduplication deduplication, DedupConfig dedup,
            QualifierCatalogue qualifiers, LeadAccess leadAccess, ConsentService consents) {
        this.consents = consents;
        this.qualifiers = qualifiers;
        this.leadAccess = leadAccess;
        this.deduplication = deduplication;
        this.dedup = dedup;
        this.normaliser = normaliser;
        this.outbox = outbox;
        this.leadSearch = leadSearch;
        this.idempotency = idempotency;
        this.validator = validator;
        this.mapper = mapper;
    }

    /**
     * Validates, normalises and stores a lead; answers 201 with {@code locate(id)} as Location and the lead as
     * body, or 200 with the existing lead (and {@code duplicateOf}) when the submission was merged into it. With a
     * key, runs once per key: validation happens after the claim, so an invalid request's 400 is stored and
     * replayed like a success.
     *
     * @param caller the caller's principal, recorded as {@code merged_by}
     */
    public Uni<Reply> capture(CaptureLeadRequest request, IdempotencyKey key, String path,
            Function<UUID, URI> locate, String caller) {
        return capture(request, Origin.API, key, path, locate, caller);
    }

    /** As {@link #capture(CaptureLeadRequest, IdempotencyKey, String, Function, String)}, from a partner or form. */
    public Uni<Reply> capture(CaptureLeadRequest request, Origin origin, IdempotencyKey key, String path,
            Function<UUID, URI> locate, String caller) {
        return capture(request, origin, key, path, leadReceipt(locate), caller);
    }

    /**
     * As above, answered by {@code receipt} inside the capture transaction (the partner API answers with the
     * partner's own submission instead of the lead, and records it with the lead).
     */
    public Uni<Reply> capture(CaptureLeadRequest request, Origin origin, IdempotencyKey key, String path,
            Receipt receipt, String caller) {
        return idempotency.run(key, CAPTURE, request, path, claim -> Uni.createFrom()
                .item(() -> validated(request))
                .chain(valid -> qualifiers.of(customKeys(valid))
                        .map(definitions -> normaliser.normalise(valid, definitions, Map.of())))
                .chain(contact -> Panache.withTransaction(() -> store(contact, origin, claim, receipt, caller))));
    }

    /** The answer of POST /api/leads: 201 with the new lead, or 200 with the lead it was merged into. */
    private Receipt leadReceipt(Function<UUID, URI> locate) {
        return new Receipt() {
            @Override
            public Uni<Reply> created(Lead lead, NormalisedContact contact, Instant now) {
                return Uni.createFrom().item(() -> Reply.created(locate.apply(lead.id), json(LeadView.of(lead))));
            }

            @Override
            public Uni<Reply> merged(Deduplication.Merge merge, NormalisedContact contact, Instant now) {
                Lead survivor = merge.survivor();
                return Uni.createFrom().item(() -> Reply.ok(locate.apply(survivor.id),
                        json(LeadView.of(survivor).asDuplicate())));
            }
        };
    }

    /** The custom qualifier keys a request uses (their definitions are needed to check the values). */
    static Set<String> customKeys(CaptureLeadRequest request) {
        return request.qualifiers() == null || request.qualifiers().custom() == null ? Set.of()
                : request.qualifiers().custom().keySet();
    }

    private Uni<Reply> store(NormalisedContact contact, Origin origin, Idempotency.Claim claim,
            Receipt receipt, String caller) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        DedupConfig.Policy policy = dedup.policyFor(contact.source());
        if (policy == DedupConfig.Policy.CREATE) {
            return create(contact, origin, claim, receipt, now, List.of());
        }
        return deduplication.lock(contact)
                .chain(() -> deduplication.matches(contact))
                .chain(matches -> matches.isEmpty() ? create(contact, origin, claim, receipt, now, List.of())
                        : policy == DedupConfig.Policy.FLAG ? create(contact, origin, claim, receipt, now, matches)
                        : merge(matches.get(0), contact, claim, receipt, now, caller));
    }

    private Uni<Reply> create(NormalisedContact contact, Origin origin, Idempotency.Claim claim, Receipt receipt,
            Instant now, List<Lead> suspects) {
        Lead lead = new Lead();
        lead.id = UUID.randomUUID();
        LeadFields.write(lead, contact);
        lead.partnerId = origin.partnerId();
        lead.formKey = origin.formKey();
        lead.createdAt = now;
        lead.updatedAt = now;
        return lead.<Lead>persist().chain(() -> deduplication.flag(lead, suspects, now))
                .call(() -> outbox.record(lead.id, LeadCaptured.of(lead, contact.quality())))
                .invoke(flagged -> Log.infof("captured lead %s from %s%s", lead.id, lead.source,
                        flagged == 0 ? "" : ", flagged as a suspected duplicate of " + flagged))
                .chain(() -> receipt.created(lead, contact, now))
                .call(reply -> idempotency.complete(claim, reply));
    }

    private Uni<Reply> merge(Lead survivor, NormalisedContact contact, Idempotency.Claim claim,
            Receipt receipt, Instant now, String caller) {
        return deduplication.merge(survivor, contact, now, caller)
                .call(merge -> outbox.record(survivor.id, LeadMerged.submission(survivor.id,
                        merge.matchedOn(), contact.source(), List.copyOf(merge.filled().keySet()), now)))
                .chain(merge -> receipt.merged(merge, contact, now))
                .call(reply -> idempotency.complete(claim, reply))
                .invoke(() -> Log.infof("merged a submission from %s into lead %s", contact.source(), survivor.id));
    }

    @WithSession
    public Uni<LeadPage> search(LeadSearch.Criteria criteria) {
        return leadSearch.search(criteria)
                .map(page -> new LeadPage(page.items().stream().map(LeadView::of).toList(), page.nextCursor()));
    }

    /**
     * The lead with the number of submissions merged into it; 404 problem when there is none or the viewer (a
     * rep) may not see it.
     */
    @WithSession
    public Uni<LeadView> find(UUID id, Viewer viewer) {
        return leadAccess.visible(id, viewer).chain(lead -> consents.current(id)
                .chain(consent -> deduplication.mergeHistory(id)
                        .map(history -> LeadView.of(lead).withHistory(consent, history))));
    }

    /** Suspected duplicates and merge history; 404 for an unknown lead, 410 for an erased one. */
    @WithSession
    public Uni<LeadDuplicatesView> duplicates(UUID id) {
        return Lead.findExisting(id).chain(() -> deduplication.duplicates(id));
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
