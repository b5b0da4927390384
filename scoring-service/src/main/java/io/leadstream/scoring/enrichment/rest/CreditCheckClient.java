package io.leadstream.scoring.enrichment.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/**
 * The credit-check provider's API (ours: scoring-service/README.md, "Credit check"). Its base URL is
 * {@code quarkus.rest-client.credit-check.url}, taken from {@code leadstream.scoring.credit-check.url}. Only
 * {@link HttpCreditProvider} calls it, guarded.
 */
@RegisterRestClient(configKey = "credit-check")
@Path("/checks")
interface CreditCheckClient {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<CheckAnswer> check(CheckRequest request);
}
