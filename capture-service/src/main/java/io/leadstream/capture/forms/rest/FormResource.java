package io.leadstream.capture.forms.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadstream.capture.forms.FormService;
import io.leadstream.capture.forms.WebForm;
import io.leadstream.chassis.problem.Problem;
import io.smallrye.mutiny.Uni;

/** Admins configure web forms here; pages post them to {@code /forms/{formKey}} ({@link PublicFormResource}). */
@Path("/api/forms")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("lead-admin")
@Tag(name = "Web forms")
public class FormResource {

    private final FormService service;

    public FormResource(FormService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createForm", summary = "Create a web form", description = "Generates the form's key. Defaults: doubleOptIn false, "
            + "quota 100 posts per 60 s per form and 10 per 60 s per client address, honeypotField website, source "
            + "web, active true. The lead's required fields and email or phone must be mapped.")
    @APIResponse(responseCode = "201", description = "created; Location names the form",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING, format = "uri")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FormView.class)))
    @APIResponse(responseCode = "400", description = "invalid fields, listed in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@Valid @NotNull FormRequest request, @Context UriInfo uri,
            @Context SecurityContext security) {
        return service.create(request.toSettings(), security.getUserPrincipal().getName())
                .map(form -> Response.created(self(uri, form)).entity(view(uri, form)).build());
    }

    @GET
    @Path("/{formKey}")
    @Operation(operationId = "getForm", summary = "Read a web form")
    @APIResponse(responseCode = "200", description = "the form",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FormView.class)))
    @APIResponse(responseCode = "404", description = "no such form",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<FormView> get(@PathParam("formKey") String formKey, @Context UriInfo uri) {
        return service.find(formKey).map(form -> view(uri, form));
    }

    @PUT
    @Path("/{formKey}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceForm", summary = "Replace a web form", description = "The whole form, as for create (omitted optional "
            + "properties take their defaults again); the key stays.")
    @APIResponse(responseCode = "200", description = "the form as stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FormView.class)))
    @APIResponse(responseCode = "400", description = "invalid fields, listed in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such form",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<FormView> update(@PathParam("formKey") String formKey, @Valid @NotNull FormRequest request,
            @Context UriInfo uri, @Context SecurityContext security) {
        return service.update(formKey, request.toSettings(), security.getUserPrincipal().getName())
                .map(form -> view(uri, form));
    }

    private static URI self(UriInfo uri, WebForm form) {
        return uri.getBaseUriBuilder().path("api/forms").path(form.key).build();
    }

    private static FormView view(UriInfo uri, WebForm form) {
        return FormView.of(form, uri.getBaseUriBuilder().path("forms").path(form.key).build());
    }
}
