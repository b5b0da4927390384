package io.leadstream.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * R4 (quality.md, issue 14's fault suite): the Kafka broker is stopped for 30 s while leads keep coming in. capture
 * keeps answering 201 and stays ready (its outbox holds the events), nothing is parked; once the broker is back every
 * outbox drains and every lead ends captured, scored and assigned, each once.
 */
@org.junit.jupiter.api.Tag("long-fault") // faults.sh runs it; CI's system tests leave it out (time)
class ReliabilityR4Test {

    static final int LEADS = 70;
    static final Duration PACE = Duration.ofMillis(600);
    static final Duration OUTAGE = Duration.ofSeconds(30);
    static final Duration RECOVERY = Duration.ofSeconds(120);

    @Test
    void shouldAnswerEveryLeadWhileKafkaIsAwayAndDeliverAllOnceItReturns() throws Exception {
        String crm = Suite.crmApp();
        String unique = UUID.randomUUID().toString().substring(0, 8);
        try (FaultRecord record = FaultRecord.start("R4")) {
            List<Integer> readinessDuringOutage = new ArrayList<>();
            Instant stopped;
            Instant started;
            try (FaultRecord.LeadStream creates = record.stream(crm, LEADS, PACE, i -> """
                    {"firstName":"Leslie","lastName":"Lamport%d","email":"ll%d.%s@sri.example",
                     "company":"Paxos %d %s","source":"api"}""".formatted(i, i, unique, i, unique), i -> null)) {
                Thread.sleep(5000);
                Suite.component("stop", "kafka");
                stopped = Instant.now();
                try {
                    while (Duration.between(stopped, Instant.now()).compareTo(OUTAGE) < 0) {
                        readinessDuringOutage.add(given().get(Suite.CAPTURE + "/q/health/ready").statusCode());
                        Thread.sleep(2000);
                    }
                } finally {
                    Suite.component("start", "kafka");
                }
                started = Instant.now();
                creates.await();
            }

            FaultRecord.Report report = record.pipelineReport("%d leads at one every %d ms; the broker stopped for %d s "
                    .formatted(LEADS, PACE.toMillis(), Duration.between(stopped, started).toSeconds()) + "after 5 s; "
                    + "leads found = captured, scored and assigned", RECOVERY, 0, 0);
            String metrics = given().get(Suite.management(Suite.CAPTURE) + "/q/metrics").then().statusCode(200).extract().asString();

            assertThat(record.exchanges()).hasSize(LEADS).extracting(FaultRecord.Exchange::status).containsOnly(201);
            assertThat(readinessDuringOutage).as("capture's readiness while the broker is away").isNotEmpty()
                    .containsOnly(200);
            assertThat(metrics).containsPattern("(?m)^leadstream_outbox_parked(\\{[^}]*\\})? 0\\.0$");
            assertThat(report.leadsFound()).isEqualTo(LEADS);
            assertThat(report.duplicates()).isZero();
            assertThat(report.losses()).isZero();
        }
    }
}
