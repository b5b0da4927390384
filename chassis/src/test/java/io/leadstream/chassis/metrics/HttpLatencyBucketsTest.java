package io.leadstream.chassis.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.testing.KafkaResource;
import io.leadstream.chassis.testing.Management;
import io.leadstream.chassis.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** The HTTP server timer publishes latency buckets per endpoint, from which Prometheus computes a p99. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class HttpLatencyBucketsTest {

    /** A bucket's line: its labels (the uri holds braces), its count, and maybe an exemplar (OpenMetrics). */
    static final Pattern BUCKET = Pattern.compile(
            "(?m)^http_server_requests_seconds_bucket\\{(.*?)\\} (\\S+)(?: # .*)?$");
    static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");
    static final double INFINITE = Double.POSITIVE_INFINITY;

    @Test
    @TestSecurity(user = "writer", roles = "writer")
    void shouldPublishTheLatencyBucketsOfEveryEndpoint() {
        Map<Double, Double> before = buckets();
        given().get("/api/test/things/" + UUID.randomUUID()).then().statusCode(404);
        given().get("/api/test/things/" + UUID.randomUUID()).then().statusCode(404);
        Map<Double, Double> after = buckets();

        assertThat(after.keySet()).as("the buckets' upper bounds, in seconds").containsExactly(0.005, 0.01, 0.025, 0.05,
                0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, INFINITE);
        assertThat(after.get(INFINITE) - before.getOrDefault(INFINITE, 0.0)).as("both requests, in the +Inf bucket")
                .isEqualTo(2.0);
    }

    /** The cumulative bucket counts of GET /api/test/things/{id} answered 404, by upper bound (+Inf last). */
    private static Map<Double, Double> buckets() {
        String metrics = given().get(Management.url("/q/metrics")).then().statusCode(200).extract().asString();
        Map<Double, Double> buckets = new TreeMap<>();
        Matcher m = BUCKET.matcher(metrics);
        while (m.find()) {
            String labels = m.group(1);
            Matcher le = LE.matcher(labels);
            if (labels.contains("uri=\"/api/test/things/{id}\"") && labels.contains("status=\"404\"") && le.find()) {
                buckets.put(le.group(1).equals("+Inf") ? INFINITE : Double.parseDouble(le.group(1)),
                        Double.parseDouble(m.group(2)));
            }
        }
        return buckets;
    }
}
