package io.leadstream.insights.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import io.leadstream.chassis.testing.EventContracts;
import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.chassis.testing.TestEvents;
import io.leadstream.insights.EventFedTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The lead facts on real PostgreSQL as the four producers' events fill them in, in whatever order they arrive: late
 * and out-of-order events counted right, repeated ones (new ce_id) counted once, merged leads marked for counting
 * once, erased leads kept.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class LeadFactsFlowTest extends EventFedTest {

    // its leads are captured in 2020, outside every period SummaryFlowTest asks about (2031, and the last 30 days)

    static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Pool pool;
    @Inject
    NurtureEventsConsumer nurtureConsumer;

    @Test
    void shouldHandleOrIgnoreEveryEventNurturePublishes() {
        EventContracts.assertCovers(nurtureConsumer.handlers(), "nurture-service");
    }

    @Test
    void shouldCountAStageChangeThatArrivesBeforeTheLeadsCaptureAndAssignment() {
        String lead = UUID.randomUUID().toString();
        nurture.send(stageChanged(lead, "OPEN", "CONTACTED", "2020-11-22T11:00:00Z"));
        await().atMost(WAIT).until(() -> count("select count(*) from stage_entry where lead_id = $1", lead) == 1);
        nurture.send(stageChanged(lead, null, "OPEN", "2020-11-22T10:00:05Z"));
        distribution.send(TestEvents.event("leadstream.lead.assigned.v1", lead, """
                {"leadId":"%s","repId":"rep1","strategy":"ROUND_ROBIN","reason":"r","score":70,"grade":"B",
                 "assignedAt":"2020-11-22T10:00:05Z"}""".formatted(lead)));
        capture.send(TestEvents.event("leadstream.lead.captured.v1", lead, """
                {"leadId":"%s","source":"web","partnerId":null,"country":"GB","segment":"smb","campaign":"spring",
                 "products":["heat-pumps","solar"],"capturedAt":"2020-11-22T10:00:00Z","quality":{}}""".formatted(lead)));

        await().atMost(WAIT).until(() -> text("select source from lead_fact where lead_id = $1", lead) != null
                && text("select rep_id from lead_fact where lead_id = $1", lead) != null
                && count("select count(*) from stage_entry where lead_id = $1", lead) == 2);
        Row fact = fact(lead);
        assertThat(fact.getString("stage")).isEqualTo("CONTACTED");
        assertThat(instant(fact, "stage_at")).isEqualTo("2020-11-22T11:00:00Z");
        assertThat(instant(fact, "contacted_at")).isEqualTo("2020-11-22T11:00:00Z");
        assertThat(fact.getString("country")).isEqualTo("GB");
        assertThat(fact.getString("segment")).isEqualTo("smb");
        assertThat(fact.getString("campaign")).isEqualTo("spring");
        assertThat(Arrays.asList(fact.getArrayOfStrings("products"))).containsExactly("heat-pumps", "solar");
        assertThat(fact.getString("rep_id")).isEqualTo("rep1");
    }

    @Test
    void shouldKeepTheNewestStageAndTheFirstMilestonesWhateverTheOrderAndCountARepeatOnce() {
        String lead = UUID.randomUUID().toString();
        nurture.send(stageChanged(lead, "NEGOTIATION", "CUSTOMER", "2020-11-25T10:00:00Z"));
        nurture.send(stageChanged(lead, "OPEN", "CONTACTED", "2020-11-23T10:00:00Z"));
        nurture.send(stageChanged(lead, "CUSTOMER", "INACTIVE", "2020-11-30T10:00:00Z"));
        nurture.send(stageChanged(lead, "CONTACTED", "NURTURING", "2020-11-24T10:00:00Z"));
        // the same change again, under a new ce_id
        nurture.send(stageChanged(lead, "OPEN", "CONTACTED", "2020-11-23T10:00:00Z"));

        await().atMost(WAIT).until(() -> count("select count(*) from stage_entry where lead_id = $1", lead) == 4
                && "INACTIVE".equals(text("select stage from lead_fact where lead_id = $1", lead)));
        Row fact = fact(lead);
        assertThat(instant(fact, "contacted_at")).isEqualTo("2020-11-23T10:00:00Z");
        assertThat(instant(fact, "won_at")).isEqualTo("2020-11-25T10:00:00Z");
        assertThat(fact.getValue("lost_at")).isNull();
        // a repeat is no second entry, and the older changes leave the newest stage alone
        nurture.send(stageChanged(lead, "OPEN", "CONTACTED", "2020-11-23T10:00:00Z"));
        await().atMost(WAIT).until(() -> count("select count(*) from processed_event", null) > 0);
        assertThat(count("select count(*) from stage_entry where lead_id = $1", lead)).isEqualTo(4);
        assertThat(text("select stage from lead_fact where lead_id = $1", lead)).isEqualTo("INACTIVE");
        // furthest along the main path: CUSTOMER (6), though INACTIVE came last and CUSTOMER first
        assertThat(count("select furthest from lead_fact where lead_id = $1", lead)).isEqualTo(6);
        // each stay ends at the next entry, whatever order they came in; the stage it is in has no end
        assertThat(stays(lead)).containsExactly(
                "CONTACTED 2020-11-23T10:00:00Z-2020-11-24T10:00:00Z",
                "NURTURING 2020-11-24T10:00:00Z-2020-11-25T10:00:00Z",
                "CUSTOMER 2020-11-25T10:00:00Z-2020-11-30T10:00:00Z",
                "INACTIVE 2020-11-30T10:00:00Z-null");
    }

    private List<String> stays(String lead) {
        List<String> stays = new ArrayList<>();
        pool.preparedQuery("select stage, entered_at, left_at from stage_entry where lead_id = $1 order by entered_at")
                .execute(Tuple.of(UUID.fromString(lead))).await().atMost(WAIT)
                .forEach(row -> stays.add(row.getString("stage") + " " + instant(row, "entered_at") + "-"
                        + instant(row, "left_at")));
        return stays;
    }

    @Test
    void shouldKeepTheNewestScoreAndTheFirstQualification() {
        String lead = UUID.randomUUID().toString();
        scoring.send(scored(lead, 82, "A", true, "2020-11-22T12:00:00Z"));
        scoring.send(scored(lead, 40, "C", false, "2020-11-22T10:00:00Z"));
        scoring.send(scored(lead, 75, "B", true, "2020-11-22T11:00:00Z"));

        await().atMost(WAIT).until(() -> count("select count(*) from lead_fact where lead_id = $1 and "
                + "qualified_at = '2020-11-22T11:00:00Z'", lead) == 1);
        Row fact = fact(lead);
        assertThat(fact.getInteger("score")).isEqualTo(82);
        assertThat(fact.getString("grade")).isEqualTo("A");
        assertThat(instant(fact, "scored_at")).isEqualTo("2020-11-22T12:00:00Z");
    }

    @Test
    void shouldCountTheFirstTouchByARepButNotTheLeadsOwnMessagesOrASequence() {
        String lead = UUID.randomUUID().toString();
        nurture.send(activity(lead, "WHATSAPP", "INBOUND", "INQUIRY", "2020-11-22T10:30:00Z"));
        nurture.send(TestEvents.event("leadstream.message.sent.v1", lead, """
                {"messageId":"%s","leadId":"%s","channel":"EMAIL","sequenceId":"%s","sentBy":"sequence",
                 "sentAt":"2020-11-22T10:40:00Z"}""".formatted(UUID.randomUUID(), lead, UUID.randomUUID())));
        nurture.send(activity(lead, "NOTE", null, "REP", "2020-11-22T10:45:00Z"));
        nurture.send(activity(lead, "CALL", "OUTBOUND", "REP", "2020-11-22T11:30:00Z"));
        nurture.send(TestEvents.event("leadstream.message.sent.v1", lead, """
                {"messageId":"%s","leadId":"%s","channel":"EMAIL","sentBy":"rep1","sentAt":"2020-11-22T11:00:00Z"}"""
                .formatted(UUID.randomUUID(), lead)));

        await().atMost(WAIT).until(() -> count("select count(*) from lead_fact where lead_id = $1 and "
                + "first_touch_at = '2020-11-22T11:00:00Z'", lead) == 1);
    }

    @Test
    void shouldMarkAMergedLeadAndKeepAnErasedOneCounted() {
        String survivor = UUID.randomUUID().toString();
        String merged = UUID.randomUUID().toString();
        capture.send(captured(survivor, "2020-11-22T10:00:00Z"));
        capture.send(captured(merged, "2020-11-22T10:05:00Z"));
        capture.send(TestEvents.event("leadstream.lead.merged.v1", survivor, """
                {"leadId":"%s","kind":"SUBMISSION","matchedOn":"EMAIL","source":"web","filledFields":[],
                 "mergedAt":"2020-11-22T10:06:00Z"}""".formatted(survivor)));
        capture.send(TestEvents.event("leadstream.lead.merged.v1", survivor, """
                {"leadId":"%s","kind":"MANUAL","mergedLeadId":"%s","source":"web","filledFields":[],
                 "mergedAt":"2020-11-22T10:07:00Z"}""".formatted(survivor, merged)));
        capture.send(TestEvents.event("leadstream.lead.erased.v1", survivor, """
                {"leadId":"%s","erasedAt":"2020-11-23T09:00:00Z"}""".formatted(survivor)));

        await().atMost(WAIT).until(() -> count("select count(*) from lead_fact where lead_id = $1 and erased_at is "
                + "not null", survivor) == 1 && count("select count(*) from lead_fact where lead_id = $1 and "
                + "merged_into is not null", merged) == 1);
        assertThat(text("select merged_into::text from lead_fact where lead_id = $1", merged)).isEqualTo(survivor);
        assertThat(fact(survivor).getValue("merged_into")).isNull();
        assertThat(text("select source from lead_fact where lead_id = $1", survivor)).isEqualTo("web");
    }

    @Test
    void shouldGiveTheLeadToItsNewestOwnerWhateverOrderTheAssignmentAndReassignmentsArriveIn() {
        String lead = UUID.randomUUID().toString();
        // distribution assigned to rep1, then moved it to rep2, then to rep3; they arrive (or are replayed) out of order
        distribution.send(TestEvents.event("leadstream.lead.reassigned.v1", lead, """
                {"leadId":"%s","repId":"rep3","previousRepId":"rep2","strategy":"MANUAL","reason":"r","trigger":"MANUAL",
                 "reassignedAt":"2020-11-22T12:00:00Z"}""".formatted(lead)));
        distribution.send(TestEvents.event("leadstream.lead.assigned.v1", lead, """
                {"leadId":"%s","repId":"rep1","strategy":"ROUND_ROBIN","reason":"r","score":70,"grade":"B",
                 "assignedAt":"2020-11-22T10:00:00Z"}""".formatted(lead)));
        distribution.send(TestEvents.event("leadstream.lead.reassigned.v1", lead, """
                {"leadId":"%s","repId":"rep2","previousRepId":"rep1","strategy":"MANUAL","reason":"r","trigger":"SLA",
                 "reassignedAt":"2020-11-22T11:00:00Z"}""".formatted(lead)));

        await().atMost(WAIT).until(() -> count("select count(*) from lead_fact where lead_id = $1 and assigned_at is "
                + "not null and rep_at = '2020-11-22T12:00:00Z'", lead) == 1);
        await().during(Duration.ofMillis(300)).atMost(WAIT)
                .until(() -> "rep3".equals(text("select rep_id from lead_fact where lead_id = $1", lead)));
        assertThat(instant(fact(lead), "assigned_at")).as("the first assignment").isEqualTo("2020-11-22T10:00:00Z");
    }

    @Test
    void shouldTakeTheNewestDimensionsAndTheFirstQueueAndShare() {
        String lead = UUID.randomUUID().toString();
        capture.send(TestEvents.event("leadstream.lead.updated.v1", lead, """
                {"leadId":"%s","changedFields":["segment"],"source":"web","country":"DE","segment":"enterprise",
                 "products":["solar"],"quality":{},"updatedAt":"2020-11-24T10:00:00Z"}""".formatted(lead)));
        // the capture is older than the update: its dimensions do not override the update's
        capture.send(captured(lead, "2020-11-22T10:00:00Z"));
        distribution.send(TestEvents.event("leadstream.lead.queued.v1", lead, """
                {"leadId":"%s","queue":"smb","rule":"r","reason":"r","score":60,"grade":"B",
                 "queuedAt":"2020-11-22T10:01:00Z"}""".formatted(lead)));
        distribution.send(TestEvents.event("leadstream.lead.shared.v1", lead, """
                {"leadId":"%s","shareId":"%s","partnerId":"globex","fields":[],"sharedAt":"2020-11-23T10:00:00Z",
                 "deadline":"2020-11-24T10:00:00Z"}""".formatted(lead, UUID.randomUUID())));
        distribution.send(TestEvents.event("leadstream.lead.shared.v1", lead, """
                {"leadId":"%s","shareId":"%s","partnerId":"acme","fields":[],"sharedAt":"2020-11-22T12:00:00Z",
                 "deadline":"2020-11-23T12:00:00Z"}""".formatted(lead, UUID.randomUUID())));

        await().atMost(WAIT).until(() -> count("select count(*) from lead_fact where lead_id = $1 and source is not "
                + "null and queued_at is not null and shared_at = '2020-11-22T12:00:00Z'", lead) == 1);
        Row fact = fact(lead);
        assertThat(fact.getString("country")).isEqualTo("DE");
        assertThat(fact.getString("segment")).isEqualTo("enterprise");
        assertThat(Arrays.asList(fact.getArrayOfStrings("products"))).containsExactly("solar");
        assertThat(fact.getString("shared_partner_id")).isEqualTo("acme");
        assertThat(instant(fact, "queued_at")).isEqualTo("2020-11-22T10:01:00Z");
    }

    private static Message<String> captured(String lead, String at) {
        return TestEvents.event("leadstream.lead.captured.v1", lead, """
                {"leadId":"%s","source":"web","country":"GB","segment":"smb","products":["heat-pumps"],
                 "capturedAt":"%s","quality":{}}""".formatted(lead, at));
    }

    private static Message<String> stageChanged(String lead, String from, String to, String at) {
        return TestEvents.event("leadstream.lead.stage-changed.v1", lead, """
                {"leadId":"%s","from":%s,"to":"%s","owner":"rep1","reason":"r","changedAt":"%s"}"""
                .formatted(lead, from == null ? "null" : "\"" + from + "\"", to, at));
    }

    private static Message<String> scored(String lead, int score, String grade, boolean qualified, String at) {
        return TestEvents.event("leadstream.lead.scored.v1", lead, """
                {"leadId":"%s","score":%d,"grade":"%s","qualified":%s,"modelVersion":"rules-v1","scoredAt":"%s"}"""
                .formatted(lead, score, grade, qualified, at));
    }

    private static Message<String> activity(String lead, String kind, String direction, String source, String at) {
        return TestEvents.event("leadstream.activity.logged.v1", lead, """
                {"activityId":"%s","leadId":"%s","kind":"%s","direction":%s,"source":"%s","loggedBy":"rep1",
                 "occurredAt":"%s"}""".formatted(UUID.randomUUID(), lead, kind,
                direction == null ? "null" : "\"" + direction + "\"", source, at));
    }

    private Row fact(String lead) {
        return pool.preparedQuery("select * from lead_fact where lead_id = $1").execute(Tuple.of(UUID.fromString(lead)))
                .await().atMost(WAIT).iterator().next();
    }

    private long count(String sql, String lead) {
        var rows = lead == null ? pool.query(sql).execute().await().atMost(WAIT)
                : pool.preparedQuery(sql).execute(Tuple.of(UUID.fromString(lead))).await().atMost(WAIT);
        return rows.iterator().next().getLong(0);
    }

    private String text(String sql, String lead) {
        var rows = pool.preparedQuery(sql).execute(Tuple.of(UUID.fromString(lead))).await().atMost(WAIT);
        return rows.size() == 0 ? null : rows.iterator().next().getString(0);
    }

    private static String instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant().toString();
    }
}
