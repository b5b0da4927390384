package io.leadstream.scoring.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.chassis.problem.ProblemException;
import io.leadstream.scoring.leads.LeadProfile;
import io.leadstream.scoring.leads.LeadProfileRepository;
import io.leadstream.scoring.rules.RescoreJob;
import io.leadstream.scoring.rules.RescoreJobs;
import io.leadstream.scoring.scores.ScoringService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * The predictive model's life: trained on the won/lost outcomes as a SHADOW model (its scores are recorded next to the
 * real ones, never used), promoted by an admin to ACTIVE (its points count in every score from then on, and every
 * stored lead is re-scored in the background), retired when another takes its place.
 */
@ApplicationScoped
public class PredictiveModels {

    private final ModelRepository models;
    private final LeadProfileRepository profiles;
    private final RescoreJobs jobs;
    private final ScoringService scoring;
    private final ModelSettings settings;
    private final Vertx vertx;

    public PredictiveModels(ModelRepository models, LeadProfileRepository profiles, RescoreJobs jobs,
            ScoringService scoring, ModelSettings settings, Vertx vertx) {
        this.models = models;
        this.profiles = profiles;
        this.jobs = jobs;
        this.scoring = scoring;
        this.settings = settings;
        this.vertx = vertx;
    }

    /** The active and the shadow model (either may be null), and how the shadow model's scores compare. */
    public record Current(ScoringModel active, ScoringModel shadow, Shadowing shadowing) {
    }

    /** A promoted model and the job re-scoring every lead with it. */
    public record Promoted(ScoringModel model, RescoreJob job) {
    }

    @WithSession
    public Uni<Current> current() {
        return models.active().chain(active -> models.shadow().chain(shadow -> shadow == null
                ? Uni.createFrom().item(new Current(active, null, null))
                : models.shadowing(shadow.label()).map(shadowing -> new Current(active, shadow, shadowing))));
    }

    /**
     * Trains a model on every lead with a known outcome and stores it as the next version, in SHADOW (the previous
     * shadow model is retired). Nothing is announced and no score changes; leads get its shadow score as they are
     * re-scored. Fails with 422 {@code not-enough-outcomes} under the configured minimum of won or lost leads.
     */
    public Uni<ScoringModel> train(String by) {
        TrainingSettings trainingSettings = settings.training();
        return Panache.withSession(profiles::withOutcome).map(PredictiveModels::outcomes)
                // Newton's method on every outcome is CPU work for a while: off the event loop
                .chain(outcomes -> vertx.executeBlocking(() -> new Trained(new Trainer().train(outcomes,
                        trainingSettings), outcomes), false))
                .onFailure(NotEnoughOutcomesException.class).transform(e -> new ProblemException(422,
                        "not-enough-outcomes", "Not enough outcomes", e.getMessage()
                                + " (a lead counts as won at stage CUSTOMER and as lost at UNQUALIFIED)"))
                .chain(trained -> Panache.withTransaction(() -> models.lock()
                        .chain(() -> models.retire(ScoringModel.State.SHADOW))
                        .chain(models::nextVersion)
                        .chain(version -> models.persist(ScoringModel.shadow(version, trained.training(),
                                trained.won(), trained.lost(), by, scoring.now())))))
                .invoke(m -> Log.infof("%s trained by %s on %d won and %d lost leads: AUC %.3f on %d held out; in "
                        + "shadow", m.label(), by, m.won, m.lost, m.quality.auc(), m.heldOutSize));
    }

    /**
     * The shadow model becomes ACTIVE (the active one is retired) and a job re-scoring every lead with it starts in
     * the same transaction. Fails with 409 {@code no-shadow-model} without a shadow model.
     */
    public Uni<Promoted> promote(String by) {
        return Panache.withTransaction(() -> models.lock().chain(models::shadow).chain(shadow -> {
            if (shadow == null) {
                return Uni.createFrom().failure(ProblemException.conflict("no-shadow-model",
                        "there is no shadow model to promote: train one first"));
            }
            return models.retire(ScoringModel.State.ACTIVE).chain(() -> {
                shadow.state = ScoringModel.State.ACTIVE;
                shadow.promotedBy = by;
                shadow.promotedAt = scoring.now();
                return models.flush();
            }).chain(() -> jobs.start(shadow.label() + " promoted", by))
                    .map(job -> new Promoted(shadow, job));
        })).invoke(p -> Log.infof("%s promoted by %s; re-scoring job %s", p.model().label(), by, p.job().id));
    }

    /** The leads' outcomes as the trainer takes them, in lead id order (the same leads always give the same model). */
    static List<Outcome> outcomes(List<LeadProfile> leads) {
        List<LeadProfile> sorted = leads.stream().filter(p -> p.outcome != null && p.attributes != null)
                .sorted(Comparator.comparing((LeadProfile p) -> p.leadId)).toList();
        List<Map<String, Object>> features = ModelFeatures.withConsistentTypes(
                sorted.stream().map(p -> ModelFeatures.of(p.attributes)).toList());
        List<Outcome> outcomes = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            outcomes.add(new Outcome(features.get(i), sorted.get(i).outcome == LeadProfile.Outcome.WON));
        }
        return outcomes;
    }

    private record Trained(Training training, List<Outcome> outcomes) {

        int won() {
            return (int) outcomes.stream().filter(Outcome::won).count();
        }

        int lost() {
            return outcomes.size() - won();
        }
    }
}
