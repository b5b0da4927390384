package io.leadstream.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/**
 * Network faults (issue 14's fault suite) between a consumer service and its database: scoring-service is restarted
 * with its database behind a TCP fault proxy ({@link FaultProxy}), and while leads keep coming in its link to
 * PostgreSQL gets {@value #LATENCY_MS} ms of latency each way, then every connection cut with a TCP reset, then
 * {@value #BLACK_HOLE_S} s of black hole (nothing moves, nothing is closed) ending in resets. Every lead ends scored
 * once and assigned once; scoring dead-letters nothing. scoring is started again on its direct link at the end.
 */
class ReliabilityNetworkTest {

    static final int LEADS = 40;
    static final Duration PACE = Duration.ofMillis(700);
    static final long LATENCY_MS = 300;
    static final long BLACK_HOLE_S = 15;
    static final Duration RECOVERY = Duration.ofSeconds(120);

    @Test
    void shouldScoreEveryLeadOnceThroughLatencyResetsAndABlackHoleToTheDatabase() throws Exception {
        String crm = Suite.crmApp();
        String unique = UUID.randomUUID().toString().substring(0, 8);
        List<String> phases = new ArrayList<>();
        try (FaultProxy proxy = FaultProxy.to("127.0.0.1", Integer.parseInt(System.getProperty("leadstream.pg-port",
                "5432"))); FaultRecord record = FaultRecord.start("Network")) {
            String viaProxy = "postgresql://127.0.0.1:" + proxy.port() + "/scoring";
            Suite.component("stop", "scoring-service");
            try {
                Suite.component("start", "scoring-service", "-Dquarkus.datasource.reactive.url=" + viaProxy
                        + " -Dquarkus.datasource.jdbc.url=jdbc:" + viaProxy);
                long deadLettersBefore = record.endOffset("leads.dlq.scoring");
                ExecutorService stream = Executors.newSingleThreadExecutor();
                try {
                    Future<?> creates = stream.submit(() -> {
                        for (int i = 0; i < LEADS; i++) {
                            record.createLead(crm, """
                                    {"firstName":"Radia","lastName":"Perlman%d","email":"rp%d.%s@dec.example",
                                     "company":"Spanning Tree %d %s","source":"api"}""".formatted(i, i, unique, i, unique),
                                    null);
                            Thread.sleep(PACE.toMillis());
                        }
                        return null;
                    });
                    Thread.sleep(3000);
                    proxy.latency(Duration.ofMillis(LATENCY_MS));
                    phases.add(LATENCY_MS + " ms latency each way for 8 s");
                    Thread.sleep(8000);
                    proxy.pass();
                    proxy.reset();
                    phases.add("every connection reset");
                    Thread.sleep(3000);
                    proxy.blackHole();
                    phases.add(BLACK_HOLE_S + " s black hole, then its connections reset");
                    Thread.sleep(BLACK_HOLE_S * 1000);
                    proxy.pass();
                    creates.get();
                } finally {
                    stream.shutdownNow();
                    proxy.pass();
                }
                FaultRecord.Report report = record.pipelineReport("%d leads at one every %d ms while scoring's link to "
                        .formatted(LEADS, PACE.toMillis()) + "PostgreSQL (through a TCP fault proxy) had " + String.join(
                                ", then ", phases) + "; leads found = captured, scored and assigned; losses include "
                        + "scoring's dead letters", RECOVERY, 0,
                        (int) (record.endOffset("leads.dlq.scoring") - deadLettersBefore));

                assertThat(proxy.connections()).as("scoring's connections through the proxy").isPositive();
                assertThat(record.exchanges()).extracting(FaultRecord.Exchange::status).containsOnly(201);
                assertThat(report.leadsFound()).isEqualTo(LEADS);
                assertThat(report.duplicates()).isZero();
                assertThat(report.losses()).isZero();
            } finally {
                Suite.component("stop", "scoring-service");
                Suite.component("start", "scoring-service");
            }
        }
    }
}
