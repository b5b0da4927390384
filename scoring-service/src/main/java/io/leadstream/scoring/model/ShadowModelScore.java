package io.leadstream.scoring.model;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.scoring.engine.Reason;
import io.leadstream.scoring.engine.RuleSet;
import io.leadstream.scoring.engine.ScoreCard;
import io.leadstream.scoring.leads.LeadProfile;
import io.leadstream.scoring.scores.ScoringService;
import io.smallrye.mutiny.Uni;

/**
 * The score a lead would have if the shadow model were active: the card's reasons without the active model's (and
 * without the 0-100 bounds), plus the shadow model's points on the same scale, clamped to 0-100. Recorded next to the
 * real score (lead_score.shadow_score, shadow_model {@code model-v<n>}), never used.
 */
@ApplicationScoped
public class ShadowModelScore implements ScoringService.Shadow {

    private final DeployedModels deployed;

    public ShadowModelScore(DeployedModels deployed) {
        this.deployed = deployed;
    }

    @Override
    public Uni<ScoringService.ShadowScore> shadow(LeadProfile profile, RuleSet rules, ScoreCard card, Instant now) {
        return deployed.shadow().map(shadow -> shadow == null ? null
                : new ScoringService.ShadowScore(shadow.label(),
                        score(card, shadow.points(profile.attributes, Math.max(0, rules.modelMaxPoints())))));
    }

    /** The card's score with {@code modelPoints} in place of its MODEL reasons, within 0-100. */
    static int score(ScoreCard card, int modelPoints) {
        int withoutModel = card.reasons().stream()
                .filter(r -> r.part() != Reason.Part.MODEL && r.part() != Reason.Part.BOUNDS)
                .mapToInt(Reason::points).sum();
        return Math.max(0, Math.min(100, withoutModel + modelPoints));
    }
}
