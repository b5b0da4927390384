package io.leadstream.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * With real Keycloak tokens: the rep distribution assigns a lead to reads it in capture-service (capture follows
 * lead.assigned over the broker); another rep gets 404 and does not find it by search.
 */
class RepVisibilityTest {

    @Test
    void shouldLetOnlyTheAssignedRepReadTheLead() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String location = given().auth().oauth2(Suite.crmApp()).contentType("application/json")
                .body("""
                        {"firstName":"Katherine","lastName":"Johnson","email":"kj.%s@orbit.example",
                         "company":"Trajectory Ltd","source":"api"}""".formatted(unique))
                .post(Suite.CAPTURE + "/api/leads")
                .then().statusCode(201).extract().header("Location");
        String leadId = location.substring(location.lastIndexOf('/') + 1);
        String manager = Suite.userToken("manager");

        String owner = await().atMost(Suite.JOURNEY).pollInterval(Duration.ofMillis(250)).until(
                () -> given().auth().oauth2(manager).get(Suite.DISTRIBUTION + "/api/assignments/" + leadId)
                        .then().extract().<String>path("repId"), repId -> repId != null);
        String other = owner.equals("rep1") ? "rep2" : "rep1";

        await().atMost(Suite.JOURNEY).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().auth().oauth2(Suite.userToken(owner)).get(location).then().statusCode(200));
        List<String> found = given().auth().oauth2(Suite.userToken(owner)).queryParam("q", "kj." + unique)
                .get(Suite.CAPTURE + "/api/leads").then().statusCode(200).extract().jsonPath().getList("items.id");
        assertThat(found).containsExactly(leadId);

        given().auth().oauth2(Suite.userToken(other)).get(location)
                .then().statusCode(404).contentType("application/problem+json");
        List<String> notFound = given().auth().oauth2(Suite.userToken(other)).queryParam("q", "kj." + unique)
                .get(Suite.CAPTURE + "/api/leads").then().statusCode(200).extract().jsonPath().getList("items.id");
        assertThat(notFound).isEmpty();
    }
}
