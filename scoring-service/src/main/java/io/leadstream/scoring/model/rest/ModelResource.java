package io.leadstream.scoring.model.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadstream.chassis.problem.Problem;
import io.leadstream.scoring.model.PredictiveModels;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** The predictive model, for admins: review it, train a new one in shadow, promote the shadow model. */
@Path(ModelResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Predictive model")
@RolesAllowed("lead-admin")
public class ModelResource {

    static final String PATH = "/api/scoring/model";

    private final PredictiveModels models;
    private final SecurityIdentity identity;

    public ModelResource(PredictiveModels models, SecurityIdentity identity) {
        this.models = models;
        this.identity = identity;
    }

    @GET
    @Operation(operationId = "getScoringModel", summary = "The active and the shadow predictive model",
            description = "Each with its training samples, its quality on held-out outcomes (AUC, log loss, Brier, "
                    + "calibration) and its 10 largest weights; the shadow model also with how many current scores "
                    + "carry its shadow score and their mean difference to the real score. Either is null when there "
                    + "is none.")
    @APIResponse(responseCode = "200", description = "the models", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScoringModelsView.class)))
    public Uni<ScoringModelsView> getScoringModel() {
        return models.current().map(ScoringModelsView::of);
    }

    @POST
    @Path("/train")
    @Operation(operationId = "trainScoringModel", summary = "Train a new predictive model, in shadow",
            description = "Learns from every lead with a known outcome (won: stage CUSTOMER; lost: UNQUALIFIED), "
                    + "holding a share out to measure it, and stores it as the next version in SHADOW (replacing the "
                    + "previous shadow model): scores record what it would give, but do not use it until it is "
                    + "promoted. Nothing is announced.")
    @APIResponse(responseCode = "201", description = "trained; the new shadow model",
            headers = @Header(name = "Location", description = "where the models are read",
                    schema = @Schema(type = SchemaType.STRING, format = "uri")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ScoringModelView.class)))
    @APIResponse(responseCode = "422", description = "not-enough-outcomes: too few won or lost leads to learn from "
            + "(the detail gives the counts and the minimum)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> trainScoringModel() {
        return models.train(user()).map(model -> Response.created(URI.create(PATH))
                .entity(ScoringModelView.of(model, null)).build());
    }

    @POST
    @Path("/promote")
    @Operation(operationId = "promoteScoringModel", summary = "Promote the shadow model",
            description = "The shadow model becomes active (the active one is retired): its points count in every "
                    + "score from now on, and a background job re-scores every lead with it; follow job.href for its "
                    + "progress.")
    @APIResponse(responseCode = "200", description = "promoted; the model and the re-scoring job", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PromotedModelView.class)))
    @APIResponse(responseCode = "409", description = "no-shadow-model: there is no shadow model to promote",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<PromotedModelView> promoteScoringModel() {
        return models.promote(user()).map(PromotedModelView::of);
    }

    private String user() {
        return identity.getPrincipal().getName();
    }
}
