package io.leadstream.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * A partner company using the partner API with its own client-credentials token from the running Keycloak (the
 * tenant is the token's partner_id claim, put there by the realm's claim mapper on partner-acme / partner-globex).
 */
class PartnerApiTest {

    static final String PARTNER_LEADS = Suite.CAPTURE + "/api/partner/leads";

    static String acme() {
        return Suite.clientToken("partner-acme", "partner-acme-secret");
    }

    static String globex() {
        return Suite.clientToken("partner-globex", "partner-globex-secret");
    }

    @Test
    void shouldScoreAndAssignALeadAPartnerSubmitted() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String phone = Suite.uniquePhone();
        Response created = submit(acme(), """
                {"firstName":"Katherine","lastName":"Johnson","email":"Katherine.%s@Orbit.example","phone":"%s",
                 "company":"Trajectory Partners","country":"US"}""".formatted(unique, phone));

        created.then().statusCode(201)
                .header("RateLimit-Limit", notNullValue())
                .header("RateLimit-Remaining", notNullValue())
                .body("lead.email", equalTo("katherine." + unique + "@orbit.example"))
                .body("lead.source", equalTo("partner"));
        String location = created.header("Location");
        assertThat(location).startsWith(PARTNER_LEADS + "/");
        given().auth().oauth2(acme()).get(location).then().statusCode(200)
                .body("id", equalTo(created.path("id")))
                .body("lead.phone", equalTo(phone.replace(" ", "")));

        // the lead behind the submission, as the company's own app sees it
        JsonPath found = given().auth().oauth2(Suite.crmApp()).queryParam("q", "katherine." + unique)
                .get(Suite.CAPTURE + "/api/leads").then().statusCode(200).extract().jsonPath();
        assertThat(found.getList("items")).hasSize(1);
        String leadId = found.getString("items[0].id");
        assertThat(found.getString("items[0].source")).isEqualTo("partner");
        assertThat(leadId).as("the partner's reference is its own, not the lead id").isNotEqualTo(created.path("id"));

        String manager = Suite.userToken("manager");
        await().atMost(Suite.JOURNEY).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonPath score = given().auth().oauth2(Suite.crmApp()).get(Suite.SCORING + "/api/scores/" + leadId)
                    .then().statusCode(200).extract().jsonPath();
            assertThat(score.getInt("score")).isBetween(0, 100);

            JsonPath assignment = given().auth().oauth2(manager).get(Suite.DISTRIBUTION + "/api/assignments/" + leadId)
                    .then().statusCode(200).extract().jsonPath();
            assertThat(assignment.getString("repId")).isIn("rep1", "rep2", "rep3");
        });
    }

    @Test
    void shouldAnswerAnotherPartnersSubmissionWith404() {
        Response globexSubmission = submit(globex(), """
                {"firstName":"Hedy","lastName":"Lamarr","email":"hedy.%s@globex.example"}"""
                .formatted(UUID.randomUUID().toString().substring(0, 8)));
        globexSubmission.then().statusCode(201);
        String id = globexSubmission.path("id");

        given().auth().oauth2(globex()).get(PARTNER_LEADS + "/" + id).then().statusCode(200);
        Response foreign = given().auth().oauth2(acme()).get(PARTNER_LEADS + "/" + id);
        foreign.then().statusCode(404).contentType(startsWith("application/problem+json"));
        String unknown = UUID.randomUUID().toString();
        String missing = given().auth().oauth2(acme()).get(PARTNER_LEADS + "/" + unknown)
                .then().statusCode(404).extract().asString();
        assertThat(foreign.asString().replace(id, "ID")).isEqualTo(missing.replace(unknown, "ID"));

        List<String> acmeList = given().auth().oauth2(acme()).queryParam("limit", 200).get(PARTNER_LEADS)
                .then().statusCode(200).extract().path("items.id");
        assertThat(acmeList).doesNotContain(id);
    }

    @Test
    void shouldRefuseAPartnerSubmissionWithoutAnIdempotencyKey() {
        given().auth().oauth2(acme()).contentType("application/json")
                .body("{\"firstName\":\"No\",\"lastName\":\"Key\",\"email\":\"no.key@acme.example\"}")
                .post(PARTNER_LEADS)
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("Idempotency-Key"));
    }

    @Test
    void shouldRefuseAPartnerOnTheInternalLeadApiAndAnAppOnThePartnerApi() {
        given().auth().oauth2(acme()).get(Suite.CAPTURE + "/api/leads").then().statusCode(403)
                .contentType(startsWith("application/problem+json"));
        given().auth().oauth2(Suite.crmApp()).get(PARTNER_LEADS).then().statusCode(403)
                .contentType(startsWith("application/problem+json"));
    }

    private static Response submit(String token, String body) {
        return given().auth().oauth2(token).contentType("application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(body).post(PARTNER_LEADS);
    }
}
