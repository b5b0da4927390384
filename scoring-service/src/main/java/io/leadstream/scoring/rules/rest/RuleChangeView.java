package io.leadstream.scoring.rules.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.scoring.rules.RuleChanges;

/** The stored version and the background job re-scoring every lead under it. */
@Schema(name = "ScoringRulesChange")
public record RuleChangeView(RulesView stored, JobView job) {

    public static RuleChangeView of(RuleChanges.Stored stored) {
        return new RuleChangeView(RulesView.of(stored.rules()), JobView.of(stored.job()));
    }
}
