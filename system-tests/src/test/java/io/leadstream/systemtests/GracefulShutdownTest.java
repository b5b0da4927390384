package io.leadstream.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Enumeration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/**
 * Graceful shutdown (issue 14, "honest health"): capture-service is stopped (SIGTERM, as Kubernetes stops a pod) while
 * an import is in flight: the client is still sending its rows, one every {@code PACE}, as a slow uploader would. The
 * service keeps the request going until it is done ({@code quarkus.shutdown.timeout} in the chassis defaults, 20 s)
 * before it exits: the client gets its 200 with every row created, and every row is there once the service is back.
 * Without the grace the connection is cut mid-import.
 */
class GracefulShutdownTest {

    static final int ROWS = 40;
    static final Duration PACE = Duration.ofMillis(100);

    @Test
    void shouldFinishAnImportInFlightWhenTheServiceIsStopped() throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String crm = Suite.crmApp();
        CountDownLatch halfSent = new CountDownLatch(1);
        Enumeration<InputStream> rows = new Enumeration<>() {
            int next = -1;

            @Override
            public boolean hasMoreElements() {
                return next < ROWS;
            }

            @Override
            public InputStream nextElement() {
                String line = next < 0 ? "firstName,lastName,email,company,country,source\n"
                        : "Grace,Murray%d,gm%d.%s@harvard.example,Mark I %d %s,US,shutdown-test\n".formatted(next, next,
                                unique, next, unique);
                if (next == ROWS / 2) {
                    halfSent.countDown();
                }
                next++;
                try {
                    Thread.sleep(PACE.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8));
            }
        };
        HttpRequest upload = HttpRequest.newBuilder(URI.create(Suite.CAPTURE + "/api/leads/import"))
                .header("Authorization", "Bearer " + crm).header("Content-Type", "text/csv")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(rows))).build();
        CompletableFuture<HttpResponse<String>> importing = HttpClient.newHttpClient()
                .sendAsync(upload, HttpResponse.BodyHandlers.ofString());

        assertThat(halfSent.await(30, TimeUnit.SECONDS)).as("half the rows sent").isTrue();
        // half the rows are still to come: the stop finds the request in flight
        try {
            Suite.component("stop", "capture-service");
        } finally {
            Suite.component("start", "capture-service");
        }
        HttpResponse<String> response = importing.get(60, TimeUnit.SECONDS);

        assertThat(response.statusCode()).as("the import's answer: %s", response.body()).isEqualTo(200);
        JsonPath report = JsonPath.from(response.body());
        assertThat(report.getInt("totals.created")).isEqualTo(ROWS);
        String last = report.getString("rows[" + (ROWS - 1) + "].leadId");
        given().auth().oauth2(crm).get(Suite.CAPTURE + "/api/leads/" + last).then().statusCode(200);
    }
}
