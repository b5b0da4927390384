package io.leadstream.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/**
 * R5 (quality.md, issue 14's fault suite), the malformed part: a poison record (a lead.captured without {@code ce_id},
 * its data not JSON) on every partition of {@code leads.capture} of the running suite, then real leads on the same
 * partitions: scoring dead-letters each poison record with its reason and origin, every real lead after them is
 * scored and assigned, and the dead-letter replay (deploy/local/dlq.sh) would skip them as malformed rather than send
 * them round again. The second test is the other half: an event scoring cannot apply, and its replay once fixed.
 */
class ReliabilityR5Test {

    static final int LEADS = 6;

    @Test
    void shouldDeadLetterPoisonRecordsAndKeepEveryPartitionFlowing() throws Exception {
        String crm = Suite.crmApp();
        String unique = UUID.randomUUID().toString().substring(0, 8);
        try (FaultRecord record = FaultRecord.start("R5")) {
            long deadLettersBefore = record.endOffset("leads.dlq.scoring");
            int partitions = poison("leads.capture", unique);
            for (int i = 0; i < LEADS; i++) {
                record.createLead(crm, """
                        {"firstName":"Margaret","lastName":"Hamilton%d","email":"mh%d.%s@apollo.example",
                         "company":"Apollo %d %s","source":"api"}""".formatted(i, i, unique, i, unique), null);
            }
            List<ConsumerRecord<String, String>> deadLetters = deadLetters("leads.dlq.scoring", deadLettersBefore,
                    "r5-" + unique, partitions, Suite.JOURNEY);
            String replay = dlq("scoring", "--dry-run");
            FaultRecord.Report report = record.pipelineReport(("%d poison records (no ce_id, data not JSON), one per "
                    + "partition of leads.capture, then %d leads; leads found = scored and assigned; losses include "
                    + "poison records not dead-lettered").formatted(partitions, LEADS), Suite.JOURNEY.multipliedBy(2),
                    0, Math.max(0, partitions - deadLetters.size()));

            assertThat(deadLetters).as("poison records dead-lettered by scoring").hasSize(partitions);
            assertThat(deadLetters).allSatisfy(dead -> {
                assertThat(header(dead, "dead-letter-topic")).isEqualTo("leads.capture");
                assertThat(header(dead, "dead-letter-reason")).isNotBlank();
                assertThat(header(dead, "dead-letter-exception-class-name")).endsWith("MalformedEventException");
                assertThat(replay).contains("skipped (malformed, can never be applied) offset " + dead.offset() + " ");
            });
            assertThat(report.leadsFound()).isEqualTo(LEADS);
            assertThat(report.duplicates()).isZero();
            assertThat(report.losses()).isZero();
        }
    }

    /**
     * The other half of R5: scoring cannot apply a lead's {@code lead.captured} (its role has lost the right to write
     * score_history: permission denied, a failure that will not pass by waiting), retries it a few times and
     * dead-letters it with the reason; once the right is back, a later lead on the same partition is scored, the lead's
     * own next event (a lead.updated) is dead-lettered behind the first, held, and the replay (deploy/local/dlq.sh
     * scoring) sends both round again in their order: the lead is then scored and assigned, once, and released.
     */
    @Test
    void shouldDeadLetterAnEventItCannotApplyAndApplyItOnceReplayed() throws Exception {
        String crm = Suite.crmApp();
        String unique = UUID.randomUUID().toString().substring(0, 8);
        try (FaultRecord record = FaultRecord.start("R5-replay")) {
            long deadLettersBefore = record.endOffset("leads.dlq.scoring");
            String blocked;
            List<ConsumerRecord<String, String>> deadLetters;
            try {
                Suite.psql("scoring", "scoring", "revoke insert on score_history from scoring;\n");
                blocked = record.createLead(crm, lead(unique, 0), null).leadId();
                deadLetters = deadLetters("leads.dlq.scoring", deadLettersBefore, blocked, 1, Duration.ofSeconds(60));
            } finally {
                Suite.psql("scoring", "scoring", "grant insert on score_history to scoring;\n");
            }
            int partitions = record.partitions("leads.capture");
            int partition = partition(blocked, partitions);
            String later = null;
            for (int i = 1; i <= 40 && later == null; i++) { // leads until one lands on the dead letter's partition
                String id = record.createLead(crm, lead(unique, i), null).leadId();
                later = partition(id, partitions) == partition ? id : null;
            }
            assertThat(later).as("a later lead on partition %d", partition).isNotNull();
            String laterLead = later;
            // the blocked lead changes: its lead.updated (#2) is held behind the dead-lettered lead.captured (#1)
            given().auth().oauth2(crm).contentType("application/merge-patch+json").body("{\"jobTitle\":\"Programmer\"}")
                    .patch(Suite.CAPTURE + "/api/leads/" + blocked).then().statusCode(200);
            List<ConsumerRecord<String, String>> held = deadLetters("leads.dlq.scoring", deadLettersBefore, blocked, 2,
                    Duration.ofSeconds(30));
            Map<String, Integer> scoredBeforeReplay = record.events("leadstream.lead.scored.v1", Suite.JOURNEY,
                    Duration.ofSeconds(1));
            String replay = dlq("scoring");
            FaultRecord.Report report = record.pipelineReport(("lead.captured of one lead dead-lettered by scoring "
                    + "(permission denied on score_history), %d later leads until one on its partition, the right "
                    + "given back, the lead patched (its lead.updated held behind), "
                    + "then deploy/local/dlq.sh scoring; leads found = captured, scored and assigned")
                    .formatted(record.acknowledgedLeads().size() - 1), Suite.JOURNEY.multipliedBy(2), 0, 0);

            assertThat(deadLetters).singleElement().satisfies(dead -> {
                assertThat(header(dead, "dead-letter-topic")).isEqualTo("leads.capture");
                assertThat(header(dead, "dead-letter-reason")).contains("permission denied");
                assertThat(header(dead, "ce_type")).isEqualTo("leadstream.lead.captured.v1");
            });
            assertThat(held).hasSize(2).last().satisfies(dead -> {
                assertThat(header(dead, "ce_type")).isEqualTo("leadstream.lead.updated.v1");
                assertThat(header(dead, "ce_sequence")).isEqualTo("2");
                assertThat(header(dead, "dead-letter-reason")).contains("behind its event #1");
            });
            assertThat(scoredBeforeReplay).as("scored before the replay").containsKey(laterLead)
                    .doesNotContainKey(blocked);
            // replayed in their order: #1 scores the lead, then #2 is applied and the lead released (applied the other
            // way round, #1 would be skipped as behind the lead, and the lead never scored: the report's losses)
            assertThat(replay).containsSubsequence("replaying leadstream.lead.captured.v1 key=" + blocked,
                    "replaying leadstream.lead.updated.v1 key=" + blocked);
            await().atMost(Suite.JOURNEY).untilAsserted(() -> assertThat(Suite.psql("scoring", "scoring", """
                    select last_sequence || ' ' || coalesce(cast(held_from as text), 'released') from inbox_lead
                    where consumer = 'scoring.capture-events' and aggregate_id = '%s';
                    """.formatted(blocked)).strip()).isEqualTo("2 released"));
            assertThat(report.leadsFound()).isEqualTo(record.acknowledgedLeads().size());
            assertThat(report.duplicates()).isZero();
            assertThat(report.losses()).isZero();
        }
    }

    private static String lead(String unique, int i) {
        return """
                {"firstName":"Frances","lastName":"Spence%d","email":"fs%d.%s@eniac.example","company":"ENIAC %d %s",
                 "source":"api"}""".formatted(i, i, unique, i, unique);
    }

    /** The partition Kafka's default partitioner gives {@code key}: murmur2 of its bytes, as the producers use. */
    private static int partition(String key, int partitions) {
        return org.apache.kafka.common.utils.Utils.toPositive(
                org.apache.kafka.common.utils.Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** One poison record per partition of {@code topic}, keyed {@code r5-<unique>-<partition>}; answers how many. */
    private static int poison(String topic, String unique) {
        try (KafkaProducer<String, String> producer = Suite.producer()) {
            int partitions = producer.partitionsFor(topic).size();
            for (int p = 0; p < partitions; p++) {
                RecordHeaders headers = new RecordHeaders();
                headers.add("ce_type", "leadstream.lead.captured.v1".getBytes(StandardCharsets.UTF_8));
                headers.add("ce_source", "/r5-poison".getBytes(StandardCharsets.UTF_8));
                headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
                producer.send(new ProducerRecord<>(topic, p, "r5-" + unique + "-" + p, "{this is not json", headers));
            }
            producer.flush();
            return partitions;
        }
    }

    /** The records of the one-partition {@code topic} from {@code from} on whose key starts with {@code key}, up to {@code n}. */
    private static List<ConsumerRecord<String, String>> deadLetters(String topic, long from, String key, int n,
            Duration within) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = Suite.consumer()) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seek(partition, from);
            Instant deadline = Instant.now().plus(within);
            while (found.size() < n && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
                    if (r.key() != null && r.key().startsWith(key)) {
                        found.add(r);
                    }
                }
            }
        }
        return found;
    }

    /** What deploy/local/dlq.sh prints replaying the service's dead letters (listing them only with --dry-run). */
    private static String dlq(String service, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("../deploy/local/dlq.sh", service));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("%s: %s", command, output).isZero();
        return output;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
