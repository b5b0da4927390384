package io.leadstream.capture.channels.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadstream.capture.channels.WhatsAppInbox;
import io.leadstream.chassis.problem.Problem;
import io.smallrye.mutiny.Uni;

/**
 * The WhatsApp Cloud API webhook (public: Meta calls it without a token). The handshake proves the verify token;
 * every delivery is signed with the app secret, checked over the raw body.
 */
// public on purpose: the sender signs (or keys) each call, which the resource checks before anything is stored
@PermitAll
@Path("/webhooks/whatsapp")
@Tag(name = "Webhooks")
public class WhatsAppWebhookResource {

    static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

    private final WhatsAppInbox inbox;

    public WhatsAppWebhookResource(WhatsAppInbox inbox) {
        this.inbox = inbox;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "WhatsApp webhook verification", description = "Meta's subscription handshake: answers "
            + "hub.challenge as text when hub.mode is subscribe and hub.verify_token is the configured verify token "
            + "(leadstream.capture.whatsapp.verify-token), else 403.")
    @APIResponse(responseCode = "200", description = "the challenge, echoed",
            content = @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "403", description = "wrong mode or verify token (type .../webhook-verify-token-invalid)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public String verifyWhatsAppWebhook(@QueryParam("hub.mode") String mode, @QueryParam("hub.verify_token") String token,
            @QueryParam("hub.challenge") String challenge) {
        return inbox.verify(mode, token, challenge);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive WhatsApp messages", description = "Meta's webhook delivery (entry[].changes[].value"
            + ".messages[], sender names from contacts[].profile.name; statuses are ignored). X-Hub-Signature-256 must "
            + "be sha256= and the hex HMAC-SHA256 of the raw body under the app secret, else 401 and nothing is "
            + "stored. Each message: an id received before is skipped; a sender whose phone belongs to a lead is an "
            + "inquiry on it (lead.inquired); another sender becomes a lead with source whatsapp (lead.captured, then "
            + "lead.inquired). No consent is recorded: a message is not consent to marketing. A signed delivery is "
            + "answered 200, also when it holds no message or a message cannot become a lead (recorded as rejected).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT, description = "Meta's webhook payload")))
    @APIResponse(responseCode = "200", description = "handled; counts per outcome",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WhatsAppReceipt.class)))
    @APIResponse(responseCode = "400", description = "a signed body that is not JSON",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "missing or wrong signature (type .../webhook-signature-invalid)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<WhatsAppReceipt> receiveWhatsAppMessages(byte[] body,
            @HeaderParam(SIGNATURE_HEADER) @Parameter(description = "sha256=<hex HMAC-SHA256 of the body>") String signature) {
        return inbox.receive(body, signature).map(WhatsAppReceipt::of);
    }
}
