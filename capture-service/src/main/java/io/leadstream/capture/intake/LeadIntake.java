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
import io.leadstream.chassis.access.Viewer;
import io.leadstream.capture.dedup.DedupConfig;
import io.leadstream.capture.dedup.DuplicateMatching;
import io.leadstream.capture.dedup.LeadMerged;
import io.leadstream.capture.dedup.MergeAudit;
import io.leadstream.capture.dedup.MergePolicy;
import io.leadstream.capture.model.ContactNormaliser;
import io.leadstream.capture.model.Lead;
import io.leadstream.capture.model.LeadFields;
import io.leadstream.capture.model.LeadQuality;
import io.leadstream.capture.model.LeadSubmission;
import io.leadstream.capture.model.NormalisedContact;
import io.leadstream.capture.qualifiers.QualifierCatalogue;
import io.leadstream.chassis.outbox.Outbox;
import io.leadstream.chassis.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Capturing a lead, whatever the channel. The lead and its lead.captured event commit in one transaction, with whatever the
 * caller's receipt writes (an {@code Idempotency-Key}'s stored answer, a partner's submission). De-duplication happens
 * in that transaction too: advisory locks on the normalised email and phone, then the lookup, then per the source's
 * policy a merge into the oldest match (lead_merge row and lead.merged instead of a new lead and lead.captured), a
 * flagged new lead, or a plain one. A new lead's row and its event are prepared inserts on the transaction's
 * connection ({@link LeadRowRepository}, the chassis {@link Outbox}), not Hibernate persists: P7 in
 * docs/benchmarks.md.
 */
@ApplicationScoped
public class LeadIntake {

    /** Names this operation in {@code Idempotency-Key} request hashes. */
    public static final String CAPTURE = "POST /api/leads";

    private final ContactNormaliser normaliser;
    private final Outbox outbox;
    private final Validator validator;
    private final DuplicateMatching matching;
    private final MergeAudit audit;
    private final DedupConfig dedup;
    private final QualifierCatalogue qualifiers;
    private final LeadAccess leadAccess;
    private final LeadRowRepository rows;

    public LeadIntake(ContactNormaliser normaliser, Outbox outbox, Validator validator, DuplicateMatching matching,
            MergeAudit audit, DedupConfig dedup, QualifierCatalogue qualifiers, LeadAccess leadAccess,
            LeadRowRepository rows) {
        this.rows = rows;
        this.qualifiers = qualifiers;
        this.leadAccess = leadAccess;
        this.matching = matching;
        this.audit = audit;
        this.dedup = dedup;
        this.normaliser = normaliser;
        this.outbox = outbox;
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
        return normalised(command.lead(), Map.of())
                .chain(contact -> Panache.withTransaction(() -> store(contact, command)
                        .chain(captured -> receipt.apply(captured))));
    }

    /**
     * A lead as submitted, validated (bean validation: a {@link ConstraintViolationException}) and normalised with the
     * definitions of the custom qualifiers it uses (a 400 {@link ProblemException} naming each field it cannot
     * normalise). {@code unchangedCustom}: on a patch, the lead's stored custom qualifiers (a value left as it was is
     * kept).
     */
    public Uni<NormalisedContact> normalised(LeadSubmission submission, Map<String, Object> unchangedCustom) {
        return Uni.createFrom().item(() -> validated(submission))
                .chain(valid -> qualifiers.of(valid.customKeys())
                        .map(definitions -> normaliser.normalise(valid, definitions, unchangedCustom)));
    }

    /** Whether {@code failure} is capture refusing the lead's data (invalid), not something failing on our side. */
    public static boolean refused(Throwable failure) {
        return failure instanceof ConstraintViolationException
                || failure instanceof ProblemException problem && problem.problem().status() == 400;
    }

    private Uni<Captured> store(NormalisedContact contact, CaptureLead command) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        DedupConfig.Policy policy = dedup.policyFor(contact.source());
        if (policy == DedupConfig.Policy.CREATE) {
            return create(contact, command.origin(), now, List.of());
        }
        return matching.lock(contact)
                .chain(() -> matching.matches(contact))
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
        lead.capturedBy = origin.capturedBy();
        lead.createdAt = now;
        lead.updatedAt = now;
        boolean flags = dedup.policyFor(lead.source) == DedupConfig.Policy.FLAG;
        return rows.insert(lead).chain(() -> matching.flag(lead, suspects, now))
                .call(() -> qualifiers.eventAttributes(lead, contact.quality())
                        .chain(attributes -> outbox.record(lead.id, LeadCaptured.of(lead, attributes))))
                .invoke(flagged -> Log.infof("captured lead %s from %s%s", lead.id, lead.source,
                        flagged == 0 ? "" : ", flagged as a suspected duplicate of " + flagged))
                .map(flagged -> new Captured(lead, flags && flagged > 0 ? Captured.Outcome.FLAGGED
                        : Captured.Outcome.CREATED, null, contact, true));
    }

    /**
     * Merges the submission into {@code survivor}: its data stays, its blanks are filled from the submission
     * ({@link MergePolicy}); {@code updatedAt} becomes {@code now}; audited in lead_merge and announced as lead.merged
     * with the survivor's state after the merge.
     */
    private Uni<Captured> merge(Lead survivor, NormalisedContact contact, Viewer caller, Instant now) {
        return matching.matchedOn(survivor, contact).chain(matchedOn -> {
            Map<String, Object> filled = MergePolicy.fill(survivor, contact);
            survivor.updatedAt = now;
            return audit.submission(survivor.id, matchedOn, contact, filled, now, caller.name())
                    .chain(() -> qualifiers.eventAttributes(survivor, LeadQuality.of(survivor)))
                    .chain(attributes -> outbox.record(survivor.id, LeadMerged.submission(survivor.id, matchedOn,
                            contact.source(), List.copyOf(filled.keySet()), attributes, now)))
                    .chain(() -> leadAccess.maySee(survivor.id, caller))
                    .map(visible -> new Captured(survivor, Captured.Outcome.MERGED, matchedOn, contact, visible))
                    .invoke(() -> Log.infof("merged a submission from %s into lead %s", contact.source(), survivor.id));
        });
    }

    private LeadSubmission validated(LeadSubmission request) {
        Set<ConstraintViolation<LeadSubmission>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return request;
    }
}
