package io.leadstream.nurture.templates.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadstream.chassis.access.Viewer;
import io.leadstream.chassis.problem.Problem;
import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;
import io.leadstream.nurture.messages.LeadPreview;
import io.leadstream.nurture.messages.MessageService;
import io.leadstream.nurture.templates.Channel;
import io.leadstream.nurture.templates.MessageTemplate;
import io.leadstream.nurture.templates.TemplateCursor;
import io.leadstream.nurture.templates.TemplateRepository;
import io.leadstream.nurture.templates.TemplateRules;
import io.leadstream.nurture.templates.TemplateService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/api/templates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Templates")
public class TemplateResource {

    static final String ADMIN = "lead-admin";
    private static final Pattern ENTITY_TAG = Pattern.compile("^(W/)?\"([0-9]{1,9})\"$");

    private final TemplateService templates;
    private final LeadPreview leadPreview;
    private final SecurityIdentity identity;

    public TemplateResource(TemplateService templates, LeadPreview leadPreview, SecurityIdentity identity) {
        this.templates = templates;
        this.leadPreview = leadPreview;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({ "sales-rep", "sales-manager", ADMIN })
    @Operation(operationId = "listTemplates", summary = "Message templates", description = "Company-wide, by key, channel and language; filtered by "
            + "key, channel and language, paged with limit and the previous page's nextCursor. The shipped examples "
            + "(product-introduction, meeting-invitation, thank-you, new-product-launch in en, es, de, ro, ru, for "
            + "EMAIL, WHATSAPP and SMS) are among them.")
    @APIResponse(responseCode = "200", description = "one page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TemplatePage.class)))
    @APIResponse(responseCode = "400", description = "a filter, limit or cursor out of range, listed in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TemplatePage> list(
            @QueryParam("key") @Size(max = TemplateRules.MAX_KEY) @Parameter(description = "only this key") String key,
            @QueryParam("channel") @Parameter(description = "only this channel",
                    schema = @Schema(type = SchemaType.STRING, enumeration = { "EMAIL", "WHATSAPP", "SMS" })) String channel,
            @QueryParam("language") @Size(max = 3) @Parameter(description = "only this language (en, es, …)")
            String language,
            @QueryParam("cursor") @Size(max = 400) @Parameter(description = "nextCursor of the previous page") String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) @Parameter(description = "page size, 1-200")
            int limit) {
        List<FieldError> errors = new ArrayList<>();
        Channel onlyChannel = channel == null ? null : TemplateRules.channel(channel, errors);
        String onlyLanguage = language == null ? null : TemplateRules.language(language, "language", errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("validation", errors.size() == 1 ? "1 field is invalid"
                    : errors.size() + " fields are invalid", errors);
        }
        return templates.list(new TemplateRepository.Filter(key, onlyChannel, onlyLanguage),
                TemplateCursor.decode(cursor), limit).map(TemplatePage::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ADMIN)
    @Operation(operationId = "createTemplate", summary = "Create a message template", description = "Checked when saved: valid Qute (a syntax error is "
            + "named with its line), only the documented variables (an unknown one is named), a subject for EMAIL "
            + "and none for the others. One template per key, channel and language.")
    @APIResponse(responseCode = "201", description = "created, at version 1",
            headers = { @Header(name = "Location", description = "the template", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "ETag", description = "the version, quoted", schema = @Schema(type = SchemaType.STRING)) },
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TemplateView.class)))
    @APIResponse(responseCode = "400", description = "invalid fields, listed in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "a template of this key, channel and language exists",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(TemplateRequest request, @Context UriInfo uri) {
        TemplateRequest body = request != null ? request : new TemplateRequest(null, null, null, null, null, null);
        return templates.create(body.toDraft(), identity.getPrincipal().getName())
                .map(t -> withTag(Response.created(uri.getBaseUriBuilder().path("api/templates/{id}").build(t.id)), t));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ "sales-rep", "sales-manager", ADMIN })
    @Operation(operationId = "getTemplate", summary = "One message template", description = "With its version as ETag, for If-Match on PUT.")
    @APIResponse(responseCode = "200", description = "the template",
            headers = @Header(name = "ETag", description = "the version, quoted", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TemplateView.class)))
    @APIResponse(responseCode = "404", description = "no such template",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> get(@PathParam("id") @Schema(type = SchemaType.STRING, format = "uuid") UUID id) {
        return templates.get(id).map(t -> withTag(Response.ok(), t));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ADMIN)
    @Operation(operationId = "replaceTemplate", summary = "Change a message template", description = "Its name, subject and body (key, channel and "
            + "language stay), checked as on creation; the version counts up by one. With If-Match (the ETag read) "
            + "the change is refused when someone changed the template meanwhile.")
    @APIResponse(responseCode = "200", description = "changed",
            headers = @Header(name = "ETag", description = "the new version, quoted", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TemplateView.class)))
    @APIResponse(responseCode = "400", description = "invalid fields, listed in errors[], or a malformed If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such template",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names an older version: someone changed it meanwhile",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> update(@PathParam("id") @Schema(type = SchemaType.STRING, format = "uuid") UUID id,
            @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = "optional: the ETag read, \"3\"") String ifMatch,
            UpdateTemplateRequest request) {
        Integer expected = expectedVersion(ifMatch);
        UpdateTemplateRequest body = request != null ? request : new UpdateTemplateRequest(null, null, null);
        return templates.update(id, body.toChange(), expected, identity.getPrincipal().getName())
                .map(t -> withTag(Response.ok(), t));
    }

    @POST
    @Path("/{id}/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    // api.md lists admin alone: reps and managers preview the message they are about to send to their own lead (the
    // nurture issue that asked for the preview with a lead's values; record-level access as for sending)
    @RolesAllowed({ "sales-rep", "sales-manager", ADMIN })
    @Operation(operationId = "previewTemplate", summary = "Preview a message template", description = "Renders it with the given variables and the "
            + "documented samples (the sample lead Ana García, …) for the others; fetches no lead. With a leadId, "
            + "renders it as a send to that lead would now: the lead's values read from capture-service, the caller "
            + "as rep.name and rep.email, the given variables overriding, no samples (the unsubscribe link is a "
            + "sample), in the template's own language. Lists the variables that had no value; for SMS, the segments "
            + "the text takes.")
    @APIResponse(responseCode = "200", description = "the rendered template",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PreviewView.class)))
    @APIResponse(responseCode = "400", description = "an unknown variable or an oversized value, listed in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such template; or a leadId nurture does not know or the "
            + "caller may not see (a sales-rep sees their own leads only)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "lead-gone: capture no longer knows the lead (erased, or merged "
            + "into another)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "capture-unavailable: capture-service did not answer; preview "
            + "again after Retry-After",
            headers = @Header(name = "Retry-After", description = "seconds", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<PreviewView> preview(@PathParam("id") @Schema(type = SchemaType.STRING, format = "uuid") UUID id,
            PreviewRequest request) {
        if (request != null && request.leadId() != null) {
            String caller = identity.getPrincipal().getName();
            return leadPreview.preview(id, request.leadId(), Viewer.of(caller, identity::hasRole), sender(caller),
                    request.variables()).map(PreviewView::of);
        }
        return templates.preview(id, request == null ? null : request.variables()).map(PreviewView::of);
    }

    /** The caller as templates name the sender: the token's name and email claims, where it has them. */
    private MessageService.Sender sender(String username) {
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            return new MessageService.Sender(username, token.getClaim("name"), token.getClaim("email"));
        }
        return new MessageService.Sender(username, null, null);
    }

    private static Response withTag(Response.ResponseBuilder response, MessageTemplate t) {
        return response.tag(new EntityTag(String.valueOf(t.version))).entity(TemplateView.of(t)).build();
    }

    /** The version If-Match names, null for none or {@code *}; a 400 problem naming the header when malformed. */
    static Integer expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.strip().equals("*")) {
            return null;
        }
        Matcher tag = ENTITY_TAG.matcher(ifMatch.strip());
        if (!tag.matches()) {
            throw ProblemException.badRequest("validation", "the If-Match header is malformed",
                    List.of(new FieldError(HttpHeaders.IF_MATCH, "must be one ETag this API handed out, such as \"3\"")));
        }
        return Integer.valueOf(tag.group(2));
    }
}
