package io.leadstream.nurture.messages.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
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
import io.leadstream.nurture.activities.IdempotencyKey;
import io.leadstream.nurture.messages.MessageService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/api/leads/{leadId}/messages")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Messages")
public class MessageResource {

    static final String REPLAYED_HEADER = "Idempotency-Replayed";

    private final MessageService messages;
    private final SecurityIdentity identity;

    public MessageResource(MessageService messages, SecurityIdentity identity) {
        this.messages = messages;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "sales-rep", "sales-manager" })
    @Operation(operationId = "sendMessage", summary = "Send a message to a lead by email, WhatsApp or SMS", description = "Sent only when the lead "
            + "gave consent for the purpose on that channel and is not under do-not-contact (a withdrawal for purpose "
            + "'all'), when fewer than the frequency cap's messages went to it in the window, and outside the quiet "
            + "hours of the lead's time zone; each refusal is a 409 problem saying why (with Retry-After where waiting "
            + "helps). The address is read from capture at send time and never stored. An email carries a one-click "
            + "unsubscribe link (also as List-Unsubscribe). Recorded as an activity on the lead's timeline and "
            + "announced as message.sent. With an Idempotency-Key the same request sends once; a failed send may be "
            + "retried under the same key. A sales rep sends only to the leads they own.")
    @APIResponse(responseCode = "201", description = "sent (or, with Idempotency-Replayed, sent before by a request "
            + "with the same Idempotency-Key)",
            headers = { @Header(name = "Location", description = "the message", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = REPLAYED_HEADER, description = "true when an earlier request with the same "
                            + "Idempotency-Key sent it", schema = @Schema(type = SchemaType.BOOLEAN)) },
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MessageView.class)))
    @APIResponse(responseCode = "400", description = "invalid fields, listed in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "nurture does not know the lead (not assigned yet), or it is "
            + "another rep's", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "refused: consent-missing, consent-withdrawn, do-not-contact, "
            + "frequency-cap, quiet-hours (both with Retry-After), no-address, lead-gone, or message-in-flight",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "this Idempotency-Key was used with a different request, or the "
            + "channel refused the message for good (recipient-rejected)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "the channel or capture-service is unavailable; nothing was sent "
            + "(Retry-After)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> send(@PathParam("leadId") @Schema(type = SchemaType.STRING, format = "uuid") UUID leadId,
            @HeaderParam(IdempotencyKey.HEADER) @Parameter(description = "optional; the same key and request send once")
            String idempotencyKey,
            SendMessageRequest request, @Context UriInfo uri) {
        String caller = identity.getPrincipal().getName();
        IdempotencyKey key = IdempotencyKey.parse(caller, idempotencyKey);
        SendMessageRequest body = request != null ? request : new SendMessageRequest(null, null, null, null, null, null);
        return messages.send(leadId, viewer(), sender(caller), body.toCommand(), key).map(sent -> {
            Response.ResponseBuilder response = Response.created(uri.getBaseUriBuilder()
                    .path("api/leads/{leadId}/messages/{messageId}").build(leadId, sent.message().id))
                    .entity(MessageView.of(sent.message()));
            if (sent.replayed()) {
                response.header(REPLAYED_HEADER, "true");
            }
            return response.build();
        });
    }

    @GET
    @Path("/{messageId}")
    @RolesAllowed({ "sales-rep", "sales-manager" })
    @Operation(operationId = "getMessage", summary = "One message sent to a lead", description = "Where POST's Location points. A sales rep reads "
            + "only the leads they own.")
    @APIResponse(responseCode = "200", description = "the message",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MessageView.class)))
    @APIResponse(responseCode = "404", description = "no such message on this lead, the lead is unknown, or it is "
            + "another rep's", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<MessageView> get(@PathParam("leadId") @Schema(type = SchemaType.STRING, format = "uuid") UUID leadId,
            @PathParam("messageId") @Schema(type = SchemaType.STRING, format = "uuid") UUID messageId) {
        return messages.get(leadId, messageId, viewer()).map(MessageView::of);
    }

    /** The sender as templates name them: the token's name and email claims, where it has them. */
    private MessageService.Sender sender(String username) {
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            return new MessageService.Sender(username, token.getClaim("name"), token.getClaim("email"));
        }
        return new MessageService.Sender(username, null, null);
    }

    private Viewer viewer() {
        return Viewer.of(identity.getPrincipal().getName(), identity::hasRole);
    }
}
