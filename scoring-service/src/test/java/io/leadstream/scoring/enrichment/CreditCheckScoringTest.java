package io.leadstream.scoring.enrichment;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.leadstream.scoring.ScoringFixture;
import io.leadstream.scoring.TestClocks;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

/** A lucrative lead's credit check in its score: rated, or pending while the provider is down and retried later. */
@QuarkusTest
@TestProfile(CreditCheckTest.WithProvider.class)
@TestSecurity(user = "manager", roles = "sales-manager")
class CreditCheckScoringTest {

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    CreditChecks creditChecks;
    @Inject
    CircuitBreakerMaintenance circuitBreakers;
    @Inject
    ObjectMapper mapper;

    ScoringFixture events;
    WireMockServer provider;

    @BeforeEach
    void fresh() {
        events = new ScoringFixture(connector);
        CreditProviderStub.startServer();
        provider = CreditProviderStub.server();
        provider.resetAll();
        circuitBreakers.resetAll();
    }

    @AfterEach
    void realTime() {
        TestClocks.CLOCK.reset();
    }

    String lucrativeLead(String amount) {
        String leadId = UUID.randomUUID().toString();
        events.capture("lead.captured", leadId, ScoringFixture.captured(leadId, null)
                .replace("\"dealSize\":null", "\"dealSize\":{\"amount\":" + amount + ",\"currency\":\"EUR\"}"));
        events.awaitScored(leadId, 1);
        return leadId;
    }

    @Test
    void shouldPutTheProvidersRatingIntoTheScoreOfALucrativeLead() {
        provider.stubFor(post(urlEqualTo("/checks")).willReturn(okJson("{\"rating\":\"LOW_RISK\"}")));
        String leadId = lucrativeLead("80000");

        provider.verify(1, postRequestedFor(urlEqualTo("/checks")).withRequestBody(equalToJson("""
                {"reference":"%s","company":"Analytical Engines Ltd","country":"GB","segment":"smb",
                 "dealSize":{"amount":80000,"currency":"EUR"}}""".formatted(leadId))));
        given().get("/api/scores/" + leadId).then().statusCode(200)
                .body("reasons.find { it.code == 'CREDIT_CHECK_LOW_RISK' }.points", equalTo(10))
                .body("reasons.find { it.code == 'CREDIT_CHECK_LOW_RISK' }.part", equalTo("FIT"))
                .body("score", equalTo(53 + 10 + 10)); // the defaults' large-deal rule and the check
    }

    @Test
    void shouldScoreAtOnceWhenTheProviderIsDownAndAddTheCheckWhenARetryIsAnswered() throws Throwable {
        provider.stubFor(post(urlEqualTo("/checks")).willReturn(serviceUnavailable()));
        String leadId = lucrativeLead("80000");
        given().get("/api/scores/" + leadId).then().statusCode(200)
                .body("score", equalTo(63))
                .body("reasons.find { it.code == 'CREDIT_CHECK_PENDING' }.points", equalTo(0))
                .body("reasons.find { it.code == 'CREDIT_CHECK_PENDING' }.detail",
                        org.hamcrest.Matchers.startsWith("credit check pending"));

        provider.resetAll();
        circuitBreakers.resetAll();
        provider.stubFor(post(urlEqualTo("/checks")).willReturn(okJson("{\"rating\":\"HIGH_RISK\"}")));
        assertThat(VertxContextSupport.<Integer>subscribeAndAwait(() -> creditChecks.retryDue()))
                .as("not due before retry-after").isZero();

        TestClocks.CLOCK.advance(Duration.ofMinutes(6));
        assertThat(VertxContextSupport.<Integer>subscribeAndAwait(() -> creditChecks.retryDue())).isEqualTo(1);
        var rescored = mapper.readTree(events.awaitScored(leadId, 2));
        assertThat(rescored.get("trigger").asText()).isEqualTo("credit-check");
        assertThat(rescored.get("score").asInt()).isEqualTo(63 - 15);
        given().get("/api/scores/" + leadId).then()
                .body("reasons.code", hasItem("CREDIT_CHECK_HIGH_RISK"))
                .body("reasons.code", not(hasItem("CREDIT_CHECK_PENDING")));
    }

    @Test
    void shouldNotCheckASmallDeal() {
        provider.stubFor(post(urlEqualTo("/checks")).willReturn(okJson("{\"rating\":\"LOW_RISK\"}")));
        String leadId = lucrativeLead("900");
        provider.verify(0, postRequestedFor(urlEqualTo("/checks")));
        given().get("/api/scores/" + leadId).then().body("reasons.code", not(hasItem("CREDIT_CHECK_PENDING")));
    }
}
