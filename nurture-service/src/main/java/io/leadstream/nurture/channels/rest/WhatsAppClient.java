package io.leadstream.nurture.channels.rest;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.smallrye.mutiny.Uni;

/**
 * The WhatsApp Cloud API's send endpoint ({@code quarkus.rest-client.whatsapp.url}, taken from
 * {@code leadstream.nurture.whatsapp.base-url}). Only {@link WhatsAppSender} calls it, guarded.
 */
@RegisterRestClient(configKey = "whatsapp")
interface WhatsAppClient {

    @POST
    @Path("/{version}/{phoneNumberId}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Accepted> send(@PathParam("version") String version, @PathParam("phoneNumberId") String phoneNumberId,
            @HeaderParam("Authorization") String authorization, Text message);

    /** A text message to one person: {@code to} is the E.164 number without its +. Links are not previewed. */
    record Text(@JsonProperty("messaging_product") String messagingProduct,
            @JsonProperty("recipient_type") String recipientType, String to, String type, Body text) {

        static Text to(String number, String body) {
            return new Text("whatsapp", "individual", number, "text", new Body(false, body));
        }
    }

    record Body(@JsonProperty("preview_url") boolean previewUrl, String body) {
    }

    /** {@code {"messaging_product":"whatsapp","contacts":[…],"messages":[{"id":"wamid…"}]}}: the id is kept. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Accepted(List<Sent> messages) {

        String id() {
            return messages == null || messages.isEmpty() ? null : messages.get(0).id();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Sent(String id) {
    }
}
