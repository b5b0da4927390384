package io.leadstream.nurture.webhooks.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadstream.chassis.problem.Problem;
import io.leadstream.nurture.webhooks.WebhookDelivery;
import io.leadstream.nurture.webhooks.Webhooks;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/api/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
@RolesAllowed("lead-admin")
public class WebhookResource {

    private final Webhooks webhooks;
    private final SecurityIdentity identity;

    public WebhookResource(Webhooks webhooks, SecurityIdentity identity) {
        this.webhooks = webhooks;
        this.identity = identity;
    }

    @GET
    @Operation(operationId = "listWebhooks", summary = "Outbound webhook subscriptions",
            description = "Every subscription, oldest first (without its secret).")
    @APIResponse(responseCode = "200", description = "the subscriptions",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = WebhookView.WebhookList.class)))
    public Uni<WebhookView.WebhookList> list() {
        return webhooks.list().map(all -> new WebhookView.WebhookList(all.stream().map(WebhookView::of).toList()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createWebhook", summary = "Subscribe a URL to events",
            description = "Every event of the given types (of leads that match the filter) is POSTed to the URL as a "
                    + "structured-mode CloudEvent (application/cloudevents+json: what Kafka carries, nothing "
                    + "personal), signed per Standard Webhooks (headers webhook-id, webhook-timestamp, "
                    + "webhook-signature: v1, HMAC-SHA256 under the secret). One lead's events go in the order they "
                    + "happened. A delivery not answered 2xx is retried with exponential back-off (10 s doubling, "
                    + "at most hourly) for 24 hours; then it is given up and the subscription paused, and the admins "
                    + "are told. The URL's host must resolve to public addresses unless allowPrivateTargets; it is "
                    + "checked again before every delivery. The answer shows the secret, once.")
    @APIResponse(responseCode = "201", description = "created, with its secret",
            headers = @Header(name = "Location", description = "the subscription",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "400", description = "invalid fields (url, eventTypes[0], secret, …), listed in errors[]; "
            + "a URL whose host resolves to a private, loopback or link-local address without allowPrivateTargets",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(WebhookRequest request, @Context UriInfo uri) {
        WebhookRequest body = request != null ? request
                : new WebhookRequest(null, null, null, null, null, null, null);
        return webhooks.create(body.toCommand(), identity.getPrincipal().getName())
                .map(s -> Response.created(uri.getBaseUriBuilder().path("api/webhooks/{id}").build(s.id))
                        .entity(WebhookView.created(s)).build());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getWebhook", summary = "One subscription (without its secret)")
    @APIResponse(responseCode = "200", description = "the subscription",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "404", description = "no such subscription",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<WebhookView> get(@PathParam("id") @Schema(type = SchemaType.STRING, format = "uuid") UUID id) {
        return webhooks.get(id).map(WebhookView::of);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceWebhook", summary = "Change a subscription; pause or resume it",
            description = "Replaces the URL, event types, filter, description and allowPrivateTargets; a secret given "
                    + "replaces the secret (pending deliveries are signed with the new one), none keeps it. active "
                    + "false pauses the subscription (events are still queued for it); true resumes it: its pending "
                    + "deliveries are due at once, each with a new 24-hour retry window. Deliveries given up stay "
                    + "FAILED until retried one by one.")
    @APIResponse(responseCode = "200", description = "the subscription as it is now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "400", description = "invalid fields, listed in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such subscription",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<WebhookView> replace(@PathParam("id") @Schema(type = SchemaType.STRING, format = "uuid") UUID id,
            WebhookRequest request) {
        WebhookRequest body = request != null ? request
                : new WebhookRequest(null, null, null, null, null, null, null);
        return webhooks.replace(id, body.toCommand(), identity.getPrincipal().getName()).map(WebhookView::of);
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteWebhook", summary = "Delete a subscription and its delivery log",
            description = "Nothing more is sent to it, not even deliveries still pending.")
    @APIResponse(responseCode = "204", description = "deleted")
    @APIResponse(responseCode = "404", description = "no such subscription",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> delete(@PathParam("id") @Schema(type = SchemaType.STRING, format = "uuid") UUID id) {
        return webhooks.delete(id, identity.getPrincipal().getName()).map(ignored -> Response.noContent().build());
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "A subscription's delivery log, newest first",
            description = "Each delivery's status, attempts, the target's last status and the last error. Paged with "
                    + "limit and the previous page's nextCursor. Delivered rows are kept for 7 days (configurable).")
    @APIResponse(responseCode = "200", description = "a page of deliveries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DeliveryView.DeliveryPage.class)))
    @APIResponse(responseCode = "400", description = "status, limit or cursor out of range, listed in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such subscription",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<DeliveryView.DeliveryPage> deliveries(
            @PathParam("id") @Schema(type = SchemaType.STRING, format = "uuid") UUID id,
            @QueryParam("status") @Pattern(regexp = "PENDING|DELIVERED|FAILED",
                    message = "must be PENDING, DELIVERED or FAILED")
            @Parameter(description = "only deliveries of this status") String status,
            @QueryParam("cursor") @Size(max = 100) @Parameter(description = "nextCursor of the previous page")
            String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) @Parameter(description = "page size, 1-200")
            int limit) {
        return webhooks.deliveries(id, status == null ? null : WebhookDelivery.Status.valueOf(status), cursor, limit)
                .map(DeliveryView.DeliveryPage::of);
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/retry")
    @Operation(operationId = "retryWebhookDelivery", summary = "Send a delivery again",
            description = "As soon as possible, whatever it stands at (a delivered one too, when the receiver lost it), "
                    + "with a new retry window; after the lead's earlier deliveries still pending.")
    @APIResponse(responseCode = "202", description = "due now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeliveryView.class)))
    @APIResponse(responseCode = "404", description = "no such subscription, or no such delivery of it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the subscription is paused: resume it first",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> retry(@PathParam("id") @Schema(type = SchemaType.STRING, format = "uuid") UUID id,
            @PathParam("deliveryId") @Schema(type = SchemaType.STRING, format = "uuid") UUID deliveryId) {
        return webhooks.retry(id, deliveryId, identity.getPrincipal().getName())
                .map(d -> Response.accepted(DeliveryView.of(d)).build());
    }
}
