package io.leadstream.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * R4b (quality.md, issue 14's fault suite): scoring-service's database refuses every connection for 30 s (its
 * connection limit set to 0 and its sessions ended, as the {@code scoring} role may do to its own database) while
 * leads keep coming in: capture answers every one, nothing is scored meanwhile, nothing is dead-lettered, and once the
 * database is back every lead is scored once and assigned once.
 */
class ReliabilityR4bTest {

    static final int LEADS = 20;
    static final Duration OUTAGE = Duration.ofSeconds(30);
    static final Duration RECOVERY = Duration.ofSeconds(90);

    @Test
    void shouldApplyEveryEventOnceAfterAConsumersDatabaseComesBack() throws Exception {
        String crm = Suite.crmApp();
        String unique = UUID.randomUUID().toString().substring(0, 8);
        try (FaultRecord record = FaultRecord.start("R4b")) {
            long deadLettersBefore = record.endOffset("leads.dlq.scoring");
            Instant blocked = Instant.now();
            Map<String, Integer> scoredDuringOutage;
            try {
                database("scoring", "alter database scoring connection limit 0");
                database("scoring", "select count(pg_terminate_backend(pid)) from pg_stat_activity "
                        + "where datname = 'scoring' and pid <> pg_backend_pid()");
                for (int i = 0; i < LEADS; i++) {
                    record.createLead(crm, """
                            {"firstName":"Frances","lastName":"Allen%d","email":"fa%d.%s@ibm.example","company":"PTRAN %d %s",
                             "source":"api"}""".formatted(i, i, unique, i, unique), null);
                    Thread.sleep(400);
                }
                scoredDuringOutage = record.events("leadstream.lead.scored.v1", Duration.ZERO, Duration.ofSeconds(1));
                Duration left = OUTAGE.minus(Duration.between(blocked, Instant.now()));
                if (!left.isNegative()) {
                    Thread.sleep(left.toMillis());
                }
            } finally {
                database("scoring", "alter database scoring connection limit -1");
            }

            long deadLettered = record.endOffset("leads.dlq.scoring") - deadLettersBefore;
            FaultRecord.Report report = record.pipelineReport("scoring's database refusing connections for %d s while "
                    .formatted(OUTAGE.toSeconds()) + "%d leads come in; leads found = scored and assigned; losses "
                    .formatted(LEADS) + "include dead letters", RECOVERY, 0, (int) deadLettered);

            assertThat(record.exchanges()).extracting(FaultRecord.Exchange::status).containsOnly(201);
            assertThat(scoredDuringOutage).as("scored while its database refused connections").isEmpty();
            assertThat(deadLettered).as("dead-lettered by scoring").isZero();
            assertThat(report.leadsFound()).isEqualTo(LEADS);
            assertThat(report.duplicates()).isZero();
            assertThat(report.losses()).isZero();
        }
    }

    private static void database(String service, String sql) {
        Suite.psql(service, "postgres", sql + ";\n");
    }
}
