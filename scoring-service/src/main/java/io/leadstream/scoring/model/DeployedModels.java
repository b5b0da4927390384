package io.leadstream.scoring.model;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * The ACTIVE and the SHADOW model, as scoring uses them on every re-score. Which version is in which state is read
 * from the database every time (one small query), so a training or a promotion on any replica counts at once on every
 * replica; the fitted model of a version is cached in this replica (a version's model never changes, so the cache
 * needs no invalidation; it holds a few versions at most).
 */
@ApplicationScoped
public class DeployedModels {

    static final int CACHED_VERSIONS = 4;

    private final ModelRepository models;
    private final Map<Integer, TrainedModel> byVersion = new ConcurrentHashMap<>();

    public DeployedModels(ModelRepository models) {
        this.models = models;
    }

    /** The active model, or null; inside the caller's session. */
    public Uni<DeployedModel> active() {
        return in(ScoringModel.State.ACTIVE);
    }

    /** The shadow model, or null; inside the caller's session. */
    public Uni<DeployedModel> shadow() {
        return in(ScoringModel.State.SHADOW);
    }

    private Uni<DeployedModel> in(ScoringModel.State state) {
        return models.versionIn(state).chain(version -> {
            if (version == null) {
                return Uni.createFrom().nullItem();
            }
            TrainedModel cached = byVersion.get(version);
            if (cached != null) {
                return Uni.createFrom().item(new DeployedModel(version, cached));
            }
            return models.trainedModel(version).map(model -> {
                if (model == null) {
                    return null;
                }
                if (byVersion.size() >= CACHED_VERSIONS) {
                    byVersion.clear();
                }
                byVersion.put(version, model);
                return new DeployedModel(version, model);
            });
        });
    }
}
