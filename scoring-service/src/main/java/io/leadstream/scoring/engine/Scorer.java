package io.leadstream.scoring.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.leadstream.scoring.engine.Reason.Part;

/**
 * Combines the three parts (and the model's and the credit check's reasons, computed elsewhere) into a 0-100 score
 * and a grade. Pure: the same rules, lead, signals and time always give the same card.
 */
public final class Scorer {

    private Scorer() {
    }

    /**
     * @param extra reasons from outside the rules: the predictive model (part MODEL) and the credit check (part FIT)
     */
    public static ScoreCard score(RuleSet rules, LeadAttributes lead, List<Signal> signals, List<Reason> extra,
            Instant now) {
        List<Reason> reasons = new ArrayList<>();
        reasons.addAll(DataQualityPart.reasons(rules.dataQuality(), lead));
        reasons.addAll(FitPart.reasons(rules.fit(), lead));
        reasons.addAll(EngagementPart.reasons(rules.engagement(), signals, now));
        reasons.addAll(extra);
        int sum = reasons.stream().mapToInt(Reason::points).sum();
        if (sum > 100) {
            reasons.add(new Reason("SCORE_CAPPED", Part.BOUNDS, 100 - sum, "a score cannot exceed 100"));
        } else if (sum < 0) {
            reasons.add(new Reason("SCORE_FLOORED", Part.BOUNDS, -sum, "a score cannot fall below 0"));
        }
        int score = Math.max(0, Math.min(100, sum));
        return new ScoreCard(score, rules.grades().of(score), part(reasons, Part.DATA_QUALITY), part(reasons, Part.FIT),
                part(reasons, Part.ENGAGEMENT), part(reasons, Part.MODEL), reasons);
    }

    private static int part(List<Reason> reasons, Part part) {
        return reasons.stream().filter(r -> r.part() == part).mapToInt(Reason::points).sum();
    }
}
