package io.leadstream.capture.leads.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.leadstream.capture.dedup.rest.LeadDeduplicationTest;
import io.leadstream.capture.intake.LeadCaptured;
import io.leadstream.capture.testing.EventsWithPersonalData;
import io.leadstream.capture.testing.LeadRows;
import io.leadstream.capture.testing.PublishedEvents;
import io.leadstream.chassis.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** The whole lead (issue 3, "The lead"): stored, shown, announced without personal data, validated per field. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@TestSecurity(user = "crm-app", roles = { "integration", "lead-admin" })
class LeadModelTest {

    @Inject
    LeadRows rows;
    @Inject
    ObjectMapper mapper;

    private String tag;

    @BeforeEach
    void freshTag() {
        tag = UUID.randomUUID().toString().substring(0, 8);
        given().contentType("application/json").body("{\"type\":\"NUMBER\",\"label\":\"Employees\"}")
                .put("/api/qualifiers/employees").then().statusCode(oneOf(200, 201));
        given().contentType("application/json")
                .body("{\"type\":\"ENUM\",\"label\":\"Budget\",\"options\":[\"Approved\",\"Pending\"]}")
                .put("/api/qualifiers/budget").then().statusCode(oneOf(200, 201));
    }

    /** A lead with every part filled, personal values marked so a test can look for them. */
    String fullLead() {
        return """
                {"firstName":"Ada","lastName":"Lovelace","email":"ada+%1$s@engines.example","phone":"%2$s",
                 "company":"Analytical Engines","jobTitle":" Head of Engineering ","country":"GB","language":"EN",
                 "timeZone":"europe/london","source":"Web",
                 "address":{"street":"12 Secret Street %1$s","city":"Hiddenton","postalCode":"SW1Y 4LB","region":"Greater London"},
                 "qualifiers":{"products":["Solar Panels","heat-pumps","solar panels"],"segment":"SMB",
                   "tags":["Trade-Fair"],"dealSize":{"amount":25000.50,"currency":"eur"},
                   "custom":{"employees":250,"budget":"approved"}},
                 "additionalInfo":{"socialAccounts":{"LinkedIn":"ada-handle-%1$s"},"birthDate":"1815-12-10"},
                 "campaign":"spring-sale","utm":{"source":"newsletter","medium":"email","campaign":"spring"},
                 "referrer":"https://example.com/pricing","notes":"secret note %1$s"}"""
                .formatted(tag, "+44 " + LeadDeduplicationTest.londonNumber().substring(1));
    }

    @Test
    void shouldStoreAndShowEveryPartOfTheLeadNormalised() {
        String id = given().contentType("application/json").body(fullLead()).post("/api/leads")
                .then().statusCode(201).extract().path("id");

        given().get("/api/leads/" + id).then().statusCode(200)
                .body("jobTitle", equalTo("Head of Engineering"))
                .body("address.street", equalTo("12 Secret Street " + tag))
                .body("address.city", equalTo("Hiddenton"))
                .body("address.postalCode", equalTo("SW1Y 4LB"))
                .body("address.region", equalTo("Greater London"))
                .body("country", equalTo("GB"))
                .body("language", equalTo("en"))
                .body("timeZone", equalTo("Europe/London"))
                .body("qualifiers.products", contains("solar panels", "heat-pumps"))
                .body("qualifiers.segment", equalTo("smb"))
                .body("qualifiers.tags", contains("trade-fair"))
                .body("qualifiers.dealSize.amount", equalTo(25000.50f))
                .body("qualifiers.dealSize.currency", equalTo("EUR"))
                .body("qualifiers.custom.employees", equalTo(250))
                .body("qualifiers.custom.budget", equalTo("Approved"))
                .body("additionalInfo.socialAccounts.linkedin", equalTo("ada-handle-" + tag))
                .body("additionalInfo.birthDate", equalTo("1815-12-10"))
                .body("source", equalTo("web"))
                .body("campaign", equalTo("spring-sale"))
                .body("utm.source", equalTo("newsletter"))
                .body("utm.campaign", equalTo("spring"))
                .body("utm.term", nullValue())
                .body("referrer", equalTo("https://example.com/pricing"))
                .body("notes", equalTo("secret note " + tag))
                .body("merges", equalTo(0));
        assertThat(rows.column(id, "products")).isEqualTo("{\"solar panels\",heat-pumps}");
    }

    @Test
    void shouldShowEmptyQualifiersForALeadWithOnlyContactData() {
        String id = given().contentType("application/json")
                .body("{\"firstName\":\"Grace\",\"lastName\":\"Hopper\",\"email\":\"grace+" + tag + "@navy.example\",\"source\":\"web\"}")
                .post("/api/leads").then().statusCode(201).extract().path("id");
        given().get("/api/leads/" + id).then().statusCode(200)
                .body("address", nullValue())
                .body("qualifiers.products", equalTo(List.of()))
                .body("qualifiers.dealSize", nullValue())
                .body("additionalInfo.birthDate", nullValue())
                .body("utm", nullValue());
    }

    @Test
    void shouldAnnounceBusinessAttributesTypedQualifiersAndQualityFlagsButNoPersonalData() {
        String id = given().contentType("application/json").body(fullLead()).post("/api/leads")
                .then().statusCode(201).extract().path("id");

        List<JsonNode> events = rows.events(id, "lead.captured");
        assertThat(events).hasSize(1);
        JsonNode event = events.get(0);
        PublishedEvents.assertValid(LeadCaptured.class, event);
        assertThat(event.path("jobTitle").asText()).isEqualTo("Head of Engineering");
        assertThat(event.path("language").asText()).isEqualTo("en");
        assertThat(event.path("products").toString()).isEqualTo("[\"solar panels\",\"heat-pumps\"]");
        assertThat(event.path("segment").asText()).isEqualTo("smb");
        assertThat(event.path("tags").toString()).isEqualTo("[\"trade-fair\"]");
        assertThat(event.path("dealSize").path("currency").asText()).isEqualTo("EUR");
        assertThat(event.path("dealSize").path("amount").decimalValue()).isEqualByComparingTo("25000.50");
        assertThat(event.path("campaign").asText()).isEqualTo("spring-sale");
        assertThat(event.path("utm").path("medium").asText()).isEqualTo("email");
        assertThat(event.path("quality").path("addressComplete").asBoolean()).isTrue();
        assertThat(event.path("quality").path("postcodeValid").asBoolean()).isTrue();
        assertThat(event.path("quality").path("phoneCountry").asText()).isEqualTo("GB");
        assertThat(event.path("customQualifiers").path("employees").asInt()).isEqualTo(250);
        assertThat(event.path("customQualifiers").path("budget").asText()).isEqualTo("Approved");
        assertThat(event.toString()).doesNotContain("Secret Street").doesNotContain("Hiddenton")
                .doesNotContain("SW1Y").doesNotContain("1815").doesNotContain("ada-handle").doesNotContain("secret note")
                .doesNotContain("Lovelace").doesNotContain("engines.example").doesNotContain("+44")
                .doesNotContain("example.com/pricing");
    }

    @Test
    void shouldAcceptOlderLeadCapturedEventsWithoutTheNewFields() throws Exception {
        JsonNode old = mapper.readTree("""
                {"leadId":"9b2f0c1e-8a5e-4c43-9d6f-1c2b3a4d5e6f","source":"web","capturedAt":"2026-11-22T10:00:00Z",
                 "quality":{"emailValid":true,"phoneValid":false,"hasCompany":false,"nameLooksReal":true}}""");
        // JSON the log holds from before LeadCaptured had these fields, not a record: checked against the schema itself
        try (var schema = getClass().getResourceAsStream("/events/lead.captured.v1.json")) {
            assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema).validate(old))
                    .isEmpty();
        }
        PublishedEvents.assertRefused(EventsWithPersonalData.LeadCapturedWithStreet.class, "street");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "qualifiers.dealSize.currency | \"qualifiers\":{\"dealSize\":{\"amount\":10,\"currency\":\"ABC\"}}",
            "qualifiers.dealSize.amount   | \"qualifiers\":{\"dealSize\":{\"amount\":-1,\"currency\":\"EUR\"}}",
            "qualifiers.dealSize.currency | \"qualifiers\":{\"dealSize\":{\"amount\":1}}",
            "qualifiers.products[1]       | \"qualifiers\":{\"products\":[\"solar\",\"\"]}",
            "qualifiers.custom.employees  | \"qualifiers\":{\"custom\":{\"employees\":\"many\"}}",
            "qualifiers.custom.budget     | \"qualifiers\":{\"custom\":{\"budget\":\"Rejected\"}}",
            "qualifiers.custom.undefinedKey | \"qualifiers\":{\"custom\":{\"undefinedKey\":1}}",
            "additionalInfo.birthDate     | \"additionalInfo\":{\"birthDate\":\"2999-01-01\"}",
            "additionalInfo.socialAccounts.bad network | \"additionalInfo\":{\"socialAccounts\":{\"bad network\":\"x\"}}",
            "language                     | \"language\":\"english\"",
            "timeZone                     | \"timeZone\":\"Mars/Olympus\"",
            "referrer                     | \"referrer\":\"not a url\"",
            "jobTitle                     | \"jobTitle\":\"%101\"",
            "notes                        | \"notes\":\"%5001\"",
            "address.postalCode           | \"address\":{\"postalCode\":\"%21\"}",
            "utm.source                   | \"utm\":{\"source\":\"%201\"}" })
    void shouldNameTheOffendingFieldByItsJsonPath(String field, String json) {
        // %101 stands for a string of 101 characters
        String fragment = Pattern.compile("%(\\d+)").matcher(json)
                .replaceAll(m -> "x".repeat(Integer.parseInt(m.group(1))));
        given().contentType("application/json")
                .body("{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"email\":\"ada+" + tag
                        + "@engines.example\",\"source\":\"web\"," + fragment + "}")
                .post("/api/leads")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(field));
    }

    @Test
    void shouldNameAMalformedBirthDate() {
        given().contentType("application/json")
                .body("{\"firstName\":\"Ada\",\"lastName\":\"L\",\"email\":\"a@b.io\",\"source\":\"web\","
                        + "\"additionalInfo\":{\"birthDate\":\"10 Dec 1815\"}}")
                .post("/api/leads")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("additionalInfo.birthDate"));
    }

    @Test
    void shouldListEveryOffendingFieldAtOnce() {
        given().contentType("application/json")
                .body("{\"firstName\":\"Ada\",\"lastName\":\"L\",\"email\":\"a@b.io\",\"source\":\"web\","
                        + "\"language\":\"xx\",\"timeZone\":\"Nowhere\",\"qualifiers\":{\"dealSize\":{\"amount\":1,\"currency\":\"ZZZ\"}}}")
                .post("/api/leads")
                .then().statusCode(400)
                .body("errors.field", containsInAnyOrder("language", "timeZone", "qualifiers.dealSize.currency"));
    }
}
