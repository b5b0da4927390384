package io.leadstream.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.restassured.path.json.JsonPath;

/**
 * Outbound webhooks on the running suite (issue 12): an app subscribes through nurture's {@code /api/webhooks} with an
 * admin's real token, a person mails the local alias mailbox, and the app's HTTP receiver (a real one, in this JVM)
 * gets the lead's {@code lead.captured}, {@code lead.scored} and {@code lead.assigned} as structured CloudEvents, each
 * signed per Standard Webhooks with the subscription's secret, in the order they happened.
 */
class OutboundWebhooksTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the receiver got: the three Standard Webhooks headers and the body. */
    record Received(String id, String timestamp, String signature, String contentType, byte[] body) {
    }

    @Test
    void anAppSubscribedToLeadEventsReceivesTheEmailedLeadsEventsSignedAndInOrder() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks/leads", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"),
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"),
                    exchange.getRequestHeaders().getFirst("content-type"), body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String admin = Suite.userToken("admin");
        String subscription = null;
        try {
            JsonPath created = given().auth().oauth2(admin).contentType("application/json")
                    .body(Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/leads",
                            "eventTypes", List.of("lead.captured", "lead.scored", "lead.assigned"),
                            "filter", Map.of("source", "email"),
                            "allowPrivateTargets", true, // the receiver is on this machine
                            "description", "system test receiver"))
                    .post(Suite.NURTURE + "/api/webhooks")
                    .then().statusCode(201).extract().jsonPath();
            subscription = created.getString("id");
            String secret = created.getString("secret");
            given().auth().oauth2(Suite.userToken("manager")).get(Suite.NURTURE + "/api/webhooks").then()
                    .statusCode(403);

            String unique = UUID.randomUUID().toString().substring(0, 8);
            String address = "mary." + unique + "@golda.example";
            Suite.mailToAlias(address, "Mary Golda Ross", "Satellite telemetry software", "Hello,\n\nplease send us "
                    + "an offer for 40 seats.\n\n-- \nMary Golda Ross\nOrbital Analytics\n" + Suite.uniquePhone() + "\n");
            String leadId = Suite.leadWithEmail(address);

            await().atMost(Suite.JOURNEY.multipliedBy(2)).pollInterval(Duration.ofMillis(250))
                    .until(() -> typesOf(received, leadId).contains("leadstream.lead.assigned.v1"));
            List<String> types = typesOf(received, leadId);
            assertThat(types.get(0)).isEqualTo("leadstream.lead.captured.v1");
            assertThat(types.indexOf("leadstream.lead.scored.v1")).isPositive()
                    .isLessThan(types.indexOf("leadstream.lead.assigned.v1"));

            for (Received r : received) {
                JsonNode event = JSON.readTree(r.body());
                if (!leadId.equals(event.path("subject").asText())) {
                    continue;
                }
                assertThat(verify(secret, r)).as("signature of %s", r.id()).isTrue();
                assertThat(r.contentType()).startsWith("application/cloudevents+json");
                assertThat(event.path("specversion").asText()).isEqualTo("1.0");
                assertThat(event.path("data").path("leadId").asText()).isEqualTo(leadId);
                // as in Kafka, nothing personal: the address the person wrote from is nowhere in it
                assertThat(new String(r.body(), StandardCharsets.UTF_8)).doesNotContain(address)
                        .doesNotContain("Golda");
            }
            // the log says so too (a later event of the lead, a re-score say, may still be on its way)
            String id = subscription;
            await().atMost(Suite.JOURNEY).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                JsonPath log = given().auth().oauth2(admin).queryParam("limit", 200)
                        .get(Suite.NURTURE + "/api/webhooks/" + id + "/deliveries")
                        .then().statusCode(200).extract().jsonPath();
                assertThat(log.getList("items.findAll { it.leadId == '" + leadId + "' }.status", String.class))
                        .hasSizeGreaterThanOrEqualTo(3).containsOnly("DELIVERED");
            });
        } finally {
            if (subscription != null) {
                given().auth().oauth2(admin).delete(Suite.NURTURE + "/api/webhooks/" + subscription).then()
                        .statusCode(204);
            }
            receiver.stop(0);
        }
    }

    private static List<String> typesOf(List<Received> received, String leadId) {
        return received.stream().map(r -> {
            try {
                return JSON.readTree(r.body());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }).filter(e -> leadId.equals(e.path("subject").asText())).map(e -> e.path("type").asText()).toList();
    }

    /** The receiver's check (Standard Webhooks): HMAC-SHA256 of "id.timestamp.body" under the secret, recent. */
    private static boolean verify(String secret, Received r) throws Exception {
        if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(r.timestamp())) > 300) {
            return false;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        mac.update((r.id() + "." + r.timestamp() + ".").getBytes(StandardCharsets.UTF_8));
        byte[] expected = mac.doFinal(r.body());
        for (String candidate : r.signature().split(" ")) {
            if (candidate.startsWith("v1,")
                    && MessageDigest.isEqual(expected, Base64.getDecoder().decode(candidate.substring(3)))) {
                return true;
            }
        }
        return false;
    }
}
