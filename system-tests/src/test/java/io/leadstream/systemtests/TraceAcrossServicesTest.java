package io.leadstream.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

/**
 * One trace follows a lead from capture to assignment across the running services (issue 16): an integration sends a
 * lead with a W3C {@code traceparent}, and every event the suite records about that lead (capture's lead.captured,
 * scoring's lead.scored, distribution's assignment or queueing) keeps that trace id in its outbox row, which the relay
 * sends on as the Kafka header {@code traceparent}. The local services sample nothing (the chassis' default): trace ids
 * pass on and nothing is exported, as in an installation without a collector.
 */
class TraceAcrossServicesTest {

    @Test
    void shouldCarryTheCallersTraceFromCaptureThroughScoringToTheAssignment() {
        byte[] bytes = new byte[24];
        ThreadLocalRandom.current().nextBytes(bytes);
        String hex = HexFormat.of().formatHex(bytes);
        String traceId = hex.substring(0, 32);
        String traceparent = "00-" + traceId + "-" + hex.substring(32, 48) + "-01";
        String unique = UUID.randomUUID().toString().substring(0, 8);

        String location = given().auth().oauth2(Suite.crmApp()).header("traceparent", traceparent)
                .contentType("application/json").body("""
                        {"firstName":"Trace","lastName":"Follow","email":"trace.%s@example.com","company":"Spans Ltd",
                         "source":"api"}""".formatted(unique))
                .post(Suite.CAPTURE + "/api/leads").then().statusCode(201).extract().header("Location");
        String leadId = location.substring(location.lastIndexOf('/') + 1);

        List<String> captured = traces("capture", leadId);
        assertThat(captured).as("capture's events about the lead").isNotEmpty().allMatch(t -> t.startsWith("00-" + traceId + "-"));
        List<String> scored = await().atMost(Suite.JOURNEY).pollInterval(Duration.ofMillis(250))
                .until(() -> traces("scoring", leadId), rows -> !rows.isEmpty());
        assertThat(scored).as("scoring's events about the lead").allMatch(t -> t.startsWith("00-" + traceId + "-"));
        List<String> distributed = await().atMost(Suite.JOURNEY).pollInterval(Duration.ofMillis(250))
                .until(() -> traces("distribution", leadId), rows -> !rows.isEmpty());
        assertThat(distributed).as("distribution's events about the lead (assigned or queued)")
                .allMatch(t -> t.startsWith("00-" + traceId + "-"));
    }

    /** The traceparents of a service's outbox rows about the lead, in their order ('none' where a row has none). */
    private static List<String> traces(String service, String leadId) {
        String out = Suite.psql(service, service, "select coalesce(traceparent, 'none') from outbox_event "
                + "where aggregate_id = '" + leadId + "' order by position");
        return out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
