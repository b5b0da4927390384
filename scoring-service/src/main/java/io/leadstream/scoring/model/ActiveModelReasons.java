package io.leadstream.scoring.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.scoring.engine.LeadAttributes;
import io.leadstream.scoring.engine.Reason;
import io.leadstream.scoring.engine.RuleSet;
import io.leadstream.scoring.leads.LeadProfile;
import io.leadstream.scoring.scores.ScoringService;
import io.smallrye.mutiny.Uni;

/**
 * The active predictive model's say in every score: one reason {@code MODEL_V<n>} (part MODEL) whose points are the
 * model's, scaled to the rules' {@code modelMaxPoints} (0.5 likely to win gives 0, certain gives +max, hopeless
 * −max), with a sentence naming what weighed most. No reason without an active model, or when its points round to 0.
 */
@ApplicationScoped
public class ActiveModelReasons implements ScoringService.ExtraReasons {

    /** How many features a reason names at most. */
    static final int NAMED = 3;

    private final DeployedModels deployed;

    public ActiveModelReasons(DeployedModels deployed) {
        this.deployed = deployed;
    }

    @Override
    public Uni<List<Reason>> reasons(LeadProfile profile, RuleSet rules, Instant now) {
        if (rules.modelMaxPoints() <= 0) {
            return Uni.createFrom().item(List.of());
        }
        return deployed.active().map(active -> active == null ? List.<Reason>of()
                : reason(active, profile.attributes, rules.modelMaxPoints()).map(List::of).orElse(List.of()));
    }

    /** The model's reason for this lead, if its points are not 0. */
    static Optional<Reason> reason(DeployedModel model, LeadAttributes lead, int maxPoints) {
        DeployedModel.Prediction prediction = model.predict(lead, maxPoints);
        if (prediction.points() == 0) {
            return Optional.empty();
        }
        return Optional.of(new Reason("MODEL_V" + model.version(), Reason.Part.MODEL, prediction.points(),
                detail(model.version(), prediction)));
    }

    /**
     * {@code predictive model v2: 72 % likely to win (products∋heat-pumps, emailDomainKind=CORPORATE)}: the features
     * that pushed most in the direction of the points (towards won for positive points, towards lost for negative).
     */
    static String detail(int version, DeployedModel.Prediction prediction) {
        long percent = Math.max(1, Math.min(99, Math.round(prediction.probability() * 100)));
        boolean up = prediction.points() > 0;
        List<String> named = prediction.contributions().stream()
                .filter(c -> up ? c.logOdds() > 0 : c.logOdds() < 0)
                .limit(NAMED).map(Contribution::feature).toList();
        return "predictive model v" + version + ": " + percent + " % likely to win"
                + (named.isEmpty() ? "" : (up ? " (" : " (against: ") + String.join(", ", named) + ")");
    }
}
