package io.leadstream.nurture.channels.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.smallrye.mutiny.Uni;

/**
 * The SMS gateway's API, ours (README "Channels": an operator puts a small bridge in front of Twilio, Vonage, …). Its
 * base URL is {@code quarkus.rest-client.sms-gateway.url}, taken from {@code leadstream.nurture.sms.base-url}. Only
 * {@link SmsSender} calls it, guarded.
 */
@RegisterRestClient(configKey = "sms-gateway")
@Path("/messages")
interface SmsGatewayClient {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Accepted> send(@HeaderParam("Authorization") String authorization,
            @HeaderParam("Idempotency-Key") String idempotencyKey, Text message);

    /** {@code to} in E.164 with its +, {@code reference} nurture's message id (also the Idempotency-Key). */
    record Text(String to, String from, String text, String reference) {
    }

    /** {@code {"id":"…"}}: the gateway's id for the message; other fields are ignored. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Accepted(String id) {
    }
}
