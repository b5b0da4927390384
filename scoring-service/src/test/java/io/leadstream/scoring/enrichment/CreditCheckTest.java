package io.leadstream.scoring.enrichment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.scoring.enrichment.CreditCheckOutcome.NotNeeded;
import io.leadstream.scoring.enrichment.CreditCheckOutcome.Pending;
import io.leadstream.scoring.enrichment.CreditCheckOutcome.Rated;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * The credit check against a real HTTP provider (WireMock): what is sent, what an answer becomes, and that an
 * unavailable provider gives a pending check, never an exception, and is left alone while the circuit is open.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@TestProfile(CreditCheckTest.WithProvider.class)
class CreditCheckTest {

    /** The application's settings (all four fields, 50 000 EUR, timeout 2 s) with the stub provider. */
    public static class WithProvider implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(CreditProviderStub.class));
        }
    }

    @Inject
    CreditCheck creditCheck;
    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    WireMockServer provider;

    @BeforeEach
    void freshProvider() {
        CreditProviderStub.startServer();
        provider = CreditProviderStub.server();
        provider.resetAll();
        circuitBreakers.resetAll();
    }

    private static CreditCheckSubject lucrative(UUID leadId) {
        return new CreditCheckSubject(leadId, "Analytical Engines Ltd", "GB", "manufacturing", new BigDecimal("75000"),
                "EUR");
    }

    private CreditCheckOutcome check(CreditCheckSubject subject) {
        return creditCheck.check(subject).await().atMost(Duration.ofSeconds(30));
    }

    private int providerCalls() {
        return provider.findAll(postRequestedFor(urlEqualTo("/checks"))).size();
    }

    @Test
    void shouldSendTheConfiguredBusinessAttributesOnlyAndTurnTheRatingIntoAReason() {
        UUID leadId = UUID.randomUUID();
        String expectedBody = """
                {"reference":"%s","company":"Analytical Engines Ltd","country":"GB","segment":"manufacturing",
                 "dealSize":{"amount":75000,"currency":"EUR"}}""".formatted(leadId);
        provider.stubFor(post(urlEqualTo("/checks"))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(equalToJson(expectedBody)) // strict: no field more, none less
                .willReturn(okJson("""
                        {"rating":"LOW_RISK","limit":{"amount":200000,"currency":"EUR"},"provider":"Acme Credit",
                         "fieldAddedLater":true}""")));

        CreditCheckOutcome outcome = check(lucrative(leadId));

        assertThat(outcome).isEqualTo(new Rated("LOW_RISK", 10, "credit check by Acme Credit: low risk (limit 200 000 EUR)"));
        assertThat(providerCalls()).isPositive().isEqualTo(provider.findAll(postRequestedFor(urlEqualTo("/checks"))
                .withHeader("Accept", containing("application/json"))
                .withRequestBody(equalToJson(expectedBody))).size());
    }

    @Test
    void shouldLeaveOutAnAttributeScoringDoesNotKnowAndRateAHighRiskNegatively() {
        UUID leadId = UUID.randomUUID();
        provider.stubFor(post(urlEqualTo("/checks"))
                .withRequestBody(equalToJson("""
                        {"reference":"%s","company":"Analytical Engines Ltd","country":"GB",
                         "dealSize":{"amount":120000.50,"currency":"EUR"}}""".formatted(leadId)))
                .willReturn(okJson("{\"rating\":\"HIGH_RISK\"}")));

        CreditCheckOutcome outcome = check(new CreditCheckSubject(leadId, "Analytical Engines Ltd", "GB", null,
                new BigDecimal("120000.50"), "EUR"));

        assertThat(outcome).isEqualTo(new Rated("HIGH_RISK", -15, "credit check: high risk"));
    }

    @Test
    void shouldBePendingAfterRetryingWhenTheProviderAnswers500() {
        provider.stubFor(post(urlEqualTo("/checks")).willReturn(serverError()));

        CreditCheckOutcome outcome = check(lucrative(UUID.randomUUID()));

        assertThat(outcome).isEqualTo(new Pending("provider answered HTTP 500", Duration.ofMinutes(5)));
        assertThat(((Pending) outcome).detail()).isEqualTo("credit check pending: provider answered HTTP 500");
        assertThat(providerCalls()).as("the first call and two retries").isEqualTo(3);
    }

    @Test
    void shouldBePendingWhenTheProviderAnswersTooLate() {
        provider.stubFor(post(urlEqualTo("/checks"))
                .willReturn(okJson("{\"rating\":\"LOW_RISK\"}").withFixedDelay(4_000))); // timeout is 2 s

        CreditCheckOutcome outcome = check(lucrative(UUID.randomUUID()));

        assertThat(outcome).isEqualTo(new Pending("no answer within 2 s", Duration.ofMinutes(5)));
    }

    @Test
    void shouldBePendingWhenTheProviderIsDown() {
        CreditProviderStub.stopServer();
        try {
            CreditCheckOutcome outcome = check(lucrative(UUID.randomUUID()));

            assertThat(outcome).isEqualTo(new Pending("provider unreachable (connection refused)", Duration.ofMinutes(5)));
        } finally {
            CreditProviderStub.startServer();
        }
    }

    @Test
    void shouldBePendingWithoutRetryWhenTheProviderRefusesTheRequest() {
        provider.stubFor(post(urlEqualTo("/checks")).willReturn(aResponse().withStatus(401)));

        CreditCheckOutcome outcome = check(lucrative(UUID.randomUUID()));

        assertThat(outcome).isEqualTo(new Pending("provider refused the request (HTTP 401)", Duration.ofMinutes(5)));
        assertThat(providerCalls()).isEqualTo(1);
    }

    @Test
    void shouldStopCallingAFailingProviderWhileTheCircuitIsOpen() {
        provider.stubFor(post(urlEqualTo("/checks")).willReturn(serverError()));
        CreditCheckOutcome outcome = null;
        for (int call = 0; call < 5 && !paused(outcome); call++) {
            outcome = check(lucrative(UUID.randomUUID()));
        }
        assertThat(paused(outcome)).as("circuit open after repeated failures, last outcome %s", outcome).isTrue();
        int callsBeforeOpen = providerCalls();
        assertThat(callsBeforeOpen).isGreaterThanOrEqualTo(4);

        // the provider is healthy again, but while the circuit is open it is not asked
        provider.stubFor(post(urlEqualTo("/checks")).willReturn(okJson("{\"rating\":\"LOW_RISK\"}")));
        CreditCheckOutcome whileOpen = check(lucrative(UUID.randomUUID()));

        assertThat(whileOpen).isEqualTo(new Pending("provider unavailable, calls paused after repeated failures",
                Duration.ofMinutes(5)));
        assertThat(providerCalls()).isEqualTo(callsBeforeOpen);
    }

    private static boolean paused(CreditCheckOutcome outcome) {
        return outcome instanceof Pending pending && pending.why().contains("calls paused");
    }

    @Test
    void shouldNotCallTheProviderForASmallDealAForeignCurrencyOrNoDeal() {
        provider.stubFor(post(urlEqualTo("/checks")).willReturn(okJson("{\"rating\":\"LOW_RISK\"}")));
        UUID leadId = UUID.randomUUID();

        assertThat(check(new CreditCheckSubject(leadId, "Small Ltd", "GB", "retail", new BigDecimal("49999.99"), "EUR")))
                .isEqualTo(new NotNeeded("deal size 49 999.99 EUR is below the 50 000 EUR threshold"));
        assertThat(check(new CreditCheckSubject(leadId, "Big Inc", "US", "retail", new BigDecimal("900000"), "USD")))
                .isEqualTo(new NotNeeded("deal in USD: the threshold is in EUR and amounts are not converted"));
        assertThat(check(new CreditCheckSubject(leadId, "Big Inc", "GB", "retail", null, null)))
                .isEqualTo(new NotNeeded("no deal size"));

        provider.verify(0, anyRequestedFor(anyUrl()));
    }
}
