package io.leadstream.insights.rebuild.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.chassis.testing.EventContracts;
import io.leadstream.chassis.testing.RealKafkaProfile;
import io.leadstream.insights.rollups.RollupPass;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A recorded sequence of the four producers' events ({@code recorded/pipeline-2038-03.ndjson}: five leads' lives in
 * March 2038, out of order, repeated, merged, erased, with types insights ignores and one malformed event) goes
 * through a real Kafka broker into the live consumers, configured as in production; every endpoint's numbers are then
 * checked exactly. Then the read models are wiped and {@code POST /api/insights/rebuild} replays the topics into fresh
 * tables and swaps them in: every endpoint answers exactly what it answered before, and the live consumers go on
 * writing the rebuilt tables. A rebuild from topics that lost their first events is refused, the figures kept.
 */
@QuarkusTest
@TestProfile(RecordedEventsFlowTest.RealBroker.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestSecurity(user = "ops", roles = "lead-admin")
class RecordedEventsFlowTest {

    /** The production channels (smallrye-kafka, the chassis' shared settings) on an embedded broker. */
    public static class RealBroker extends RealKafkaProfile {
        public RealBroker() {
            super(List.of("capture-events", "scoring-events", "distribution-events", "nurture-events"), List.of());
        }
    }

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String RANGE = "from=2038-03-01&to=2038-04-01";
    /** Every figure, over the recorded month. */
    static final List<String> FIGURES = List.of(
            "/api/insights/summary?" + RANGE,
            "/api/insights/funnel?" + RANGE,
            "/api/insights/leads?period=week&tz=Europe/Berlin&groupBy=source&" + RANGE,
            "/api/insights/time-in-stage?" + RANGE,
            "/api/insights/reps?" + RANGE,
            "/api/insights/sources?" + RANGE,
            "/api/insights/scoring?" + RANGE);
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pool pool;

    @Inject
    RollupPass pass;

    KafkaCompanion kafka;

    @BeforeEach
    void connect() {
        kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    @Order(1)
    void shouldCountTheRecordedEventsExactlyAndRebuildTheSameNumbersFromTheTopics() {
        given().get("/api/insights/rebuild").then().statusCode(404).body("title", equalTo("No rebuild yet"));
        produce(recorded());

        await().atMost(WAIT).untilAsserted(this::assertRecordedFigures);
        Map<String, String> before = figures();

        // the read models lost (an operator's mistake, a bug fixed in a handler): only the topics still hold it all
        pool.query("truncate lead_fact, stage_entry").execute().await().atMost(WAIT);
        given().get(FIGURES.get(0)).then().statusCode(200).body("captured", equalTo(0));

        JsonPath started = given().post("/api/insights/rebuild").then().statusCode(202)
                .header("Location", endsWith("/api/insights/rebuild")).extract().jsonPath();
        assertThat(started.getString("state")).isEqualTo("REPLAYING");
        assertThat(started.getString("requestedBy")).isEqualTo("ops");
        JsonPath done = awaitDone(started.getString("id"));

        assertThat(done.getLong("applied")).as("every event a handler takes, the repeated ones too").isEqualTo(34);
        assertThat(done.getLong("ignored")).as("follow-up.due, lead.inquired, consent.changed").isEqualTo(3);
        assertThat(done.getLong("skipped")).as("the lead.captured without a lead id").isEqualTo(1);
        assertThat(done.getDouble("progress")).isEqualTo(1.0);
        assertThat(done.getString("replayedAt")).isNotNull();
        assertThat(done.getString("swappedAt")).isNotNull();
        List<Map<String, Object>> partitions = done.getList("partitions");
        assertThat(partitions).extracting(p -> p.get("topic")).contains("leads.capture", "leads.scoring",
                "leads.distribution", "leads.nurture");
        assertThat(partitions).allSatisfy(p -> assertThat(p.get("position")).isEqualTo(p.get("end")));

        assertThat(figures()).isEqualTo(before);
        assertRecordedFigures();
        // the rebuilt days are read from the facts until the rollup pass has recomputed them, then from the rollups
        assertThat(pass.run().await().atMost(WAIT)).isPositive();
        assertThat(figures()).isEqualTo(before);
        assertThat(indexes()).as("the rebuilt tables' indexes keep their names, for later migrations")
                .contains("lead_fact_pkey", "lead_fact_captured_at", "stage_entry_pkey");

        // the live consumers write the rebuilt tables
        String late = UUID.randomUUID().toString();
        produce(List.of(new Recorded("leads.capture", UUID.randomUUID().toString(), "leadstream.lead.captured.v1", late,
                "2038-03-22T10:00:00Z", """
                        {"leadId":"%s","source":"web","capturedAt":"2038-03-22T10:00:00Z","quality":{"emailValid":true,
                         "phoneValid":true,"hasCompany":true}}""".formatted(late))));
        await().atMost(WAIT).untilAsserted(() -> given().get(FIGURES.get(0)).then().statusCode(200)
                .body("captured", equalTo(5)));
        assertThat(pool.query("select count(*) from rollup_dirty where day = '2038-03-22'").execute().await()
                .atMost(WAIT).iterator().next().getLong(0)).as("the rebuilt lead_fact kept its triggers").isPositive();
    }

    @Test
    @Order(2)
    void shouldRunOneRebuildAtATimeAndTakeOverFromAnAbandonedOne() {
        UUID running = UUID.randomUUID();
        pool.preparedQuery("insert into rebuild (id, state, requested_by, started_at, heartbeat_at) "
                + "values ($1, 'REPLAYING', 'other', now(), now())").execute(Tuple.of(running)).await().atMost(WAIT);

        given().post("/api/insights/rebuild").then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("https://leadstream.dev/problems/rebuild-running"));

        // its instance stopped three minutes ago: it is abandoned, and another may start
        Map<String, String> before = figures();
        pool.preparedQuery("update rebuild set heartbeat_at = $2 where id = $1")
                .execute(Tuple.of(running, Instant.now().minusSeconds(180).atOffset(ZoneOffset.UTC)))
                .await().atMost(WAIT);
        String id = given().post("/api/insights/rebuild").then().statusCode(202).extract().path("id");
        awaitDone(id);
        String abandoned = pool.preparedQuery("select state || ': ' || error from rebuild where id = $1")
                .execute(Tuple.of(running)).await().atMost(WAIT).iterator().next().getString(0);
        assertThat(abandoned).startsWith("FAILED: abandoned");
        assertThat(figures()).as("the recorded lead and the one captured after the first rebuild").isEqualTo(before);
    }

    @Test
    @Order(3)
    void shouldRefuseARebuildThatWouldLoseWhatRetentionTookAndKeepTheFigures() throws Exception {
        Map<String, String> before = figures();
        // retention (here: deleted records) took the first event of each of leads.scoring's non-empty partitions
        try (Admin admin = Admin.create(Map.of("bootstrap.servers",
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class)))) {
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            admin.describeTopics(List.of("leads.scoring")).allTopicNames().get().get("leads.scoring").partitions()
                    .forEach(p -> latest.put(new TopicPartition("leads.scoring", p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, RecordsToDelete> delete = new LinkedHashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, end) -> {
                if (end.offset() > 0) {
                    delete.put(tp, RecordsToDelete.beforeOffset(1));
                }
            });
            assertThat(delete).isNotEmpty();
            admin.deleteRecords(delete).all().get();
        }

        String id = given().post("/api/insights/rebuild").then().statusCode(202).extract().path("id");

        JsonPath failed = await().atMost(WAIT).until(() -> given().get("/api/insights/rebuild").then().statusCode(200)
                .body("id", equalTo(id)).extract().jsonPath(), json -> "FAILED".equals(json.getString("state")));
        assertThat(failed.getString("error")).startsWith("the old read models were kept")
                .contains("no longer hold their first events", "leads.scoring-", "retention.ms=-1");
        assertThat(failed.getString("swappedAt")).isNull();
        assertThat(figures()).isEqualTo(before);
    }

    @Test
    @Order(4)
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldLeaveRebuildsToAdmins() {
        given().post("/api/insights/rebuild").then().statusCode(403);
        given().get("/api/insights/rebuild").then().statusCode(403);
    }

    private JsonPath awaitDone(String id) {
        return await().atMost(WAIT).until(() -> given().get("/api/insights/rebuild").then().statusCode(200)
                .body("id", equalTo(id)).body("error", nullValue()).extract().jsonPath(),
                json -> "DONE".equals(json.getString("state")));
    }

    /** What the recorded events say, worked out by hand from the file (see its notes). */
    private void assertRecordedFigures() {
        // L1 won, L2 lost (UNQUALIFIED), L3 inactive, L4 merged into L1 (not counted), L5 erased (counted)
        given().get(FIGURES.get(0)).then().statusCode(200)
                .body("captured", equalTo(4)).body("scored", equalTo(4)).body("assigned", equalTo(3))
                .body("qualified", equalTo(2)).body("won", equalTo(1)).body("lost", equalTo(1))
                .body("conversionRate", equalTo(0.25f))
                // capture to first assignment: 300 s (L1), 3 600 s (L2's claim), 1 800 s (L3)
                .body("medianSpeedToLeadSeconds", equalTo(1800))
                .body("qualifiedByProduct.key", equalTo(List.of("heat-pumps")))
                .body("qualifiedByProduct.qualified", equalTo(List.of(2)))
                .body("qualifiedBySegment.key", equalTo(List.of("smb")));
        given().get(FIGURES.get(1)).then().statusCode(200)
                .body("cohort", equalTo(4))
                .body("stages.stage", equalTo(List.of("OPEN", "CONTACTED", "NURTURING", "QUALIFIED", "NEGOTIATION",
                        "CUSTOMER")))
                .body("stages.reached", equalTo(List.of(3, 3, 2, 1, 1, 1)))
                .body("stages.conversionToNext", equalTo(Arrays.asList(1.0f, 0.6667f, 0.5f, 1.0f, 1.0f, null)))
                .body("unqualified", equalTo(1)).body("inactive", equalTo(1)).body("conversion", equalTo(0.25f));
        // ISO weeks of Berlin: L1 (Tue 2 Mar) and L2 (Thu 4 Mar) in W09, L3 (10 Mar) in W10, L5 (Sat 20 Mar) in W11
        JsonPath leads = given().get(FIGURES.get(2)).then().statusCode(200).extract().jsonPath();
        assertThat(leads.getList("buckets.label")).containsExactly("2038-W09", "2038-W10", "2038-W11", "2038-W12",
                "2038-W13");
        assertThat(leads.getList("buckets.leads", Integer.class)).containsExactly(2, 1, 1, 0, 0);
        assertThat(leads.getList("buckets.qualified", Integer.class)).containsExactly(1, 1, 0, 0, 0);
        assertThat(groups(leads, 0)).containsExactlyInAnyOrderEntriesOf(Map.of("web", 1, "partner", 1));
        assertThat(groups(leads, 2)).containsExactlyInAnyOrderEntriesOf(Map.of("import", 1));
        // stays that ended: OPEN 3 300 s (L1), 86 400 s (L2), 172 800 s (L3); CONTACTED 86 400 s twice; ...
        JsonPath stages = given().get(FIGURES.get(3)).then().statusCode(200).extract().jsonPath();
        assertThat(stay(stages, "OPEN")).containsExactly(3, 86400, 155520);
        assertThat(stay(stages, "CONTACTED")).containsExactly(2, 86400, 86400);
        assertThat(stay(stages, "NURTURING")).containsExactly(1, 691200, 691200);
        assertThat(stay(stages, "QUALIFIED")).containsExactly(1, 172800, 172800);
        assertThat(stay(stages, "NEGOTIATION")).containsExactly(1, 432000, 432000);
        assertThat(stay(stages, "CUSTOMER")).as("still in it").containsExactly(0, null, null);
        assertThat(stay(stages, "UNQUALIFIED")).containsExactly(0, null, null);
        // rep-a: L1; rep-b: L2 (claimed) and L3 (reassigned to rep-b, though the reassignment came first)
        given().get(FIGURES.get(4)).then().statusCode(200)
                .body("reps.repId", equalTo(List.of("rep-a", "rep-b")))
                .body("reps.assigned", equalTo(List.of(1, 2)))
                .body("reps.contacted", equalTo(List.of(1, 2)))
                // L1: call 55 min after its assignment; L3: rep-a's own message 2.5 h after (the sequence's is none)
                .body("reps.medianSecondsToFirstTouch", equalTo(List.of(3300, 9000)))
                .body("reps.slaHitRate", equalTo(List.of(1.0f, 0.5f)))
                .body("reps.won", equalTo(List.of(1, 0)));
        JsonPath sources = given().get(FIGURES.get(5)).then().statusCode(200).extract().jsonPath();
        assertThat(sources.getList("sources.source")).containsExactly("web", "import", "partner");
        assertThat(sources.getList("sources.campaign")).containsExactly("spring", null, null);
        assertThat(sources.getList("sources.leads", Integer.class)).containsExactly(2, 1, 1);
        assertThat(sources.getList("sources.qualified", Integer.class)).containsExactly(2, 0, 0);
        assertThat(sources.getList("sources.won", Integer.class)).containsExactly(1, 0, 0);
        assertThat(sources.getList("sources.lost", Integer.class)).containsExactly(0, 0, 1);
        given().get(FIGURES.get(6)).then().statusCode(200)
                .body("bands.band", equalTo(List.of("0-19", "20-39", "40-59", "60-79", "80-100")))
                .body("bands.leads", equalTo(List.of(1, 1, 0, 1, 1)))
                .body("bands.qualified", equalTo(List.of(0, 0, 0, 1, 1)))
                .body("bands.won", equalTo(List.of(0, 0, 0, 0, 1)))
                .body("bands.lost", equalTo(List.of(0, 1, 0, 0, 0)))
                .body("unscored.leads", equalTo(0));
    }

    private static Map<String, Integer> groups(JsonPath leads, int bucket) {
        Map<String, Integer> groups = new LinkedHashMap<>();
        List<Map<String, Object>> list = leads.getList("buckets[" + bucket + "].groups");
        list.stream().filter(g -> ((Number) g.get("leads")).intValue() > 0)
                .forEach(g -> groups.put((String) g.get("key"), ((Number) g.get("leads")).intValue()));
        return groups;
    }

    private static List<Object> stay(JsonPath stages, String stage) {
        Map<String, Object> row = stages.getMap("stages.find { it.stage == '" + stage + "' }");
        List<Object> values = new ArrayList<>();
        values.add(row.get("durations"));
        values.add(row.get("medianSeconds"));
        values.add(row.get("p90Seconds"));
        return values;
    }

    private Map<String, String> figures() {
        Map<String, String> bodies = new LinkedHashMap<>();
        FIGURES.forEach(uri -> bodies.put(uri, given().get(uri).then().statusCode(200).extract().asString()));
        return bodies;
    }

    private List<String> indexes() {
        List<String> names = new ArrayList<>();
        pool.query("select indexname from pg_indexes where schemaname = 'public' and tablename in ('lead_fact', "
                + "'stage_entry')").execute().await().atMost(WAIT).forEach(row -> names.add(row.getString(0)));
        return names;
    }

    /** One line of a recorded sequence: an event as a producer's relay published it. */
    record Recorded(String topic, String id, String type, String subject, String time, String data) {
    }

    /** The recorded events, each (but the one marked malformed) valid against its producer's schema. */
    static List<Recorded> recorded() {
        Map<String, String> producers = Map.of("leads.capture", "capture-service", "leads.scoring", "scoring-service",
                "leads.distribution", "distribution-service", "leads.nurture", "nurture-service");
        try {
            List<Recorded> events = new ArrayList<>();
            Path file = Path.of("src/test/resources/recorded/pipeline-2038-03.ndjson");
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                JsonNode json = JSON.readTree(line);
                if (!json.path("malformed").asBoolean()) {
                    EventContracts.assertValid(producers.get(json.get("topic").asText()), json.get("type").asText(),
                            json.get("data"));
                }
                events.add(new Recorded(json.get("topic").asText(), json.get("id").asText(), json.get("type").asText(),
                        json.get("subject").asText(), json.get("time").asText(), json.get("data").toString()));
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Published as the relays do: keyed by the lead, CloudEvents attributes in binary-mode headers, in file order. */
    private void produce(List<Recorded> events) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (Recorded e : events) {
            ProducerRecord<String, String> record = new ProducerRecord<>(e.topic(), e.subject(), e.data());
            record.headers().add("ce_specversion", bytes("1.0")).add("ce_id", bytes(e.id()))
                    .add("ce_type", bytes(e.type())).add("ce_source", bytes("/recorded"))
                    .add("ce_subject", bytes(e.subject())).add("ce_time", bytes(e.time()))
                    .add("content-type", bytes("application/json"));
            records.add(record);
        }
        kafka.produceStrings().fromRecords(records).awaitCompletion(WAIT);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
