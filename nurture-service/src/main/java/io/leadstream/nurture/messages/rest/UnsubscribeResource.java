package io.leadstream.nurture.messages.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadstream.nurture.messages.UnsubscribeToken;
import io.leadstream.nurture.messages.Unsubscribes;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The one-click unsubscribe link of every email nurture sends (public: the token is the proof). {@code GET} is the link
 * a person follows and answers a small page; {@code POST} is RFC 8058's one-click request mail clients send from the
 * List-Unsubscribe-Post header. Both withdraw the consent the token names.
 */
@Path("/unsubscribe")
@PermitAll
@Tag(name = "Unsubscribe")
public class UnsubscribeResource {

    private final Unsubscribes unsubscribes;

    public UnsubscribeResource(Unsubscribes unsubscribes) {
        this.unsubscribes = unsubscribes;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(operationId = "unsubscribe", summary = "Unsubscribe (the link in an email)", description = "Withdraws the lead's consent for the "
            + "email's purpose by email in capture's consent ledger (announced as consent.changed), and answers a "
            + "page saying so. Following the link again changes nothing.")
    @APIResponse(responseCode = "200", description = "unsubscribed", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "400", description = "the link is not one nurture signed (a page saying so)",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "503", description = "the withdrawal could not be recorded now; follow the link again "
            + "later (a page saying so, Retry-After)", content = @Content(mediaType = MediaType.TEXT_HTML))
    public Uni<Response> page(@QueryParam("token") @Parameter(description = "the signed token of the link")
            @Schema(maxLength = 512) String token) {
        return unsubscribe(token, MediaType.TEXT_HTML);
    }

    @POST
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(operationId = "unsubscribeOneClick", summary = "One-click unsubscribe (RFC 8058)", description = "What a mail client posts "
            + "(List-Unsubscribe=One-Click) to the List-Unsubscribe address; the same withdrawal as the link.")
    @APIResponse(responseCode = "200", description = "unsubscribed", content = @Content(mediaType = MediaType.TEXT_PLAIN))
    @APIResponse(responseCode = "400", description = "not a token nurture signed",
            content = @Content(mediaType = MediaType.TEXT_PLAIN))
    @APIResponse(responseCode = "503", description = "could not be recorded now; try again later (Retry-After)",
            content = @Content(mediaType = MediaType.TEXT_PLAIN))
    public Uni<Response> oneClick(@QueryParam("token") @Parameter(description = "the signed token of the link")
            @Schema(maxLength = 512) String token) {
        return unsubscribe(token, MediaType.TEXT_PLAIN);
    }

    private Uni<Response> unsubscribe(String token, String type) {
        UnsubscribeToken meaning = unsubscribes.read(token).orElse(null);
        if (meaning == null) {
            return Uni.createFrom().item(answer(400, type, "This unsubscribe link is not valid",
                    "The link may have been cut short by your mail program. Please use the whole link from the email."));
        }
        return unsubscribes.unsubscribe(meaning)
                .map(done -> answer(200, type, "You are unsubscribed",
                        "You will get no more " + done.purpose() + " emails from us."))
                .onFailure().recoverWithItem(e -> {
                    Log.warnf(e, "unsubscribe of lead %s could not be recorded", meaning.leadId());
                    return Response.fromResponse(answer(503, type, "Please try again later",
                            "We could not record your request just now. Please follow the link again in a few minutes."))
                            .header("Retry-After", "300").build();
                });
    }

    private static Response answer(int status, String type, String title, String text) {
        String body = MediaType.TEXT_HTML.equals(type)
                ? "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                        + "content=\"width=device-width\"><title>" + title + "</title></head><body><h1>" + title + "</h1><p>"
                        + text + "</p></body></html>"
                : title + ". " + text + "\n";
        return Response.status(status).type(type + ";charset=utf-8").entity(body).build();
    }
}
