package io.leadstream.scoring.enrichment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.scoring.engine.LeadAttributes;
import io.leadstream.scoring.engine.Reason;
import io.leadstream.scoring.engine.RuleSet;
import io.leadstream.scoring.leads.LeadProfile;
import io.leadstream.scoring.leads.LeadProfileRepository;
import io.leadstream.scoring.scores.ScoringService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Credit checks of lucrative leads, as scoring uses them: checked when a lead's attributes arrive (capture's
 * lead.captured or lead.updated, before the re-score), stored, and turned into a reason on every score; a check the
 * provider could not answer stays PENDING, says so in the reasons, and is tried again by a scheduled pass, which
 * re-scores the lead once it is answered.
 */
@ApplicationScoped
public class CreditChecks implements ScoringService.ExtraReasons {

    static final int RETRY_BATCH = 50;

    private final CreditCheck creditCheck;
    private final CreditCheckRepository checks;
    private final LeadProfileRepository profiles;
    private final ScoringService scoring;

    public CreditChecks(CreditCheck creditCheck, CreditCheckRepository checks, LeadProfileRepository profiles,
            ScoringService scoring) {
        this.creditCheck = creditCheck;
        this.checks = checks;
        this.profiles = profiles;
        this.scoring = scoring;
    }

    /** Checks the lead unless it was checked already; runs in the caller's transaction, before the re-score. */
    public Uni<Void> checkIfNeeded(LeadProfile profile) {
        if (profile.attributes == null) {
            return Uni.createFrom().voidItem();
        }
        return checks.findById(profile.leadId).chain(stored -> {
            if (stored != null && stored.state == StoredCreditCheck.State.DONE) {
                return Uni.createFrom().voidItem();
            }
            return attempt(profile, stored);
        });
    }

    private Uni<Void> attempt(LeadProfile profile, StoredCreditCheck stored) {
        return creditCheck.check(subject(profile.leadId, profile.attributes)).chain(outcome -> {
            Instant now = scoring.now();
            if (outcome instanceof CreditCheckOutcome.NotNeeded) {
                // no longer lucrative (or checks switched off): a pending check has nothing left to do
                return stored == null ? Uni.createFrom().voidItem() : checks.delete(stored).replaceWithVoid();
            }
            StoredCreditCheck s = stored != null ? stored : new StoredCreditCheck();
            s.leadId = profile.leadId;
            s.attempts++;
            if (outcome instanceof CreditCheckOutcome.Rated rated) {
                s.state = StoredCreditCheck.State.DONE;
                s.rating = rated.rating();
                s.points = rated.points();
                s.detail = rated.detail();
                s.checkedAt = now;
                s.nextAttemptAt = null;
            } else if (outcome instanceof CreditCheckOutcome.Pending pending) {
                s.state = StoredCreditCheck.State.PENDING;
                s.points = 0;
                s.detail = pending.detail();
                s.nextAttemptAt = now.plus(pending.retryAfter() == null ? Duration.ofMinutes(5) : pending.retryAfter());
            }
            return checks.persist(s).replaceWithVoid();
        });
    }

    /** The stored check as a reason of the fit part: its points when rated, 0 and "pending" while it waits. */
    @Override
    public Uni<List<Reason>> reasons(LeadProfile profile, RuleSet rules, Instant now) {
        return checks.findById(profile.leadId).map(stored -> {
            if (stored == null) {
                return List.of();
            }
            return List.of(stored.state == StoredCreditCheck.State.DONE
                    ? new Reason("CREDIT_CHECK_" + stored.rating, Reason.Part.FIT, stored.points, stored.detail)
                    : new Reason("CREDIT_CHECK_PENDING", Reason.Part.FIT, 0, stored.detail + "; tried again later"));
        });
    }

    /** A merged-away or erased lead's check goes with it. */
    public Uni<Void> forget(UUID leadId) {
        return checks.erase(leadId);
    }

    @Scheduled(every = "${leadstream.scoring.credit-check.retry-every:1m}",
            delayed = "${leadstream.scoring.credit-check.retry-every:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> retryScheduled() {
        return retryDue().replaceWithVoid().onFailure().recoverWithItem(failure -> {
            Log.warnf(failure, "credit-check retry pass failed; the next pass tries again");
            return null;
        });
    }

    /** Tries the due pending checks again and re-scores every lead whose check was answered; how many were. */
    public Uni<Integer> retryDue() {
        return Panache.withTransaction(() -> checks.pendingDue(scoring.now(), RETRY_BATCH)
                .chain(due -> Multi.createFrom().iterable(due)
                        .onItem().transformToUniAndConcatenate(this::retry)
                        .collect().asList()
                        .map(answered -> (int) answered.stream().filter(Boolean::booleanValue).count())));
    }

    private Uni<Boolean> retry(StoredCreditCheck stored) {
        return profiles.findById(stored.leadId).chain(profile -> {
            if (profile == null || !profile.scorable()) {
                return checks.delete(stored).replaceWith(false);
            }
            return attempt(profile, stored).chain(() -> checks.findById(stored.leadId)).chain(now -> {
                boolean answered = now == null || now.state == StoredCreditCheck.State.DONE;
                return answered ? scoring.rescore(profile.leadId, "credit-check").replaceWith(true)
                        : Uni.createFrom().item(false);
            });
        });
    }

    static CreditCheckSubject subject(UUID leadId, LeadAttributes a) {
        return new CreditCheckSubject(leadId, a.company(), a.country(), a.segment(),
                a.dealSize() == null ? null : a.dealSize().amount(), a.dealSize() == null ? null : a.dealSize().currency());
    }
}
