package io.leadstream.capture.forms.rest;

import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.leadstream.capture.forms.FormConfirmations;
import io.leadstream.capture.forms.FormCors;
import io.leadstream.capture.forms.FormSubmissions;
import io.leadstream.capture.forms.Html;
import io.leadstream.capture.idempotency.rest.Replies;
import io.leadstream.chassis.problem.Problem;
import io.leadstream.chassis.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * What web pages post to, without a token: {@code POST /forms/{formKey}} (a browser's urlencoded form gets a 303
 * to the form's redirect URL, JSON gets a 201 with a reference), its CORS preflight, and the double opt-in link.
 */
@Path("/forms/{formKey}")
@PermitAll
@Tag(name = "Web forms (public)")
public class PublicFormResource {

    /** Appended to the form's redirect URL after an accepted post (never the lead's id or data). */
    public static final String SUBMITTED = "lead=submitted";

    private static final String RATE_LIMITED = "over the form's quota (per client address or for the whole form); "
            + "Retry-After says when to try again";

    private final FormSubmissions submissions;
    private final FormConfirmations confirmations;
    private final Replies replies;

    public PublicFormResource(FormSubmissions submissions, FormConfirmations confirmations, Replies replies) {
        this.submissions = submissions;
        this.confirmations = confirmations;
        this.replies = replies;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(Problem.MEDIA_TYPE)
    @Operation(operationId = "submitForm", summary = "Post a web form", description = "No token: a page's <form method=post> "
            + "(application/x-www-form-urlencoded) or a script (JSON object of the form's field names) posts here. The "
            + "mapped fields become a lead (validated, normalised and de-duplicated as POST /api/leads). A browser "
            + "post is answered 303 to the form's redirect URL with ?lead=submitted; JSON 201 with a reference (an "
            + "anonymous caller never gets the lead). A filled honeypot field gets the same answer and nothing is "
            + "stored. Invalid fields: 400 problem naming the form's own field names. A request whose Origin is not "
            + "one of the form's: 403, nothing stored. Allowed origins get Access-Control-Allow-Origin.")
    @APIResponse(responseCode = "303", description = "accepted: go to the form's redirect URL",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING, format = "uri")))
    @APIResponse(responseCode = "400", description = "invalid fields, listed in errors[] by form field name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "the request's Origin is not one of the form's allowed origins",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such form, or it is inactive",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = RATE_LIMITED,
            headers = @Header(name = "Retry-After", description = "seconds", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> submitForm(@PathParam("formKey") String formKey,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED,
                    schema = @Schema(type = SchemaType.OBJECT, description = "the form's fields (name=value&…)",
                            additionalProperties = String.class)))
            MultivaluedMap<String, String> fields,
            @HeaderParam("Origin") @Parameter(hidden = true) String origin,
            @Context UriInfo uri, @Context HttpServerRequest request) {
        Map<String, String> values = new LinkedHashMap<>();
        if (fields != null) {
            fields.forEach((name, list) -> {
                if (list != null && !list.isEmpty()) {
                    values.put(name, list.get(0));
                }
            });
        }
        return submissions.submit(formKey, submission(values, origin, uri, request))
                .onFailure(FormSubmissions.Refused.class).transform(this::inFormTerms)
                .map(accepted -> withHeaders(Response.seeOther(URI.create(redirect(accepted.form().redirectUrl))),
                        accepted.headers()).build());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "submitForm", summary = "Post a web form (script)", description = "The same as the browser post, as a JSON object of "
            + "the form's field names (strings, numbers or booleans), e.g. from fetch() on an allowed origin. "
            + "Answers 201 with a reference for this submission: an anonymous caller never gets the lead.")
    @APIResponse(responseCode = "201", description = "accepted",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FormSubmissionView.class)))
    @APIResponse(responseCode = "400", description = "invalid fields, listed in errors[] by form field name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "the request's Origin is not one of the form's allowed origins",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such form, or it is inactive",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = RATE_LIMITED,
            headers = @Header(name = "Retry-After", description = "seconds", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> submitJson(@PathParam("formKey") String formKey,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.OBJECT, description = "form field name → string, number or "
                            + "boolean", examples = "{\"your_email\": \"ada@example.com\", \"first\": \"Ada\", "
                            + "\"last\": \"Lovelace\"}")))
            ObjectNode body,
            @HeaderParam("Origin") @Parameter(hidden = true) String origin,
            @Context UriInfo uri, @Context HttpServerRequest request) {
        Map<String, String> values = new LinkedHashMap<>();
        if (body != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode value = field.getValue();
                if (value.isContainerNode()) {
                    throw ProblemException.badRequest("validation", "1 field is invalid",
                            List.of(new Problem.FieldError(field.getKey(), "must be a string, number or boolean")));
                }
                if (!value.isNull()) {
                    values.put(field.getKey(), value.asText());
                }
            }
        }
        return submissions.submit(formKey, submission(values, origin, uri, request))
                .onFailure(FormSubmissions.Refused.class).transform(this::inFormTerms)
                .map(accepted -> withHeaders(Response.status(201).type(MediaType.APPLICATION_JSON)
                        .entity(new FormSubmissionView("submitted", accepted.reference(),
                                accepted.confirmationRequired())), accepted.headers()).build());
    }

    @OPTIONS
    @Operation(operationId = "preflightForm", summary = "CORS preflight", description = "Answers an allowed origin with Access-Control-Allow-Origin "
            + "(that origin), -Methods POST and -Headers Content-Type; any other origin with no CORS headers, so the "
            + "browser does not send the post.")
    @APIResponse(responseCode = "204", description = "CORS headers for an allowed origin, none otherwise")
    @APIResponse(responseCode = "404", description = "no such form, or it is inactive",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> preflight(@PathParam("formKey") String formKey,
            @HeaderParam("Origin") @Parameter(hidden = true) String origin) {
        return submissions.activeForm(formKey)
                .map(form -> withHeaders(Response.noContent(), FormCors.preflight(form, origin)).build());
    }

    @GET
    @Path("/confirm")
    @Operation(operationId = "confirmFormSubmission", summary = "Follow a double opt-in link", description = "The link in the confirmation email. Records "
            + "the form's email consent (proof method double-opt-in, the form's text version, the form key, the "
            + "client address) and emits consent.changed; then a small page, or 303 to the form's "
            + "consent.confirmedRedirectUrl. The link works once. Errors are an HTML page for browsers "
            + "(Accept: text/html), else problem+json.")
    @APIResponse(responseCode = "200", description = "confirmed", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "303", description = "confirmed: go to the form's confirmedRedirectUrl",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING, format = "uri")))
    @APIResponse(responseCode = "404", description = "unknown link (or form)",
            content = { @Content(mediaType = MediaType.TEXT_HTML),
                    @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)) })
    @APIResponse(responseCode = "410", description = "the link was already used, or has expired",
            content = { @Content(mediaType = MediaType.TEXT_HTML),
                    @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)) })
    public Uni<Response> confirm(@PathParam("formKey") String formKey, @QueryParam("token") String token,
            @HeaderParam(HttpHeaders.ACCEPT) @Parameter(hidden = true) String accept,
            @Context HttpServerRequest request) {
        return confirmations.confirm(formKey, token, clientAddress(request))
                .map(confirmed -> confirmed.form().confirmedRedirectUrl != null
                        ? Response.seeOther(URI.create(confirmed.form().confirmedRedirectUrl)).build()
                        : page(200, "Thank you", "Your subscription is confirmed."))
                .onFailure(ProblemException.class).recoverWithUni(e -> {
                    Problem problem = ((ProblemException) e).problem();
                    if (accept != null && accept.contains(MediaType.TEXT_HTML) && problem.status() < 500) {
                        return Uni.createFrom().item(page(problem.status(), problem.title(), problem.detail()));
                    }
                    return Uni.createFrom().failure(e);
                });
    }

    private FormSubmissions.Submission submission(Map<String, String> values, String origin, UriInfo uri,
            HttpServerRequest request) {
        return new FormSubmissions.Submission(values, origin, clientAddress(request), uri.getBaseUri());
    }

    /**
     * The client's address, for per-client quotas and the consent proof: the socket's peer, or behind a reverse proxy
     * listed in {@code quarkus.http.proxy.trusted-proxies} the address that proxy forwarded (Quarkus reads
     * {@code X-Forwarded-For} / {@code Forwarded} from trusted proxies only; docs/security.md).
     */
    private static String clientAddress(HttpServerRequest request) {
        return request.remoteAddress().hostAddress();
    }

    /**
     * Capture's refusal names the lead's fields; the page knows its own: each error's field becomes the form field
     * mapped to it (a lead field no form field fills keeps its name). The CORS headers go along.
     */
    private Throwable inFormTerms(Throwable failure) {
        FormSubmissions.Refused refused = (FormSubmissions.Refused) failure;
        Problem problem = replies.problemOf(refused.getCause());
        List<Problem.FieldError> errors = new ArrayList<>();
        if (problem.errors() != null) {
            for (Problem.FieldError error : problem.errors()) {
                String formField = refused.form().fieldMapping.entrySet().stream()
                        .filter(e -> e.getValue().equals(error.field())).map(Map.Entry::getKey).findFirst()
                        .orElse(error.field());
                errors.add(new Problem.FieldError(formField, error.message()));
            }
        }
        ProblemException translated = new ProblemException(problem.withErrors(errors));
        refused.headers().forEach(translated::header);
        return translated;
    }

    /** The redirect URL with {@value #SUBMITTED} in its query (before any fragment). */
    static String redirect(String url) {
        int hash = url.indexOf('#');
        String base = hash < 0 ? url : url.substring(0, hash);
        String fragment = hash < 0 ? "" : url.substring(hash);
        return base + (base.contains("?") ? "&" : "?") + SUBMITTED + fragment;
    }

    private static Response.ResponseBuilder withHeaders(Response.ResponseBuilder builder, Map<String, String> headers) {
        headers.forEach(builder::header);
        return builder;
    }

    private static Response page(int status, String title, String message) {
        String html = """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>%s</title></head>
                <body><h1>%s</h1><p>%s</p></body></html>
                """.formatted(Html.escape(title), Html.escape(title), Html.escape(message));
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).entity(html).build();
    }
}
