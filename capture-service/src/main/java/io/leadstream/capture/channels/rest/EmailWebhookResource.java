package io.leadstream.capture.channels.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadstream.capture.channels.EmailInbox;
import io.leadstream.chassis.problem.Problem;
import io.smallrye.mutiny.Uni;

/**
 * The inbound-mail webhook (public: an MTA or a mail service calls it without a token): one raw MIME message per
 * call, signed with the configured secret over the raw body. The same handling as the alias mailbox.
 */
// public on purpose: the sender signs (or keys) each call, which the resource checks before anything is stored
@PermitAll
@Path("/webhooks/email")
@Tag(name = "Webhooks")
public class EmailWebhookResource {

    static final String SIGNATURE_HEADER = "X-Signature-256";
    static final String RFC822 = "message/rfc822";

    private final EmailInbox inbox;

    public EmailWebhookResource(EmailInbox inbox) {
        this.inbox = inbox;
    }

    @POST
    @Consumes(RFC822)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive an email", description = "One raw MIME message (message/rfc822), as an MTA pipe or a "
            + "mail service's inbound webhook hands it over. X-Signature-256 must be sha256= and the hex HMAC-SHA256 of "
            + "the raw body under the webhook secret (leadstream.capture.email.webhook-secret), else 401 and nothing is "
            + "stored. Each message is handled once (its Message-ID): auto-replies, bounces and mailing-list mail "
            + "(Auto-Submitted, an empty Return-Path, multipart/report, List-Id, Precedence bulk) are recorded and "
            + "ignored; a sender whose address belongs to a lead is an inquiry on it (lead.inquired; a reply to a "
            + "message nurture sent names it, so its sequences stop); another sender becomes a lead with source email "
            + "(lead.captured, then lead.inquired), a phone number and company guessed from the signature. No consent "
            + "is recorded: a mail is not consent to marketing. Answered 200 whatever it came to.")
    @RequestBody(content = @Content(mediaType = RFC822,
            schema = @Schema(type = SchemaType.STRING, format = "binary", description = "the raw message")))
    @APIResponse(responseCode = "200", description = "handled: what it came to",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EmailReceipt.class)))
    @APIResponse(responseCode = "400", description = "a signed body that is not a MIME message with a sender",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "missing or wrong signature (type .../webhook-signature-invalid)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<EmailReceipt> receiveEmail(byte[] body,
            @HeaderParam(SIGNATURE_HEADER) @Parameter(description = "sha256=<hex HMAC-SHA256 of the body>") String signature) {
        return inbox.receive(body, signature).map(EmailReceipt::of);
    }
}
