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

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.capture.leads.LeadUpdated;
import io.leadstream.capture.testing.EventsWithPersonalData;
import io.leadstream.capture.testing.LeadRows;
import io.leadstream.capture.testing.PublishedEvents;
import io.leadstream.chassis.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;

/**
 * PATCH /api/leads/{id} (JSON merge patch): same validation and normalisation as create, forbidden fields refused,
 * the change and lead.updated in one transaction, nothing announced for a patch that changes nothing.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@TestSecurity(user = "crm-app", roles = { "integration", "lead-admin" })
class LeadPatchTest {

    static final String MERGE_PATCH = "application/merge-patch+json";

    @Inject
    LeadRows rows;
    @Inject
    ObjectMapper mapper;

    private String tag;
    private String id;

    @BeforeEach
    void lead() {
        tag = UUID.randomUUID().toString().substring(0, 8);
        given().contentType("application/json").body("{\"type\":\"NUMBER\",\"label\":\"Employees\"}")
                .put("/api/qualifiers/employees").then().statusCode(oneOf(200, 201));
        given().contentType("application/json").body("{\"type\":\"BOOLEAN\",\"label\":\"Budget approved\"}")
                .put("/api/qualifiers/budgetApproved").then().statusCode(oneOf(200, 201));
        id = given().contentType("application/json").body("""
                {"firstName":"Ada","lastName":"Lovelace","email":"ada+%1$s@engines.example","company":"Engines",
                 "country":"GB","source":"web","jobTitle":"Engineer","address":{"street":"12 Secret Street %1$s","city":"London"},
                 "qualifiers":{"products":["solar"],"segment":"smb","custom":{"employees":250,"budgetApproved":false}},
                 "notes":"first note %1$s"}""".formatted(tag))
                .post("/api/leads").then().statusCode(201).extract().path("id");
    }

    private Response patch(String body) {
        return given().contentType(MERGE_PATCH).body(body).patch("/api/leads/" + id);
    }

    @Test
    void shouldChangeOnlyWhatThePatchNamesNormalisedLikeACreate() {
        String before = given().get("/api/leads/" + id).then().extract().path("updatedAt");
        patch("""
                {"email":" ADA.NEW+%s@Engines.Example ","phone":"020 7946 0958","jobTitle":" CTO ",
                 "address":{"postalCode":"SW1Y 4LB"},"qualifiers":{"products":["Heat Pumps","SOLAR"],
                 "custom":{"employees":300}},"language":"DE","timeZone":"europe/berlin"}""".formatted(tag))
                .then().statusCode(200)
                .body("email", equalTo("ada.new+" + tag + "@engines.example"))
                .body("phone", equalTo("+442079460958"))
                .body("jobTitle", equalTo("CTO"))
                .body("address.street", equalTo("12 Secret Street " + tag))
                .body("address.postalCode", equalTo("SW1Y 4LB"))
                .body("qualifiers.products", contains("heat pumps", "solar"))
                .body("qualifiers.segment", equalTo("smb"))
                .body("qualifiers.custom.employees", equalTo(300))
                .body("qualifiers.custom.budgetApproved", equalTo(false))
                .body("language", equalTo("de"))
                .body("timeZone", equalTo("Europe/Berlin"))
                .body("firstName", equalTo("Ada"))
                .body("notes", equalTo("first note " + tag))
                .body("merges", equalTo(0));
        String after = given().get("/api/leads/" + id).then().statusCode(200)
                .body("email", equalTo("ada.new+" + tag + "@engines.example")).extract().path("updatedAt");
        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void shouldAnnounceLeadUpdatedWithChangedFieldNamesAndNoPersonalData() {
        patch("""
                {"email":"ada.other+%1$s@engines.example","address":{"postalCode":"SW1Y 4LB"},"notes":"new secret %1$s",
                 "qualifiers":{"segment":"Enterprise","custom":{"budgetApproved":true}},"campaign":"autumn"}"""
                .formatted(tag)).then().statusCode(200);

        List<JsonNode> events = rows.events(id, "lead.updated");
        assertThat(events).hasSize(1);
        JsonNode event = events.get(0);
        PublishedEvents.assertValid(LeadUpdated.class, event);
        assertThat(event.path("leadId").asText()).isEqualTo(id);
        assertThat(event.path("changedFields").toString()).isEqualTo("[\"email\",\"address.postalCode\","
                + "\"qualifiers.segment\",\"qualifiers.custom.budgetApproved\",\"campaign\",\"notes\"]");
        assertThat(event.path("segment").asText()).isEqualTo("enterprise");
        assertThat(event.path("products").toString()).isEqualTo("[\"solar\"]");
        assertThat(event.path("campaign").asText()).isEqualTo("autumn");
        assertThat(event.path("jobTitle").asText()).isEqualTo("Engineer");
        assertThat(event.path("quality").path("addressComplete").asBoolean()).isTrue();
        assertThat(event.path("quality").path("emailValid").asBoolean()).isTrue();
        assertThat(event.path("quality").path("postcodeValid").asBoolean()).isTrue();
        assertThat(event.path("quality").path("phoneCountry").isNull()).isTrue();
        assertThat(event.path("customQualifiers").path("budgetApproved").asBoolean()).isTrue();
        assertThat(event.path("customQualifiers").path("employees").asInt()).isEqualTo(250);
        assertThat(event.path("updatedAt").asText()).isNotEmpty();
        assertThat(event.toString()).doesNotContain(tag).doesNotContain("Lovelace").doesNotContain("Secret Street")
                .doesNotContain("SW1Y").doesNotContain("new secret").doesNotContain("engines.example");
    }

    @Test
    void shouldRejectAnUpdatedEventCarryingPersonalData() throws Exception {
        PublishedEvents.assertRefused(EventsWithPersonalData.LeadUpdatedWithEmail.class, "email");
    }

    @Test
    void shouldAnswer200AndAnnounceNothingWhenNothingChanges() {
        String before = given().get("/api/leads/" + id).then().extract().path("updatedAt");
        patch("""
                {"firstName":"Ada","email":" ADA+%s@ENGINES.EXAMPLE ","qualifiers":{"products":["Solar"],
                 "custom":{"employees":250.0}},"country":"GBR","language":null}""".formatted(tag))
                .then().statusCode(200).body("updatedAt", equalTo(before));
        patch("{}").then().statusCode(200).body("updatedAt", equalTo(before));
        assertThat(rows.events(id, "lead.updated")).isEmpty();
    }

    @Test
    void shouldRemoveOptionalFieldsWithNull() {
        patch("{\"jobTitle\":null,\"notes\":null,\"address\":{\"city\":null},"
                + "\"qualifiers\":{\"segment\":null,\"custom\":{\"employees\":null}}}")
                .then().statusCode(200)
                .body("jobTitle", nullValue())
                .body("notes", nullValue())
                .body("address.street", equalTo("12 Secret Street " + tag))
                .body("address.city", nullValue())
                .body("qualifiers.segment", nullValue())
                .body("qualifiers.custom.employees", nullValue())
                .body("qualifiers.custom.budgetApproved", equalTo(false));
        assertThat(rows.column(id, "notes")).isNull();
        assertThat(rows.events(id, "lead.updated").get(0).path("changedFields").toString()).isEqualTo(
                "[\"jobTitle\",\"address.city\",\"qualifiers.segment\",\"qualifiers.custom.employees\",\"notes\"]");
        patch("{\"address\":null,\"qualifiers\":null}").then().statusCode(200)
                .body("address", nullValue())
                .body("qualifiers.products", equalTo(List.of()))
                .body("qualifiers.custom", equalTo(java.util.Map.of()));
    }

    @Test
    void shouldNotRemoveRequiredFields() {
        patch("{\"firstName\":null,\"source\":null}").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("firstName", "source"));
        patch("{\"email\":null}").then().statusCode(400).body("errors.field", contains("email"));
        assertThat(rows.events(id, "lead.updated")).isEmpty();
        given().get("/api/leads/" + id).then().body("firstName", equalTo("Ada"));
    }

    @Test
    void shouldRefuseEveryFieldThatIsNeverWritableByName() {
        patch("{\"score\":99,\"owner\":\"rep1\",\"stage\":\"CUSTOMER\",\"tenant\":\"x\",\"id\":\"" + UUID.randomUUID()
                + "\",\"partnerId\":\"p\",\"formKey\":\"f\",\"capturedBy\":\"rep2\",\"createdAt\":\"2020-01-01T00:00:00Z\","
                + "\"jobTitle\":\"CEO\"}")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("score", "owner", "stage", "tenant", "id", "partnerId",
                        "formKey", "capturedBy", "createdAt"));
        given().get("/api/leads/" + id).then().body("jobTitle", equalTo("Engineer"));
        assertThat(rows.column(id, "partner_id")).isNull();
        assertThat(rows.column(id, "captured_by")).isEqualTo("crm-app");
    }

    @Test
    void shouldNameUnknownAndWronglyTypedFields() {
        patch("{\"favouriteColour\":\"blue\"}").then().statusCode(400).body("errors.field", contains("favouriteColour"));
        patch("{\"address\":{\"country\":\"FR\"}}").then().statusCode(400).body("errors.field", contains("address.country"));
        patch("{\"qualifiers\":{\"products\":\"solar\"}}").then().statusCode(400)
                .body("errors.field", contains("qualifiers.products"));
        patch("{\"updatedAt\":\"2020-01-01T00:00:00Z\"}").then().statusCode(400).body("errors.field", contains("updatedAt"));
        patch("[]").then().statusCode(400).contentType("application/problem+json");
        patch("{not json").then().statusCode(400).contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"qualifiers\":{\"custom\":{\"employees\":\"many\"}}}|qualifiers.custom.employees",
            "{\"qualifiers\":{\"custom\":{\"unknownKey\":1}}}|qualifiers.custom.unknownKey",
            "{\"qualifiers\":{\"dealSize\":{\"amount\":5,\"currency\":\"EURO\"}}}|qualifiers.dealSize.currency",
            "{\"qualifiers\":{\"dealSize\":{\"currency\":\"EUR\"}}}|qualifiers.dealSize.amount",
            "{\"phone\":\"12\"}|phone",
            "{\"email\":\"not-an-email\"}|email",
            "{\"country\":\"Atlantis\"}|country",
            "{\"language\":\"english\"}|language",
            "{\"additionalInfo\":{\"birthDate\":\"2999-01-01\"}}|additionalInfo.birthDate" })
    void shouldValidatePatchedValuesLikeACreate(String patchAndField) {
        String[] parts = patchAndField.split("\\|");
        patch(parts[0]).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(parts[1]));
        assertThat(rows.events(id, "lead.updated")).isEmpty();
    }

    @Test
    void shouldAnswerAnotherContentTypeWith415Problem() {
        given().contentType("application/json").body("{\"jobTitle\":\"CTO\"}").patch("/api/leads/" + id)
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void shouldAnswerAnUnknownLeadWith404Problem() {
        given().contentType(MERGE_PATCH).body("{\"jobTitle\":\"CTO\"}").patch("/api/leads/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/not-found"));
    }
}
