package io.leadstream.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/**
 * With real Keycloak tokens, over the broker: a manager shares two leads with the partner company acme. acme (its
 * client-credentials token's partner_id) sees both with the chosen facts only, accepts one and gets its contact
 * details, which distribution reads from capture with its own service token; the other is left unanswered until its
 * one-minute deadline (the local run allows that short a deadline) and is recalled and given to a rep again. globex
 * never sees acme's shares, and the rep who had the accepted lead no longer reads it.
 */
class PartnerSharingTest {

    static String acme() {
        return Suite.clientToken("partner-acme", "partner-acme-secret");
    }

    static String globex() {
        return Suite.clientToken("partner-globex", "partner-globex-secret");
    }

    @Test
    void shouldLetAPartnerAcceptOneShareWhileAnotherIsRecalled() {
        String manager = Suite.userToken("manager");
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String accepted = capturedAndAssigned(manager, "grace." + unique + "@cobol.example", "Grace", "Hopper");
        String lapsing = capturedAndAssigned(manager, "alan." + unique + "@enigma.example", "Alan", "Turing");
        String formerRep = given().auth().oauth2(manager).get(Suite.DISTRIBUTION + "/api/assignments/" + accepted)
                .then().extract().path("repId");

        share(manager, accepted, "PT30M");
        share(manager, lapsing, "PT1M");

        JsonPath inbox = given().auth().oauth2(acme()).get(Suite.DISTRIBUTION + "/api/partner/inbox").then()
                .statusCode(200).extract().jsonPath();
        String item = "items.find { it.leadId == '" + accepted + "' }";
        assertThat(inbox.getString(item + ".state")).isEqualTo("OFFERED");
        assertThat(inbox.getMap(item + ".facts")).containsOnlyKeys("products", "score");
        assertThat(inbox.getString(item + ".contact")).isNull();
        assertThat(inbox.getString("items.find { it.leadId == '" + lapsing + "' }.state")).isEqualTo("OFFERED");

        // another partner never sees acme's shares
        given().auth().oauth2(globex()).get(Suite.DISTRIBUTION + "/api/partner/inbox/" + accepted).then()
                .statusCode(404);
        given().auth().oauth2(globex()).post(Suite.DISTRIBUTION + "/api/partner/inbox/" + accepted + "/accept").then()
                .statusCode(404);

        // accepted: the contact details come from capture, read with distribution's own token
        given().auth().oauth2(acme()).post(Suite.DISTRIBUTION + "/api/partner/inbox/" + accepted + "/accept").then()
                .statusCode(200)
                .body("state", equalTo("ACCEPTED"))
                .body("contact.email", equalTo("grace." + unique + "@cobol.example"))
                .body("contact.lastName", equalTo("Hopper"));
        // capture followed lead.shared: the rep who had the lead no longer reads it
        await().atMost(Suite.JOURNEY).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().auth().oauth2(Suite.userToken(formerRep)).get(Suite.CAPTURE + "/api/leads/" + accepted)
                        .then().statusCode(404));

        // unanswered: recalled at its deadline and routed to a rep again
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(() ->
                given().auth().oauth2(acme()).get(Suite.DISTRIBUTION + "/api/partner/inbox/" + lapsing).then()
                        .extract().<String>path("state"), "RECALLED"::equals);
        given().auth().oauth2(acme()).post(Suite.DISTRIBUTION + "/api/partner/inbox/" + lapsing + "/accept").then()
                .statusCode(409);
        JsonPath again = await().atMost(Suite.JOURNEY).pollInterval(Duration.ofMillis(250)).until(() ->
                given().auth().oauth2(manager).get(Suite.DISTRIBUTION + "/api/assignments/" + lapsing).then()
                        .statusCode(200).extract().jsonPath(), a -> a.getString("repId") != null);
        assertThat(again.getList("history.kind", String.class)).containsSubsequence("SHARED", "SHARE_RECALLED",
                "ASSIGNED");
        given().auth().oauth2(Suite.userToken(again.getString("repId")))
                .get(Suite.DISTRIBUTION + "/api/assignments/" + lapsing).then().statusCode(200)
                .body("target", org.hamcrest.Matchers.not(equalTo("partner:acme")));
        given().auth().oauth2(acme()).get(Suite.DISTRIBUTION + "/api/partner/inbox/" + lapsing).then()
                .statusCode(200).body("contact", nullValue());
    }

    /** A lead captured through the API and routed to a rep by the rules in force; returns its id. */
    private static String capturedAndAssigned(String manager, String email, String first, String last) {
        String location = given().auth().oauth2(Suite.crmApp()).contentType("application/json").body("""
                {"firstName":"%s","lastName":"%s","email":"%s","company":"Partner Test Ltd","source":"api",
                 "qualifiers":{"products":["boilers"]}}""".formatted(first, last, email))
                .post(Suite.CAPTURE + "/api/leads").then().statusCode(201).extract().header("Location");
        String leadId = location.substring(location.lastIndexOf('/') + 1);
        await().atMost(Suite.JOURNEY).pollInterval(Duration.ofMillis(250)).until(
                () -> given().auth().oauth2(manager).get(Suite.DISTRIBUTION + "/api/assignments/" + leadId)
                        .then().extract().<String>path("repId"), repId -> repId != null);
        return leadId;
    }

    private static void share(String manager, String leadId, String acceptWithin) {
        given().auth().oauth2(manager).contentType("application/json")
                .body(Map.of("leadId", leadId, "partnerId", "acme", "acceptWithin", acceptWithin,
                        "fields", java.util.List.of("products", "score")))
                .post(Suite.DISTRIBUTION + "/api/shares").then().statusCode(201)
                .body("state", equalTo("OFFERED"));
    }
}
