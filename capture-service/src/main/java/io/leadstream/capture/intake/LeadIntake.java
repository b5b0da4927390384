package io.leadstream.capture.intake;

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

import io.leadstream.capture.access.LeadAccess;
import io.leadstream.capture.access.Viewer;
import io.leadstream.capture.consent.ConsentService;
import io.leadstream.capture.dedup.DedupConfig;
import io.leadstream.capture.dedup.DuplicateMatching;
import io.leadstream.capture.dedup.LeadMerged;
import io.leadstream.capture.dedup.rest.LeadDuplicatesView;
import io.leadstream.capture.leads.LeadSearchRepository;
import io.leadstream.capture.leads.rest.LeadPage;
import io.leadstream.capture.leads.rest.LeadView;
import io.leadstream.capture.model.ContactNormaliser;
import io.leadstream.capture.model.Lead;
import io.leadstream.capture.model.LeadFields;
import io.leadstream.capture.model.LeadSubmission;
import io.leadstream.capture.model.NormalisedContact;
import io.leadstream.capture.qualifiers.QualifierCatalogue;
import io.leadstream.chassis.outbox.Outbox;
import io.leadstream.chassis.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Creating and reading leads. The lead and its lead.captured event commit in one transaction, with whatever the
 * caller's receipt writes (an {@code Idempotency-Key}'s stored answer, a partner's submission). De-duplication happens
 * in that transaction too: advisory locks on the normalised email and phone, then the lookup, then per the source's
 * policy a merge into the oldest match (lead_merge row and lead.merged instead of a new lead and lead.captured), a
 * flagged new lead, or a plain one.
 */
@ApplicationScoped
public class LeadIntake {

    /** Names this operation in {@code Idempotency-Key} request hashes. */
    public static final String CAPTURE = "POST /api/leads";

    private final ContactNormaliser normaliser;
    private final Outbox outbox;
    private final LeadSearchRepository leadSearch;
    private final Validator validator;
    private final DuplicateMatching deduplication;
    private final DedupConfig dedup;
    private final QualifierCatalogue qualifiers;
    private final LeadAccess leadAccess;
    private final ConsentService consents;

    public LeadIntake(ContactNormaliser normaliser, Outbox outbox, LeadSearchRepository leadSearch, Validator validator,
            DuplicateMatching deduplication, DedupConfig dedup, QualifierCatalogue qualifiers, LeadAccess leadAccess,
            ConsentService consents) {
        this.consents = consents;
        this.qualifiers = qualifiers;
        this.leadAccess = leadAccess;
        this.deduplication = deduplication;
        this.dedup = dedup;
        this.normaliser = normaliser;
        this.outbox = outbox;
        this.leadSearch = leadSearch;
        this.validator = validator;
    }

    /** As {@link #capture(CaptureLead, Function)}, answered with what became of the submission. */
    public Uni<Captured> capture(CaptureLead command) {
        return capture(command, captured -> Uni.createFrom().item(captured));
    }

    /**
     * Validates, normalises and stores a lead, or merges it into the lead it duplicates. {@code receipt} runs inside
     * the capture transaction with the outcome, and what it writes commits with the lead (or the merge); its answer
     * is this method's. Joins the caller's transaction when there is one. Fails with a
     * {@link ConstraintViolationException} or a 400 {@link ProblemException} when the lead is invalid
     * ({@link #refused}).
     */
    public <R> Uni<R> capture(CaptureLead command, Function<Captured, Uni<R>> receipt) {
        return Uni.createFrom().item(() -> validated(command.lead()))
                .chain(valid -> qualifiers.of(customKeys(valid))
                        .map(definitions -> normaliser.normalise(valid, definitions, Map.of())))
                .chain(contact -> Panache.withTransaction(() -> store(contact, command).chain(captured -> receipt.apply(captured))));
    }

    /** Whether {@code failure} is capture refusing the lead's data (invalid), not something failing on our side. */
    public static boolean refused(Throwable failure) {
        return failure instanceof ConstraintViolationException
                || failure instanceof ProblemException problem && problem.problem().status() == 400;
    }

    /** The custom qualifier keys a request uses (their definitions are needed to check the values). */
    public static Set<String> customKeys(LeadSubmission request) {
        return request.qualifiers() == null || request.qualifiers().custom() == null ? Set.of()
                : request.qualifiers().custom().keySet();
    }

    private Uni<Captured> store(NormalisedContact contact, CaptureLead command) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        DedupConfig.Policy policy = dedup.policyFor(contact.source());
        if (policy == DedupConfig.Policy.CREATE) {
            return create(contact, command.origin(), now, List.of());
        }
        return deduplication.lock(contact)
                .chain(() -> deduplication.matches(contact))
                .chain(matches -> matches.isEmpty() ? create(contact, command.origin(), now, List.of())
                        : policy == DedupConfig.Policy.FLAG ? create(contact, command.origin(), now, matches)
                        : merge(matches.get(0), contact, command.caller(), now));
    }

    private Uni<Captured> create(NormalisedContact contact, Origin origin, Instant now, List<Lead> suspects) {
        Lead lead = new Lead();
        lead.id = UUID.randomUUID();
        LeadFields.write(lead, contact);
        lead.partnerId = origin.partnerId();
        lead.formKey = origin.formKey();
        lead.createdAt = now;
        lead.updatedAt = now;
        boolean flags = dedup.policyFor(lead.source) == DedupConfig.Policy.FLAG;
        return lead.<Lead>persist().chain(() -> deduplication.flag(lead, suspects, now))
                .call(() -> outbox.record(lead.id, LeadCaptured.of(lead, contact.quality())))
                .invoke(flagged -> Log.infof("captured lead %s from %s%s", lead.id, lead.source,
                        flagged == 0 ? "" : ", flagged as a suspected duplicate of " + flagged))
                .map(flagged -> new Captured(lead, flags && flagged > 0 ? Captured.Outcome.FLAGGED
                        : Captured.Outcome.CREATED, null, contact, true));
    }

    private Uni<Captured> merge(Lead survivor, NormalisedContact contact, Viewer caller, Instant now) {
        return deduplication.merge(survivor, contact, now, caller.name())
                .call(merge -> outbox.record(survivor.id, LeadMerged.submission(survivor.id, merge.matchedOn(),
                        contact.source(), List.copyOf(merge.filled().keySet()), now)))
                .chain(merge -> leadAccess.maySee(survivor.id, caller)
                        .map(visible -> new Captured(survivor, Captured.Outcome.MERGED, merge.matchedOn(), contact,
                                visible)))
                .invoke(() -> Log.infof("merged a submission from %s into lead %s", contact.source(), survivor.id));
    }

    @WithSession
    public Uni<LeadPage> search(LeadSearchRepository.Criteria criteria) {
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

    private LeadSubmission validated(LeadSubmission request) {
        Set<ConstraintViolation<LeadSubmission>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return request;
    }
}
