package io.leadstream.insights.rollups;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.chassis.testing.TestEvents;
import io.leadstream.insights.EventFedTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The daily rollups change how figures are read, never what they say: sixty leads of January 2039 (no other test asks
 * about it) with every dimension, scores, owners, teams, stages, a merge and an erasure are fed in as events; every
 * figure is asked over whole days, over ranges that cut days, by every grouping, in a half-hour time zone and with
 * funnel filters while the days are still dirty (read from the facts), and again after the pass has recomputed them
 * (read from the rollups): the answers are identical. A late event makes its day dirty again and shows at once. The
 * pass is off in tests (leadstream.insights.rollups.every), so each step is the one the test runs.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@TestSecurity(user = "manager", roles = "sales-manager")
class RollupsFlowTest extends EventFedTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String[] SOURCES = {"web", "import", "partner_portal"};
    private static final String[] SEGMENTS = {"smb", "enterprise", null};
    private static final String[] COUNTRIES = {"DE", "FR", null};
    private static final String[] CAMPAIGNS = {"spring", "fair", null};
    private static final String[][] PRODUCTS = {{"solar"}, {"solar", "heat-pumps"}, {}, {"batteries"}};
    private static final String[] RANGES = {"from=2039-01-01&to=2039-01-13",
            "from=2039-01-02T07:30:00Z&to=2039-01-11T18:00:00Z",
            // the whole of January from the monthly rollup, the days before and after from the daily one
            "from=2038-12-20&to=2039-02-05"};

    @Inject
    Pool pool;

    @Inject
    RollupPass pass;

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    /** What the test feeds and what it expects of the summary over January 2039. */
    private static final class Fed {
        final List<String> leads = new ArrayList<>();
        int captured;
        int scored;
        int assigned;
        int qualified;
        int won;
        int lost;
    }

    private Fed feed() {
        Random random = new Random(2039);
        Fed fed = new Fed();
        for (int i = 0; i < 60; i++) {
            String lead = UUID.randomUUID().toString();
            fed.leads.add(lead);
            Instant at = Instant.parse("2039-01-01T00:00:00Z").plusSeconds(random.nextInt(12 * 86400));
            String[] products = PRODUCTS[random.nextInt(PRODUCTS.length)];
            String source = SOURCES[random.nextInt(SOURCES.length)];
            capture.send(TestEvents.event("leadstream.lead.captured.v1", lead, """
                    {"leadId":"%s","source":"%s","partnerId":%s,"country":%s,"segment":%s,"campaign":%s,
                     "products":[%s],"capturedAt":"%s","quality":{}}""".formatted(lead, source,
                    source.equals("partner_portal") ? "\"partner-" + random.nextInt(3) + "\"" : "null",
                    quoted(COUNTRIES[random.nextInt(3)]), quoted(SEGMENTS[random.nextInt(3)]),
                    quoted(CAMPAIGNS[random.nextInt(3)]),
                    String.join(",", java.util.Arrays.stream(products).map(RollupsFlowTest::quoted).toList()), at)));
            fed.captured++;
            if (random.nextInt(3) > 0) {
                int score = random.nextInt(101);
                boolean qualified = score >= 57;
                scoring.send(TestEvents.event("leadstream.lead.scored.v1", lead, """
                        {"leadId":"%s","score":%d,"grade":"B","qualified":%s,"modelVersion":"rules-v1",
                         "scoredAt":"%s"%s}""".formatted(lead, score, qualified, at.plusSeconds(10),
                        qualified ? ",\"qualifiedAt\":\"" + at.plusSeconds(10) + "\"" : "")));
                fed.scored++;
                fed.qualified += qualified ? 1 : 0;
            }
            if (random.nextInt(4) > 0) {
                String rep = "rep-" + random.nextInt(4);
                Instant assignedAt = at.plusSeconds(30 + random.nextInt(200_000));
                distribution.send(TestEvents.event("leadstream.lead.assigned.v1", lead, """
                        {"leadId":"%s","repId":"%s","strategy":"ROUND_ROBIN","reason":"r","target":"team:t%d",
                         "score":50,"grade":"B","assignedAt":"%s"}""".formatted(lead, rep, random.nextInt(2),
                        assignedAt)));
                fed.assigned++;
                if (random.nextInt(3) > 0) {
                    // the rep's first touch, now and then logged before the assignment arrived
                    nurture.send(TestEvents.event("leadstream.activity.logged.v1", lead, """
                            {"activityId":"%s","leadId":"%s","kind":"CALL","direction":"OUTBOUND","source":"REP",
                             "loggedBy":"%s","occurredAt":"%s"}""".formatted(UUID.randomUUID(), lead, rep,
                            assignedAt.plusSeconds(random.nextInt(300_000) - 2_000))));
                }
                if (random.nextInt(5) == 0) {
                    distribution.send(TestEvents.event("leadstream.sla.breached.v1", lead, """
                            {"leadId":"%s","repId":"%s","kind":"FIRST_TOUCH","step":"REMIND","policy":"default",
                             "startedAt":"%s","deadline":"%s","dueAt":"%s","breachedAt":"%s"}""".formatted(lead, rep,
                            assignedAt, assignedAt.plusSeconds(900), assignedAt.plusSeconds(900),
                            assignedAt.plusSeconds(901))));
                }
                int path = random.nextInt(4);
                List<String> stages = path == 0 ? List.of("OPEN") : path == 1 ? List.of("OPEN", "CONTACTED")
                        : path == 2 ? List.of("OPEN", "CONTACTED", "CUSTOMER") : List.of("OPEN", "UNQUALIFIED");
                Instant entered = at;
                for (int s = 0; s < stages.size(); s++) {
                    // stays from a minute to five days: many bins of time in stage
                    entered = entered.plusSeconds(60 + random.nextInt(430_000));
                    nurture.send(TestEvents.event("leadstream.lead.stage-changed.v1", lead, """
                            {"leadId":"%s","from":%s,"to":"%s","owner":null,"reason":"r","changedAt":"%s"}"""
                            .formatted(lead, s == 0 ? "null" : quoted(stages.get(s - 1)), stages.get(s), entered)));
                }
                fed.won += path == 2 ? 1 : 0;
                fed.lost += path == 3 ? 1 : 0;
            }
        }
        capture.send(TestEvents.event("leadstream.lead.erased.v1", fed.leads.get(7), """
                {"leadId":"%s","erasedAt":"2039-01-20T10:00:00Z"}""".formatted(fed.leads.get(7))));
        return fed;
    }

    private static List<String> queries() {
        List<String> queries = new ArrayList<>();
        for (String range : RANGES) {
            for (String path : List.of("summary", "funnel", "sources", "scoring", "funnel.svg")) {
                queries.add("/api/insights/" + path + "?" + range);
            }
            for (String filter : List.of("source=web", "product=solar", "segment=smb", "product=solar&source=web")) {
                queries.add("/api/insights/funnel?" + range + "&" + filter);
            }
            queries.add("/api/insights/leads?" + range);
            for (String groupBy : List.of("source", "product", "segment", "country", "campaign", "rep", "partner",
                    "team", "scoreBand")) {
                queries.add("/api/insights/leads?" + range + "&groupBy=" + groupBy + "&tz=Europe/Berlin");
            }
            queries.add("/api/insights/leads?" + range + "&groupBy=product&period=week");
            queries.add("/api/insights/leads?" + range + "&groupBy=rep&period=month");
            queries.add("/api/insights/leads?" + range + "&groupBy=scoreBand&tz=Asia/Kolkata");
            queries.add("/api/insights/leads.svg?" + range + "&groupBy=source&tz=America/New_York");
            queries.add("/api/insights/time-in-stage?" + range);
            queries.add("/api/insights/time-in-stage?" + range + "&tz=Asia/Kolkata");
            queries.add("/api/insights/reps?" + range);
        }
        return queries;
    }

    private static Map<String, String> answers() {
        Map<String, String> answers = new LinkedHashMap<>();
        for (String query : queries()) {
            answers.put(query, given().get(query).then().statusCode(200).extract().asString());
        }
        return answers;
    }

    private static JsonPath summary() {
        return given().get("/api/insights/summary?" + RANGES[0]).then().statusCode(200).extract().jsonPath();
    }

    private long count(String sql) {
        return pool.query(sql).execute().await().atMost(WAIT).iterator().next().getLong(0);
    }

    @Test
    void shouldAnswerTheSameFromTheRollupsAsFromTheFacts() {
        Fed fed = feed();
        await().atMost(WAIT).until(() -> {
            JsonPath s = summary();
            return s.getInt("captured") == fed.captured && s.getInt("scored") == fed.scored
                    && s.getInt("assigned") == fed.assigned && s.getInt("qualified") == fed.qualified
                    && s.getInt("won") == fed.won && s.getInt("lost") == fed.lost;
        });
        // the merge: one lead fewer
        capture.send(TestEvents.event("leadstream.lead.merged.v1", fed.leads.get(0), """
                {"leadId":"%s","kind":"MANUAL","mergedLeadId":"%s","source":"web","filledFields":[],
                 "mergedAt":"2039-01-20T10:00:00Z"}""".formatted(fed.leads.get(0), fed.leads.get(1))));
        await().atMost(WAIT).until(() -> summary().getInt("captured") == fed.captured - 1);
        assertThat(count("select count(*) from rollup_dirty where day between '2039-01-01' and '2039-01-12'"))
                .isPositive();
        Map<String, String> fromFacts = answers();

        assertThat(pass.run().await().atMost(WAIT)).isPositive();

        assertThat(count("select count(*) from rollup_dirty")).isZero();
        assertThat(count("select count(distinct day) from lead_day where day between '2039-01-01' and '2039-01-12'"))
                .isEqualTo(12);
        assertThat(count("select sum(leads) from lead_month where dim = '' and day = '2039-01-01'"))
                .isEqualTo(count("select sum(leads) from lead_day where dim = '' and day between '2039-01-01' "
                        + "and '2039-01-31'"));
        assertThat(count("select coalesce(sum(leads), 0) from lead_day where dim = '' and day between '2039-01-01' "
                + "and '2039-01-12'")).isEqualTo(fed.captured - 1);
        assertThat(count("select count(*) from funnel_day where day between '2039-01-01' and '2039-01-12'"))
                .isPositive();
        assertThat(count("select count(*) from stage_dirty")).isZero();
        assertThat(count("select count(*) from stage_day where day between '2039-01-01' and '2039-01-31'"))
                .isPositive();
        assertThat(count("select sum(entries) from stage_month where day = '2039-01-01'"))
                .isEqualTo(count("select sum(entries) from stage_day where day between '2039-01-01' and '2039-01-31'"));
        Map<String, String> fromRollups = answers();
        assertThat(fromRollups).hasSize(queries().size());
        fromFacts.forEach((query, answer) -> assertThat(fromRollups.get(query)).as(query).isEqualTo(answer));

        // the median speed-to-lead, found through the bins, is percentile_cont over every lead
        for (String range : RANGES) {
            String[] ends = range.replace("from=", "").split("&to=");
            String from = ends[0].contains("T") ? ends[0] : ends[0] + "T00:00:00Z";
            String to = ends[1].contains("T") ? ends[1] : ends[1] + "T00:00:00Z";
            // (rounded as the summary rounds it: half up)
            long exact = Math.round(pool.query("select percentile_cont(0.5) within group (order by extract(epoch from "
                    + "assigned_at - captured_at)) from lead_fact where captured_at >= '" + from + "' "
                    + "and captured_at < '" + to + "' and merged_into is null").execute().await().atMost(WAIT)
                    .iterator().next().getDouble(0));
            assertThat(given().get("/api/insights/summary?" + range).then().extract().jsonPath()
                    .getLong("medianSpeedToLeadSeconds")).as(range).isEqualTo(exact);
            assertExactPercentiles(range, from, to);
        }
    }

    /**
     * Time in stage and the reps' medians, found through the bins, are percentile_cont over every stay and every lead.
     */
    private void assertExactPercentiles(String range, String from, String to) {
        JsonPath times = given().get("/api/insights/time-in-stage?" + range).then().extract().jsonPath();
        int compared = 0;
        for (Row row : pool.query("select stage, count(*) as n, "
                + "percentile_cont(0.5) within group (order by extract(epoch from left_at - entered_at)) as median, "
                + "percentile_cont(0.9) within group (order by extract(epoch from left_at - entered_at)) as p90 "
                + "from stage_entry e where entered_at >= '" + from + "' and entered_at < '" + to + "' "
                + "and left_at is not null and not exists (select 1 from lead_fact m where m.lead_id = e.lead_id "
                + "and m.merged_into is not null) group by stage").execute().await().atMost(WAIT)) {
            String stage = "stages.find { it.stage == '" + row.getString("stage") + "' }";
            assertThat(times.getLong(stage + ".durations")).as(range + " " + stage).isEqualTo(row.getLong("n"));
            assertThat(times.getLong(stage + ".medianSeconds")).as(range + " " + stage)
                    .isEqualTo(Math.round(row.getDouble("median")));
            assertThat(times.getLong(stage + ".p90Seconds")).as(range + " " + stage)
                    .isEqualTo(Math.round(row.getDouble("p90")));
            compared++;
        }
        // the stays that ended: OPEN and CONTACTED (CUSTOMER and UNQUALIFIED are where the fed leads stay)
        assertThat(compared).as(range).isEqualTo(2);

        JsonPath reps = given().get("/api/insights/reps?" + range).then().extract().jsonPath();
        compared = 0;
        for (Row row : pool.query("select rep_id, percentile_cont(0.5) within group "
                + "(order by extract(epoch from first_touch_at - assigned_at)) as median from lead_fact "
                + "where captured_at >= '" + from + "' and captured_at < '" + to + "' and merged_into is null "
                + "and rep_id like 'rep-_' and first_touch_at is not null and assigned_at is not null group by rep_id")
                .execute().await().atMost(WAIT)) {
            String rep = "reps.find { it.repId == '" + row.getString("rep_id") + "' }";
            assertThat(reps.getLong(rep + ".medianSecondsToFirstTouch")).as(range + " " + rep)
                    .isEqualTo(Math.round(row.getDouble("median")));
            compared++;
        }
        assertThat(compared).as(range).isEqualTo(4);
    }

    @Test
    void shouldShowALateEventAtOnceAndKeepItAfterThePass() {
        String lead = UUID.randomUUID().toString();
        capture.send(TestEvents.event("leadstream.lead.captured.v1", lead, """
                {"leadId":"%s","source":"late","products":["solar"],"capturedAt":"2039-01-25T10:00:00Z",
                 "quality":{}}""".formatted(lead)));
        String range = "/api/insights/summary?from=2039-01-25&to=2039-01-26";
        await().atMost(WAIT).until(() -> given().get(range).then().extract().jsonPath().getInt("captured") == 1);
        pass.run().await().atMost(WAIT);
        assertThat(count("select count(*) from rollup_dirty")).isZero();

        // a stage change weeks later: its lead's capture day is dirty again and the figure moves at once
        nurture.send(TestEvents.event("leadstream.lead.stage-changed.v1", lead, """
                {"leadId":"%s","from":null,"to":"CUSTOMER","owner":null,"reason":"r","changedAt":"2039-03-01T10:00:00Z"}"""
                .formatted(lead)));
        await().atMost(WAIT).until(() -> given().get(range).then().extract().jsonPath().getInt("won") == 1);
        assertThat(count("select count(*) from rollup_dirty where day = '2039-01-25'")).isPositive();
        String before = given().get(range).then().statusCode(200).extract().asString();
        // January as a whole: its monthly row is stale while a day of it is dirty, so it is read from its days
        String january = "/api/insights/summary?from=2039-01-01&to=2039-02-01";
        String januaryBefore = given().get(january).then().statusCode(200).extract().asString();

        pass.run().await().atMost(WAIT);

        assertThat(count("select count(*) from rollup_dirty")).isZero();
        assertThat(count("select won from lead_day where dim = '' and day = '2039-01-25'")).isEqualTo(1);
        assertThat(given().get(range).then().statusCode(200).extract().asString()).isEqualTo(before);
        assertThat(given().get(january).then().statusCode(200).extract().asString()).isEqualTo(januaryBefore);
    }

    private JsonPath open(String range) {
        return given().get("/api/insights/time-in-stage?" + range).then().statusCode(200).extract().jsonPath()
                .setRootPath("stages.find { it.stage == 'OPEN' }");
    }

    @Test
    void shouldFollowALateStageChangeAndAMergeInTheStaysAtOnce() {
        // two leads in OPEN on 10 April 2039 (no other test's stays begin that day): two and half an hour
        String gone = UUID.randomUUID().toString();
        String kept = UUID.randomUUID().toString();
        for (String lead : List.of(gone, kept)) {
            capture.send(TestEvents.event("leadstream.lead.captured.v1", lead, """
                    {"leadId":"%s","source":"web","capturedAt":"2039-04-10T09:00:00Z","quality":{}}""".formatted(lead)));
            nurture.send(TestEvents.event("leadstream.lead.stage-changed.v1", lead, """
                    {"leadId":"%s","from":null,"to":"OPEN","owner":null,"reason":"r","changedAt":"2039-04-10T10:00:00Z"}"""
                    .formatted(lead)));
        }
        for (String[] next : new String[][] {{gone, "12:00"}, {kept, "10:30"}}) {
            nurture.send(TestEvents.event("leadstream.lead.stage-changed.v1", next[0], """
                    {"leadId":"%s","from":"OPEN","to":"CONTACTED","owner":null,"reason":"r",
                     "changedAt":"2039-04-10T%s:00Z"}""".formatted(next[0], next[1])));
        }
        String range = "from=2039-04-10&to=2039-04-11";
        await().atMost(WAIT).until(() -> open(range).getInt("durations") == 2);
        assertThat(open(range).getLong("medianSeconds")).isEqualTo(4500);
        pass.run().await().atMost(WAIT);
        assertThat(count("select count(*) from stage_dirty")).isZero();
        assertThat(open(range).getLong("medianSeconds")).isEqualTo(4500);

        // a stage change arriving late, out of order: the stay before it ends earlier, at once and after the pass
        nurture.send(TestEvents.event("leadstream.lead.stage-changed.v1", kept, """
                {"leadId":"%s","from":"OPEN","to":"NURTURING","owner":null,"reason":"r",
                 "changedAt":"2039-04-10T10:10:00Z"}""".formatted(kept)));
        await().atMost(WAIT).until(() -> open(range).getLong("medianSeconds") == 3900);
        assertThat(count("select count(*) from stage_dirty where day = '2039-04-10'")).isPositive();
        pass.run().await().atMost(WAIT);
        assertThat(count("select count(*) from stage_dirty")).isZero();
        assertThat(open(range).getLong("medianSeconds")).isEqualTo(3900);

        // merged into the other: its stays are left out, at once and after the pass
        capture.send(TestEvents.event("leadstream.lead.merged.v1", kept, """
                {"leadId":"%s","kind":"MANUAL","mergedLeadId":"%s","source":"web","filledFields":[],
                 "mergedAt":"2039-04-20T10:00:00Z"}""".formatted(kept, gone)));
        await().atMost(WAIT).until(() -> open(range).getInt("durations") == 1);
        assertThat(open(range).getLong("medianSeconds")).isEqualTo(600);
        assertThat(count("select count(*) from stage_dirty where day = '2039-04-10'")).isPositive();
        pass.run().await().atMost(WAIT);
        assertThat(count("select count(*) from stage_dirty")).isZero();
        assertThat(count("select sum(entries) from stage_day where day = '2039-04-10' and stage = 'OPEN'"))
                .isEqualTo(1);
        assertThat(open(range).getLong("p90Seconds")).isEqualTo(600);
    }

    @Test
    void shouldPlanEveryFigureWithItsOwnValuesAndNeverCompileIt() {
        // a generic plan (what PostgreSQL may switch a cached statement to) does not know how many days and parts a
        // figure asks for, and scans every lead
        String mode = pool.query("show plan_cache_mode").execute().await().atMost(WAIT).iterator().next().getString(0);
        // nor is it worth compiling (JIT) a statement of a few milliseconds
        String jit = pool.query("show jit").execute().await().atMost(WAIT).iterator().next().getString(0);

        assertThat(mode).isEqualTo("force_custom_plan");
        assertThat(jit).isEqualTo("off");
    }

    @Test
    void shouldLeaveTheDaysDirtyWhileAnotherInstanceRunsThePass() {
        String lead = UUID.randomUUID().toString();
        capture.send(TestEvents.event("leadstream.lead.captured.v1", lead, """
                {"leadId":"%s","source":"web","capturedAt":"2039-01-28T10:00:00Z","quality":{}}""".formatted(lead)));
        await().atMost(WAIT).until(() -> count("select count(*) from rollup_dirty where day = '2039-01-28'") > 0);
        SqlConnection other = pool.getConnection().await().atMost(WAIT);
        try {
            other.query("begin").execute().await().atMost(WAIT);
            other.query("select pg_advisory_xact_lock(" + RollupRepository.LOCK + ")").execute().await().atMost(WAIT);

            assertThat(pass.run().await().atMost(WAIT)).isZero();
            assertThat(count("select count(*) from rollup_dirty where day = '2039-01-28'")).isPositive();

            other.query("rollback").execute().await().atMost(WAIT);
        } finally {
            other.close().await().atMost(WAIT);
        }
        assertThat(pass.run().await().atMost(WAIT)).isPositive();
        assertThat(count("select count(*) from rollup_dirty where day = '2039-01-28'")).isZero();
    }
}
