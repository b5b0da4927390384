package io.leadstream.capture.dedup;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.leadstream.capture.model.FieldErrors;
import io.leadstream.capture.model.Lead;
import io.leadstream.capture.model.LeadQuality;
import io.leadstream.capture.qualifiers.QualifierCatalogue;
import io.leadstream.chassis.outbox.Outbox;
import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * A manager's merge ({@code POST /api/leads/{id}/merge}): the lead in the path survives; the duplicate's non-blank
 * fields fill the survivor's blanks ({@link MergePolicy}, the same fill as on create: the survivor's values
 * win); the duplicate is marked {@code merged_into} the survivor and keeps its own data, consent ledger entries and
 * merge history, which the survivor's ledger and history then include (linked, never moved: the ledger is
 * append-only). Audited in lead_merge (kind MANUAL, by whom, why) and announced as lead.merged with the survivor's
 * state after the merge, in one transaction.
 * <p>
 * Concurrency: the transaction first takes advisory locks on both lead ids and on both leads' emails and phones
 * (the keys capture takes on create), in one sorted order, then locks both rows; so two merges of one pair (either
 * way round) run one after the other and the second finds the duplicate merged (409), and a submission matching
 * either lead waits for the merge and then sees its outcome.
 */
@ApplicationScoped
public class LeadMerging {

    /** type {@code https://leadstream.dev/problems/lead-merged}: one of the leads was merged already. */
    public static final String ALREADY_MERGED = "lead-merged";

    /** The survivor after a merge, and how many merges it has had (including those of leads merged into it). */
    public record Merged(Lead survivor, long merges) {
    }

    private final MatchRepository matches;
    private final DuplicateMatching matching;
    private final MergeAudit audit;
    private final Outbox outbox;
    private final QualifierCatalogue qualifiers;

    public LeadMerging(MatchRepository matches, DuplicateMatching matching, MergeAudit audit, Outbox outbox,
            QualifierCatalogue qualifiers) {
        this.qualifiers = qualifiers;
        this.matches = matches;
        this.matching = matching;
        this.audit = audit;
        this.outbox = outbox;
    }

    /**
     * Merges lead {@code duplicateId} into {@code survivorId} for {@code reason}; answers the survivor after the merge.
     * 400 when they are the same lead, 404 when either does not exist, 409 when either was merged already.
     */
    public Uni<Merged> merge(UUID survivorId, UUID duplicateId, String reason, String mergedBy) {
        if (survivorId.equals(duplicateId)) {
            FieldErrors.throwIfAny(List.of(new FieldError("duplicateId", "must be another lead than the one in the path")));
        }
        String why = reason.strip();
        return lockKeys(survivorId, duplicateId).chain(keys -> Panache.withTransaction(() -> matching.lock(keys)
                .chain(() -> locked(survivorId))
                .chain(survivor -> locked(duplicateId).chain(duplicate -> merge(survivor, duplicate, why, mergedBy)))));
    }

    /**
     * The advisory lock keys for merging these two leads, read before the transaction (a lead's email and phone
     * may only change under these same locks). 404 when either lead does not exist.
     */
    private Uni<Set<String>> lockKeys(UUID survivorId, UUID duplicateId) {
        return matches.contacts(survivorId, duplicateId).map(contacts -> {
            Set<UUID> found = new HashSet<>();
            Set<String> keys = new HashSet<>();
            for (MatchRepository.Contact contact : contacts) {
                found.add(contact.id());
                keys.add("lead.id:" + contact.id());
                keys.addAll(DuplicateMatching.contactKeys(contact.email(), contact.phone()));
            }
            for (UUID id : List.of(survivorId, duplicateId)) {
                if (!found.contains(id)) {
                    throw ProblemException.notFound("lead", id);
                }
            }
            return keys;
        });
    }

    /** The lead, row-locked, as committed by whoever held the locks before us. */
    private static Uni<Lead> locked(UUID id) {
        return Lead.<Lead>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("lead", id));
    }

    private Uni<Merged> merge(Lead survivor, Lead duplicate, String reason, String mergedBy) {
        if (survivor.mergedInto != null) {
            return Uni.createFrom().failure(ProblemException.conflict(ALREADY_MERGED, "lead " + survivor.id
                    + " was merged into lead " + survivor.mergedInto + ": merge into that lead instead"));
        }
        if (duplicate.mergedInto != null) {
            return Uni.createFrom().failure(ProblemException.conflict(ALREADY_MERGED, "lead " + duplicate.id
                    + " was already merged into lead " + duplicate.mergedInto + " at " + duplicate.mergedAt));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Map<String, Object> snapshot = MergePolicy.snapshot(duplicate);
        return matching.pairMatch(survivor, duplicate).chain(matchedOn -> {
            Map<String, Object> filled = MergePolicy.fill(survivor, duplicate);
            survivor.updatedAt = now;
            List<String> filledFields = List.copyOf(filled.keySet());
            return matches.markMerged(duplicate.id, survivor.id, now)
                    .chain(() -> audit.manual(survivor.id, snapshot, duplicate.id, duplicate.source, matchedOn, filled,
                            now, mergedBy, reason))
                    .chain(() -> qualifiers.eventAttributes(survivor, LeadQuality.of(survivor)))
                    .chain(attributes -> outbox.record(survivor.id, LeadMerged.manual(survivor.id,
                            duplicate.id, matchedOn, duplicate.source, filledFields, attributes, now)))
                    .chain(() -> audit.count(survivor.id))
                    .map(count -> new Merged(survivor, count))
                    .invoke(() -> Log.infof("%s merged lead %s into lead %s (matched on %s, filled %s)", mergedBy,
                            duplicate.id, survivor.id, matchedOn, filledFields));
        });
    }
}
