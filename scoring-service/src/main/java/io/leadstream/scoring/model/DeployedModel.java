package io.leadstream.scoring.model;

import java.util.List;
import java.util.Map;

import io.leadstream.scoring.engine.LeadAttributes;

/** A stored model in use (ACTIVE or SHADOW): its version and its fitted maths. */
public record DeployedModel(int version, TrainedModel model) {

    /** What the model says of one lead, with its points scaled to ±maxPoints. */
    public record Prediction(double probability, int points, List<Contribution> contributions) {
    }

    public String label() {
        return ScoringModel.label(version);
    }

    public Prediction predict(LeadAttributes lead, int maxPoints) {
        Map<String, Object> features = ModelFeatures.forModel(ModelFeatures.of(lead), model.encoder());
        return new Prediction(model.probability(features), model.withMaxPoints(maxPoints).points(features),
                model.contributions(features));
    }

    /** Only the points, scaled to ±maxPoints. */
    public int points(LeadAttributes lead, int maxPoints) {
        return model.withMaxPoints(maxPoints).points(ModelFeatures.forModel(ModelFeatures.of(lead), model.encoder()));
    }
}
