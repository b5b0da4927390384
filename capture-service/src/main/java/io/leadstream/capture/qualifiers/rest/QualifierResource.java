package io.leadstream.capture.qualifiers.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadstream.capture.qualifiers.QualifierCatalogue;
import io.leadstream.chassis.problem.Problem;
import io.smallrye.mutiny.Uni;

/** Custom qualifiers: the typed keys a lead's {@code qualifiers.custom} may use. */
@Path("/api/qualifiers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Qualifiers")
public class QualifierResource {

    private final QualifierCatalogue catalogue;

    public QualifierResource(QualifierCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GET
    @RolesAllowed({ "integration", "sales-rep", "sales-manager", "lead-admin" })
    @Operation(operationId = "listQualifiers", summary = "List custom qualifiers", description = "Every defined key with its type, label and (ENUM) "
            + "options, by key.")
    @APIResponse(responseCode = "200", description = "the definitions",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = QualifierView.class)))
    public Uni<List<QualifierView>> list() {
        return catalogue.all().map(all -> all.stream().map(QualifierView::of).toList());
    }

    @PUT
    @Path("/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("lead-admin")
    @Operation(operationId = "defineQualifier", summary = "Define a custom qualifier", description = "Creates or replaces the definition of `key` "
            + "(a letter, then up to 49 letters, digits, '_' or '-'). Values leads already carry are not rewritten; "
            + "a lead's value is checked against the definition when it is set or changed.")
    @APIResponse(responseCode = "201", description = "defined",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QualifierView.class)))
    @APIResponse(responseCode = "200", description = "redefined",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QualifierView.class)))
    @APIResponse(responseCode = "400", description = "invalid key or fields, listed in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> define(@PathParam("key") @Schema(pattern = "^" + QualifierCatalogue.KEY_PATTERN + "$") String key,
            @NotNull @Valid DefineQualifierRequest request, @Context SecurityContext security) {
        return catalogue.define(key, request.type(), request.label(), request.options(),
                security.getUserPrincipal().getName())
                .map(defined -> Response.status(defined.created() ? 201 : 200)
                        .entity(QualifierView.of(defined.definition())).build());
    }
}
