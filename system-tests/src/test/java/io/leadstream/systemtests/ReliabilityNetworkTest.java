package io.leadstream.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * Network faults (issue 14's fault suite): a service is restarted with one of its links behind a TCP fault proxy
 * ({@link FaultProxy}), and while leads keep coming in the link gets {@value #LATENCY_MS} ms of latency each way, then
 * every connection cut with a TCP reset, then {@value #BLACK_HOLE_S} s of black hole (nothing moves, nothing is
 * closed) ending in resets. Every lead ends captured, scored and assigned once, and the service dead-letters nothing.
 * The service is started again on its direct link at the end. Links: scoring to PostgreSQL, capture to Kafka.
 */
@org.junit.jupiter.api.Tag("long-fault") // faults.sh runs it; CI's system tests leave it out (time)
class ReliabilityNetworkTest {

    static final int LEADS = 40;
    static final Duration PACE = Duration.ofMillis(700);
    static final long LATENCY_MS = 300;
    static final long BLACK_HOLE_S = 15;
    static final Duration RECOVERY = Duration.ofSeconds(120);
    /** deploy/local's Kafka listener for the fault suite, and the port it advertises (where the proxy listens). */
    static final int KAFKA_FAULTS_PORT = Integer.getInteger("leadstream.kafka-faults-port", 19092);
    static final int KAFKA_FAULTS_PROXY_PORT = Integer.getInteger("leadstream.kafka-faults-proxy-port", 19093);

    @Test
    void shouldScoreEveryLeadOnceThroughLatencyResetsAndABlackHoleToTheDatabase() throws Exception {
        try (FaultProxy proxy = FaultProxy.to("127.0.0.1", Integer.parseInt(System.getProperty("leadstream.pg-port",
                "5432")))) {
            String viaProxy = "postgresql://127.0.0.1:" + proxy.port() + "/scoring";
            run("Network-PG", "scoring-service", "scoring's link to PostgreSQL", proxy,
                    "-Dquarkus.datasource.reactive.url=" + viaProxy + " -Dquarkus.datasource.jdbc.url=jdbc:" + viaProxy,
                    "leads.dlq.scoring");
        }
    }

    /**
     * The same between capture-service and Kafka: capture bootstraps through the proxy on the port the broker's
     * {@code FAULTS} listener advertises (deploy/local), so its producer (the outbox relay) and its consumers talk to
     * the broker through the proxy only. capture answers every lead meanwhile; its outbox holds the events and
     * drains once the link is back.
     */
    @Test
    void shouldPublishEveryLeadOnceThroughLatencyResetsAndABlackHoleToKafka() throws Exception {
        try (FaultProxy proxy = FaultProxy.on(KAFKA_FAULTS_PROXY_PORT, "127.0.0.1", KAFKA_FAULTS_PORT)) {
            run("Network-Kafka", "capture-service", "capture's link to Kafka", proxy,
                    "-Dkafka.bootstrap.servers=127.0.0.1:" + KAFKA_FAULTS_PROXY_PORT, "leads.dlq.capture");
        }
    }

    /**
     * Restarts {@code service} with {@code systemProperties} (its link through {@code proxy}), streams leads while the
     * link gets latency, resets and a black hole, checks the pipeline's invariants, and restarts the service on its
     * direct link.
     */
    private static void run(String scenario, String service, String link, FaultProxy proxy, String systemProperties,
            String deadLetterTopic) throws Exception {
        String crm = Suite.crmApp();
        String unique = UUID.randomUUID().toString().substring(0, 8);
        List<String> phases = new ArrayList<>();
        try (FaultRecord record = FaultRecord.start(scenario)) {
            Suite.component("stop", service);
            try {
                Suite.component("start", service, systemProperties);
                long deadLettersBefore = record.endOffset(deadLetterTopic);
                try (FaultRecord.LeadStream creates = record.stream(crm, LEADS, PACE, i -> """
                        {"firstName":"Radia","lastName":"Perlman%d","email":"rp%d.%s@dec.example",
                         "company":"Spanning Tree %d %s","source":"api"}""".formatted(i, i, unique, i, unique),
                        i -> null)) {
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
                    creates.await();
                } finally {
                    proxy.pass();
                }
                FaultRecord.Report report = record.pipelineReport("%d leads at one every %d ms while %s (through a TCP "
                        .formatted(LEADS, PACE.toMillis(), link) + "fault proxy) had " + String.join(", then ", phases)
                        + "; leads found = captured, scored and assigned; losses include " + deadLetterTopic,
                        RECOVERY, 0, (int) (record.endOffset(deadLetterTopic) - deadLettersBefore));

                assertThat(proxy.connections()).as("connections through the proxy").isPositive();
                assertThat(record.exchanges()).hasSize(LEADS).extracting(FaultRecord.Exchange::status).containsOnly(201);
                assertThat(report.leadsFound()).isEqualTo(LEADS);
                assertThat(report.duplicates()).isZero();
                assertThat(report.losses()).isZero();
            } finally {
                Suite.component("stop", service);
                Suite.component("start", service);
            }
        }
    }
}
