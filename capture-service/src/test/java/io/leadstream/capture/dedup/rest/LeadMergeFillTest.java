package io.leadstream.capture.dedup.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.leadstream.capture.dedup.LeadMerged;
import io.leadstream.capture.testing.LeadRows;
import io.leadstream.capture.testing.PublishedEvents;
import io.leadstream.chassis.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** A submission merged into an existing lead fills what the lead lacks and joins products and tags. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@TestSecurity(user = "crm-app", roles = { "integration", "sales-manager" })
class LeadMergeFillTest {

    @Inject
    LeadRows rows;

    @Test
    void shouldFillBlankDetailsAndJoinProductsWhenMerging() {
        String email = "ada+" + UUID.randomUUID() + "@merge.example";
        String id = given().contentType("application/json").body("""
                {"firstName":"Ada","lastName":"Lovelace","email":"%s","source":"web","jobTitle":"Engineer",
                 "qualifiers":{"products":["solar"],"tags":["fair"]}}""".formatted(email))
                .post("/api/leads").then().statusCode(201).extract().path("id");

        given().contentType("application/json").body("""
                {"firstName":"Ada","lastName":"Lovelace","email":"%s","source":"partner-site","jobTitle":"CTO",
                 "country":"GB","address":{"street":"1 Road","city":"London","postalCode":"SW1Y 4LB"},
                 "qualifiers":{"products":["Heat-Pumps","solar"],"segment":"smb","tags":["fair"],
                   "dealSize":{"amount":100,"currency":"GBP"}},"campaign":"autumn"}""".formatted(email))
                .post("/api/leads").then().statusCode(200)
                .body("duplicateOf", equalTo(id))
                .body("jobTitle", equalTo("Engineer"))
                .body("address.city", equalTo("London"))
                .body("qualifiers.products", contains("solar", "heat-pumps"))
                .body("qualifiers.tags", contains("fair"))
                .body("qualifiers.segment", equalTo("smb"))
                .body("qualifiers.dealSize.currency", equalTo("GBP"))
                .body("campaign", equalTo("autumn"));

        List<JsonNode> merged = rows.events(id, "lead.merged");
        assertThat(merged).hasSize(1);
        PublishedEvents.assertValid(LeadMerged.class, merged.get(0));
        assertThat(merged.get(0).path("filledFields").toString()).isEqualTo("[\"country\",\"address\","
                + "\"qualifiers.products\",\"qualifiers.segment\",\"qualifiers.dealSize\",\"campaign\"]");
        JsonNode survivor = merged.get(0).path("survivor");
        assertThat(survivor.path("country").asText()).isEqualTo("GB");
        assertThat(survivor.path("jobTitle").asText()).isEqualTo("Engineer");
        assertThat(survivor.path("products").toString()).isEqualTo("[\"solar\",\"heat-pumps\"]");
        assertThat(survivor.path("segment").asText()).isEqualTo("smb");
        assertThat(survivor.path("dealSize").path("currency").asText()).isEqualTo("GBP");
        assertThat(survivor.path("campaign").asText()).isEqualTo("autumn");
        assertThat(survivor.path("quality").path("addressComplete").asBoolean()).isTrue();
        assertThat(survivor.path("quality").path("postcodeValid").asBoolean()).isTrue();
        assertThat(merged.get(0).toString()).doesNotContain("London").doesNotContain("1 Road").doesNotContain("SW1Y");
    }
}
