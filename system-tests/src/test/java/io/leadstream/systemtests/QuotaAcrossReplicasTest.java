package io.leadstream.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

/**
 * A form's quota holds across two replicas of capture (S6, API4): a second capture (deploy/local/component.sh start
 * capture-service-replica: its own ports, the same database) takes from the same buckets as the first, so a client
 * alternating between them gets the quota once, not twice.
 */
class QuotaAcrossReplicasTest {

    static final String REPLICA = "http://127.0.0.1:8091";

    @BeforeAll
    static void startSecondReplica() {
        Suite.component("start", "capture-service-replica");
    }

    @AfterAll
    static void stopSecondReplica() {
        Suite.component("stop", "capture-service-replica");
    }

    @Test
    void shouldGiveAClientTheFormsQuotaOnceAcrossBothReplicas() {
        String key = given().auth().oauth2(Suite.userToken("admin")).contentType("application/json").body("""
                {"name":"Quota %s","fields":{"email":"email","first":"firstName","last":"lastName"},
                 "redirectUrl":"https://www.example.com/thanks",
                 "quota":{"perClient":{"permits":4,"windowSeconds":3600},"perForm":{"permits":100,"windowSeconds":3600}}}"""
                .formatted(UUID.randomUUID()))
                .post(Suite.CAPTURE + "/api/forms").then().statusCode(201).extract().path("key");

        List<Response> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String replica = i % 2 == 0 ? Suite.CAPTURE : REPLICA;
            answers.add(given().contentType("application/json")
                    .body("{\"email\":\"quota.%d.%s@example.com\",\"first\":\"Quinn\",\"last\":\"Replica\"}"
                            .formatted(i, UUID.randomUUID().toString().substring(0, 8)))
                    .post(replica + "/forms/" + key));
        }

        assertThat(answers.stream().map(Response::statusCode)).containsExactly(201, 201, 201, 201, 429, 429, 429, 429);
        assertThat(answers.subList(0, 4).stream().map(a -> a.header("RateLimit-Remaining")))
                .as("one bucket, whichever replica answers").containsExactly("3", "2", "1", "0");
        answers.subList(4, 8).forEach(refused -> {
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(Integer.parseInt(refused.header("Retry-After"))).isPositive();
        });
    }
}
