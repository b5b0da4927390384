package io.leadstream.scoring.model;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** The stored predictive models, and what their shadow scores say; every query on scoring_model is here. */
@ApplicationScoped
public class ModelRepository implements PanacheRepositoryBase<ScoringModel, Integer> {

    /** The ACTIVE model, or null. */
    public Uni<ScoringModel> active() {
        return find("state", ScoringModel.State.ACTIVE).firstResult();
    }

    /** The SHADOW model, or null. */
    public Uni<ScoringModel> shadow() {
        return find("state", ScoringModel.State.SHADOW).firstResult();
    }

    /** Only the version of the model in this state (a cheap look-up on every score), or null. */
    public Uni<Integer> versionIn(ScoringModel.State state) {
        return getSession().chain(s -> s.createSelectionQuery(
                "select m.version from ScoringModel m where m.state = :state", Integer.class)
                .setParameter("state", state).getSingleResultOrNull());
    }

    /** Only the fitted model of a version, or null. */
    public Uni<TrainedModel> trainedModel(int version) {
        return getSession().chain(s -> s.createSelectionQuery(
                "select m.model from ScoringModel m where m.version = :version", TrainedModel.class)
                .setParameter("version", version).getSingleResultOrNull());
    }

    /** The version after the newest one (1 for the first model). */
    public Uni<Integer> nextVersion() {
        return getSession().chain(s -> s.createSelectionQuery(
                "select coalesce(max(m.version), 0) + 1 from ScoringModel m", Integer.class).getSingleResult());
    }

    /** The model in {@code state} (ACTIVE or SHADOW) becomes RETIRED, at once (before a new one takes its place). */
    public Uni<Integer> retire(ScoringModel.State state) {
        return update("state = ?1 where state = ?2", ScoringModel.State.RETIRED, state);
    }

    /**
     * Serialises trainings and promotions until the caller's transaction ends (a PostgreSQL advisory lock): two at
     * once would otherwise race for the next version and the one SHADOW or ACTIVE place.
     */
    public Uni<Void> lock() {
        return getSession().chain(s -> s.createNativeQuery(
                "select count(*) from (select pg_advisory_xact_lock(hashtext('scoring_model'))) locked", Long.class)
                .getSingleResult()).replaceWithVoid();
    }

    /** How the current scores compare with the shadow scores of the model labelled {@code label}. */
    public Uni<Shadowing> shadowing(String label) {
        return getSession().chain(s -> s.createSelectionQuery("select count(*), avg(ls.shadowScore - ls.score) "
                + "from LeadScore ls where ls.shadowModel = :label", Object[].class)
                .setParameter("label", label).getSingleResult())
                .map(row -> new Shadowing(((Number) row[0]).longValue(),
                        row[1] == null ? null : ((Number) row[1]).doubleValue()));
    }
}
