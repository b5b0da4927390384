package io.leadstream.scoring.scores;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.leadstream.chassis.access.Viewer;
import io.leadstream.chassis.outbox.Outbox;
import io.leadstream.chassis.problem.ProblemException;
import io.leadstream.scoring.engine.Reason;
import io.leadstream.scoring.engine.RuleSet;
import io.leadstream.scoring.engine.ScoreCard;
import io.leadstream.scoring.engine.Scorer;
import io.leadstream.scoring.leads.LeadProfile;
import io.leadstream.scoring.leads.LeadProfileRepository;
import io.leadstream.scoring.ruleset.RuleSetRepository;
import io.leadstream.scoring.ruleset.VersionedRules;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Scores leads: computes a lead's card from its profile, signals and the rules in force (plus the extra reasons of
 * the predictive model and the credit check), keeps the lead qualified once it crossed the threshold, stores every
 * change in the history and announces {@code lead.scored} in the same transaction, only when the score, the grade
 * or the qualification moved.
 */
@ApplicationScoped
public class ScoringService {

    private final LeadProfileRepository profiles;
    private final RuleSetRepository ruleSets;
    private final ScoreRepository scores;
    private final List<ExtraReasons> extras;
    private final List<Shadow> shadows;
    private final Outbox outbox;
    private final Clock clock;

    public ScoringService(LeadProfileRepository profiles, RuleSetRepository ruleSets, ScoreRepository scores,
            Instance<ExtraReasons> extras, Instance<Shadow> shadows, Outbox outbox, Clock clock) {
        this.profiles = profiles;
        this.ruleSets = ruleSets;
        this.scores = scores;
        this.extras = extras.stream().toList();
        this.shadows = shadows.stream().toList();
        this.outbox = outbox;
        this.clock = clock;
    }

    /** What a re-score did: the lead's score now (null when the lead cannot be scored) and whether it moved. */
    public record Rescored(LeadScore score, boolean moved) {
        static final Rescored NOTHING = new Rescored(null, false);
    }

    /** Re-scores one lead under the rules in force; runs inside the caller's transaction. */
    public Uni<Rescored> rescore(UUID leadId, String trigger) {
        return ruleSets.current().chain(rules -> rescore(leadId, trigger, rules));
    }

    public Uni<Rescored> rescore(UUID leadId, String trigger, VersionedRules rules) {
        return rescore(leadId, trigger, rules, 1);
    }

    /**
     * The decay pass: re-scores the lead only when time moved its score by at least the rules' {@code rescoreStep};
     * a smaller drift is left alone (the next event or pass picks it up).
     */
    public Uni<Rescored> decay(UUID leadId, VersionedRules rules) {
        return rescore(leadId, "decay", rules, rules.rules().rescoreStep());
    }

    private Uni<Rescored> rescore(UUID leadId, String trigger, VersionedRules rules, int minMove) {
        Instant now = now();
        return profiles.findById(leadId).chain(profile -> {
            if (profile == null || !profile.scorable()) {
                return Uni.createFrom().item(Rescored.NOTHING);
            }
            return card(profile, rules.rules(), now).chain(card -> shadow(profile, rules.rules(), card, now)
                    .chain(shadow -> scores.findById(leadId).chain(existing -> existing != null
                            && Math.abs(existing.score - card.score()) < minMove
                                    ? Uni.createFrom().item(new Rescored(existing, false))
                                    : store(profile, existing, card, shadow, rules, trigger, now))));
        });
    }

    /** The card the lead would get under {@code rules}, stored nowhere (simulations). */
    public Uni<ScoreCard> card(LeadProfile profile, RuleSet rules, Instant now) {
        return profiles.signals(profile.leadId).chain(signals -> extraReasons(profile, rules, now)
                .map(extra -> Scorer.score(rules, profile.attributes, signals, extra, now)));
    }

    private Uni<List<Reason>> extraReasons(LeadProfile profile, RuleSet rules, Instant now) {
        Uni<List<Reason>> all = Uni.createFrom().item(List.of());
        for (ExtraReasons source : extras) {
            all = all.chain(sofar -> source.reasons(profile, rules, now).map(more -> {
                List<Reason> merged = new ArrayList<>(sofar);
                merged.addAll(more);
                return merged;
            }));
        }
        return all;
    }

    /** What a shadow model would make of the card (recorded, never used); null without a shadow model. */
    private Uni<ShadowScore> shadow(LeadProfile profile, RuleSet rules, ScoreCard card, Instant now) {
        return shadows.isEmpty() ? Uni.createFrom().nullItem() : shadows.get(0).shadow(profile, rules, card, now);
    }

    private Uni<Rescored> store(LeadProfile profile, LeadScore existing, ScoreCard card, ShadowScore shadow,
            VersionedRules rules, String trigger, Instant now) {
        boolean first = existing == null;
        LeadScore s = first ? new LeadScore() : existing;
        int before = first ? -1 : s.score;
        String gradeBefore = first ? null : s.grade;
        boolean qualifiedBefore = !first && s.qualified;
        s.leadId = profile.leadId;
        s.apply(card);
        s.rulesVersion = rules.version();
        s.modelVersion = modelVersion(rules, card);
        s.shadowScore = shadow == null ? null : shadow.score();
        s.shadowModel = shadow == null ? null : shadow.model();
        String note = null;
        int threshold = rules.rules().qualificationThreshold();
        if (!s.qualified && card.score() >= threshold) {
            s.qualified = true;
            s.qualifiedAt = now;
            note = "qualified: reached the threshold of " + threshold;
        } else if (s.qualified && card.score() < threshold && before >= threshold) {
            note = "fell below the qualification threshold of " + threshold + "; stays qualified since " + s.qualifiedAt;
        }
        boolean moved = first || before != s.score || !Objects.equals(gradeBefore, s.grade) || qualifiedBefore != s.qualified;
        if (!moved) {
            // same score: keep the freshest reasons (ages, decayed points) without a history entry or an event
            return scores.persist(s).map(saved -> new Rescored(saved, false));
        }
        s.triggerEvent = trigger;
        s.scoredAt = now;
        String historyNote = note;
        return scores.persist(s)
                .call(saved -> scores.record(ScoreHistory.of(saved, historyNote)))
                .call(saved -> outbox.record(saved.leadId, LeadScored.of(saved)))
                .invoke(saved -> Log.debugf("scored lead %s: %d (%s) on %s", saved.leadId, saved.score, saved.grade, trigger))
                .map(saved -> new Rescored(saved, true));
    }

    private static String modelVersion(VersionedRules rules, ScoreCard card) {
        return card.reasons().stream().filter(r -> r.part() == Reason.Part.MODEL).findFirst()
                .map(r -> rules.label() + "+" + r.code().toLowerCase().replace('_', '-'))
                .orElse(rules.label());
    }

    /** The lead's current score for this viewer: 404 for a lead a rep does not own, 410 for a merged lead. */
    @WithSession
    public Uni<LeadScore> find(UUID leadId, Viewer viewer) {
        return visibleProfile(leadId, viewer).chain(profile -> scores.findById(leadId))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("score for lead", leadId));
    }

    /** Every score the lead had, oldest first, for this viewer. */
    @WithSession
    public Uni<List<ScoreHistory>> history(UUID leadId, Viewer viewer) {
        return visibleProfile(leadId, viewer).chain(profile -> scores.history(leadId)).invoke(history -> {
            if (history.isEmpty()) {
                throw ProblemException.notFound("score for lead", leadId);
            }
        });
    }

    private Uni<LeadProfile> visibleProfile(UUID leadId, Viewer viewer) {
        return profiles.findById(leadId).invoke(profile -> {
            if (profile == null || !viewer.sees(profile.owner)) {
                throw ProblemException.notFound("score for lead", leadId);
            }
            if (profile.mergedInto != null) {
                throw new ProblemException(410, "lead-merged", "Lead merged", "lead " + leadId
                        + " was merged into lead " + profile.mergedInto + "; its score is retired: read /api/scores/"
                        + profile.mergedInto);
            }
        });
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** A candidate model running in shadow: the score it would give, recorded next to the real one, never used. */
    public interface Shadow {
        Uni<ShadowScore> shadow(LeadProfile profile, RuleSet rules, ScoreCard card, Instant now);
    }

    public record ShadowScore(String model, int score) {
    }

    /** Reasons from outside the rules (the predictive model, the credit check), added to every card. */
    public interface ExtraReasons {
        Uni<List<Reason>> reasons(LeadProfile profile, RuleSet rules, Instant now);
    }
}
