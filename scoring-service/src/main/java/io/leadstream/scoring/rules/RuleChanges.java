package io.leadstream.scoring.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;
import io.leadstream.scoring.engine.RuleSet;
import io.leadstream.scoring.engine.RuleSetValidator;
import io.leadstream.scoring.engine.ScoreCard;
import io.leadstream.scoring.leads.LeadProfile;
import io.leadstream.scoring.leads.LeadProfileRepository;
import io.leadstream.scoring.ruleset.RuleSetRepository;
import io.leadstream.scoring.ruleset.VersionedRules;
import io.leadstream.scoring.scores.LeadScore;
import io.leadstream.scoring.scores.ScoreRepository;
import io.leadstream.scoring.scores.ScoringService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The rules as versioned configuration: read any version, store a new one (validated; every stored lead is then
 * re-scored in the background), and simulate a draft on the stored leads without storing or announcing anything.
 */
@ApplicationScoped
public class RuleChanges {

    public static final int MAX_SAMPLE = 5000;
    static final int MAX_LISTED_CHANGES = 100;

    private final RuleSetRepository ruleSets;
    private final RescoreJobs jobs;
    private final LeadProfileRepository profiles;
    private final ScoreRepository scores;
    private final ScoringService scoring;

    public RuleChanges(RuleSetRepository ruleSets, RescoreJobs jobs, LeadProfileRepository profiles,
            ScoreRepository scores, ScoringService scoring) {
        this.ruleSets = ruleSets;
        this.jobs = jobs;
        this.profiles = profiles;
        this.scoring = scoring;
        this.scores = scores;
    }

    /** The rules in force, or one version of them (404 when there is no such version). */
    @WithSession
    public Uni<VersionedRules> find(Integer version) {
        if (version == null) {
            return ruleSets.current();
        }
        return ruleSets.version(version).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("scoring rules version", version));
    }

    @WithSession
    public Uni<List<VersionedRules>> versions() {
        return ruleSets.all();
    }

    /** A stored version and the job re-scoring every lead under it. */
    public record Stored(VersionedRules rules, RescoreJob job) {
    }

    @WithTransaction
    public Uni<Stored> store(RuleSet rules, String by) {
        validate(rules);
        return ruleSets.store(rules, by, scoring.now())
                .chain(stored -> jobs.start(stored.label(), by).map(job -> new Stored(stored, job)));
    }

    /** What a draft would do to the stored leads (the first {@code sample} by id), compared with their scores now. */
    public record Simulation(int leads, Map<String, Long> gradesNow, Map<String, Long> gradesUnderDraft,
            long qualifiedNow, long qualifiedUnderDraft, int gradeChanges, double meanScoreChange,
            List<Change> changes) {
    }

    /** A lead whose grade the draft would change. */
    public record Change(UUID leadId, int scoreNow, String gradeNow, int scoreUnderDraft, String gradeUnderDraft) {
    }

    @WithSession
    public Uni<Simulation> simulate(RuleSet draft, int sample) {
        validate(draft);
        if (sample < 1 || sample > MAX_SAMPLE) {
            throw ProblemException.badRequest("invalid-parameter", "sample must be between 1 and " + MAX_SAMPLE,
                    List.of(new FieldError("sample", "between 1 and " + MAX_SAMPLE)));
        }
        var now = scoring.now();
        return profiles.scorableAfter(null, sample).chain(leads -> scores.byIds(leads.stream().map(p -> p.leadId).toList())
                .chain(current -> Multi.createFrom().iterable(leads)
                        .onItem().transformToUniAndConcatenate((LeadProfile p) -> scoring.card(p, draft, now)
                                .map(card -> Map.entry(p.leadId, card)))
                        .collect().asList()
                        .map(cards -> compare(draft, current, cards))));
    }

    private static Simulation compare(RuleSet draft, List<LeadScore> current, List<Map.Entry<UUID, ScoreCard>> cards) {
        Map<UUID, LeadScore> now = current.stream().collect(Collectors.toMap(s -> s.leadId, Function.identity()));
        Map<String, Long> gradesNow = grades();
        Map<String, Long> gradesDraft = grades();
        long qualifiedNow = 0;
        long qualifiedDraft = 0;
        long scoreDelta = 0;
        int compared = 0;
        List<Change> changes = new ArrayList<>();
        int gradeChanges = 0;
        for (var entry : cards) {
            ScoreCard card = entry.getValue();
            LeadScore before = now.get(entry.getKey());
            gradesDraft.merge(card.grade(), 1L, Long::sum);
            boolean wasQualified = before != null && before.qualified;
            if (wasQualified || card.score() >= draft.qualificationThreshold()) {
                qualifiedDraft++;
            }
            if (before == null) {
                continue;
            }
            compared++;
            gradesNow.merge(before.grade, 1L, Long::sum);
            qualifiedNow += before.qualified ? 1 : 0;
            scoreDelta += card.score() - before.score;
            if (!before.grade.equals(card.grade())) {
                gradeChanges++;
                if (changes.size() < MAX_LISTED_CHANGES) {
                    changes.add(new Change(entry.getKey(), before.score, before.grade, card.score(), card.grade()));
                }
            }
        }
        return new Simulation(cards.size(), gradesNow, gradesDraft, qualifiedNow, qualifiedDraft, gradeChanges,
                compared == 0 ? 0 : Math.round(10.0 * scoreDelta / compared) / 10.0, changes);
    }

    private static Map<String, Long> grades() {
        Map<String, Long> grades = new TreeMap<>();
        for (String g : List.of("A", "B", "C", "D")) {
            grades.put(g, 0L);
        }
        return grades;
    }

    private static void validate(RuleSet rules) {
        List<FieldError> errors = RuleSetValidator.validate(rules);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("invalid-scoring-rules", "the rule set has " + errors.size()
                    + " problem(s); nothing was stored", errors);
        }
    }
}
