package io.leadstream.scoring.enrichment;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.scoring.enrichment.CreditCheckOutcome.Rated;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** An admin who shares less: only the attributes named in {@code fields} leave the suite, besides the lead id. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@TestProfile(CreditCheckFieldsTest.CountryAndDealSizeOnly.class)
class CreditCheckFieldsTest {

    public static class CountryAndDealSizeOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("leadstream.scoring.credit-check.fields", "country,dealSize",
                    "leadstream.scoring.credit-check.min-deal-size", "10000");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(CreditProviderStub.class));
        }
    }

    @Inject
    CreditCheck creditCheck;

    @Test
    void shouldSendOnlyTheConfiguredFields() {
        WireMockServer provider = CreditProviderStub.server();
        UUID leadId = UUID.randomUUID();
        String expectedBody = """
                {"reference":"%s","country":"DE","dealSize":{"amount":15000,"currency":"EUR"}}""".formatted(leadId);
        provider.stubFor(post(urlEqualTo("/checks")).withRequestBody(equalToJson(expectedBody))
                .willReturn(okJson("{\"rating\":\"MEDIUM_RISK\",\"limit\":{\"amount\":20000,\"currency\":\"EUR\"}}")));

        CreditCheckOutcome outcome = creditCheck.check(new CreditCheckSubject(leadId, "Zuse KG", "DE", "engineering",
                new BigDecimal("15000"), "EUR")).await().atMost(Duration.ofSeconds(30));

        assertThat(outcome).isEqualTo(new Rated("MEDIUM_RISK", 0, "credit check: medium risk (limit 20 000 EUR)"));
        int sent = provider.findAll(postRequestedFor(urlEqualTo("/checks"))).size();
        assertThat(sent).isPositive().isEqualTo(
                provider.findAll(postRequestedFor(urlEqualTo("/checks")).withRequestBody(equalToJson(expectedBody))).size());
    }
}
