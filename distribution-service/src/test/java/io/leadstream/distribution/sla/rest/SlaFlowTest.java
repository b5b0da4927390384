package io.leadstream.distribution.sla.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.chassis.testing.EventContracts;
import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.chassis.testing.TestEvents;
import io.leadstream.distribution.LeadFlow;
import io.leadstream.distribution.TestClocks;
import io.leadstream.distribution.assignments.NurtureEventsConsumer;
import io.leadstream.distribution.assignments.SlaBreached;
import io.leadstream.distribution.assignments.SlaBreaches;
import io.leadstream.distribution.assignments.WaitingLeads;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.vertx.VertxContextSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySource;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * SLAs on real PostgreSQL with a moved clock: stored and validated over HTTP; a clock per assignment in the rep's
 * business time (office hours in Berlin, a holiday); a breach reminded, escalated to the team's manager and ended in
 * reassignment; stopped by nurture's contact; closed with the lead; gone with an erased lead.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class SlaFlowTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final String RULES = """
            {"rules":[{"name":"sla-hot","when":{"products":["sla-boilers"]},"target":{"type":"TEAM","id":"sla-team"},
                       "strategy":"ROUND_ROBIN"}],
             "fallback":{"name":"default","target":{"type":"ALL_REPS"},"strategy":"ROUND_ROBIN"}}""";
    /** sla-hot: touch within 1 business hour, again within 8; the manager at +1 h, another rep at +2 h. */
    static final String SLAS = """
            {"defaultPolicy":null,
             "rules":{"sla-hot":{"firstTouch":"1h","nextTouch":"8h","escalateAfter":"1h","reassignAfter":"2h"}},
             "queues":{},"timeZone":"Europe/Berlin","holidays":["2026-01-06"]}""";

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    ObjectMapper mapper;
    @Inject
    Pool pool;
    @Inject
    SlaBreaches breaches;
    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;
    @Inject
    WaitingLeads waitingLeads;
    @Inject
    NurtureEventsConsumer nurtureConsumer;

    LeadFlow flow;
    InMemorySource<Message<String>> nurtureEvents;
    /** This test's two reps in team sla-team (fresh, so no lead of another test counts against them). */
    String sla1;
    String sla2;

    static Instant berlin(String local) {
        return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
    }

    @BeforeEach
    void setUp() {
        flow = new LeadFlow(connector, pool);
        nurtureEvents = connector.<Message<String>>source("nurture-events").runOnVertxContext(true);
        flow.sql("update rep set active = false where active");
        flow.sql("delete from sla_clock");
        flow.sql("insert into team (team_id, display_name, manager_id, created_at, updated_at) values "
                + "('sla-team', 'SLA team', 'boss', now(), now()) on conflict (team_id) do nothing");
        flow.sql("update rep set team_id = null where team_id = 'sla-team'");
        String run = UUID.randomUUID().toString().substring(0, 8);
        sla1 = "sla1-" + run;
        sla2 = "sla2-" + run;
        flow.activeReps(sla1, sla2);
        flow.sql("update rep set team_id = 'sla-team' where rep_id in ('" + sla1 + "', '" + sla2 + "')");
        // Monday 2026-01-05, 09:00 in Berlin
        TestClocks.CLOCK.set(berlin("2026-01-05T09:00"));
    }

    @AfterEach
    void tearDown() {
        TestClocks.CLOCK.reset();
        flow.sql("delete from assignment_rules");
        flow.sql("delete from sla_settings");
        flow.sql("delete from sla_clock");
        flow.sql("update rep set active = false where rep_id in ('" + sla1 + "', '" + sla2 + "')");
    }

    private void configure() {
        given().contentType(ContentType.JSON).body(RULES).put("/api/assignment/rules").then().statusCode(200);
        given().contentType(ContentType.JSON).body(SLAS).put("/api/sla").then().statusCode(200);
    }

    private String assignedLead() {
        String leadId = flow.captured("sla-boilers", "DE");
        flow.scored(leadId, 80, "A");
        flow.awaitRepOf(leadId);
        return leadId;
    }

    private JsonPath assignment(String leadId) {
        return given().get("/api/assignments/" + leadId).then().statusCode(200).extract().jsonPath();
    }

    private List<SlaBreached> breaches(String leadId) {
        return flow.eventsFor(leadId, "leadstream.sla.breached.v1").stream().map(m -> {
            try {
                return mapper.readValue(m.getPayload(), SlaBreached.class);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    /** Once distribution's outbox relay has published them: the lead's {@code n} sla.breached events, in order. */
    private List<SlaBreached> awaitBreaches(String leadId, int n) {
        await().atMost(LeadFlow.WAIT).until(() -> breaches(leadId).size() >= n);
        List<SlaBreached> all = breaches(leadId);
        assertThat(all).hasSize(n);
        return all;
    }

    private double steps(String step) {
        var counter = registry.find("leadstream.sla.breaches").tag("step", step).counter();
        return counter == null ? 0 : counter.count();
    }

    private SlaBreaches.Result check() {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> breaches.check());
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    private void nurture(String type, String leadId, String json) {
        nurtureEvents.send(TestEvents.event(type, leadId, json));
    }

    private JsonNode data(Message<String> m) {
        try {
            return mapper.readTree(m.getPayload());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldStartWithTheBuiltInSlasAndStoreWhatAnAdminPuts() {
        given().get("/api/sla").then().statusCode(200)
                .body("defaultPolicy.firstTouch", equalTo("4h"))
                .body("defaultPolicy.reassignAfter", nullValue())
                .body("timeZone", equalTo("UTC"));
        given().contentType(ContentType.JSON).body("""
                {"defaultPolicy":{"firstTouch":"PT2H","nextTouch":"90m"},"rules":{},"queues":{"inbound":
                 {"firstTouch":"30m","nextTouch":"8h","escalateAfter":"1h","reassignAfter":"3h"}},
                 "timeZone":"Europe/Berlin","holidays":["2026-12-26","2026-12-25"]}""")
                .put("/api/sla").then().statusCode(200)
                .body("defaultPolicy.firstTouch", equalTo("2h"))
                .body("queues.inbound.reassignAfter", equalTo("3h"))
                .body("holidays", contains("2026-12-25", "2026-12-26"));
        given().get("/api/sla").then().statusCode(200)
                .body("defaultPolicy.nextTouch", equalTo("90m"))
                .body("timeZone", equalTo("Europe/Berlin"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldRejectInvalidSlasNamingEveryField() {
        given().contentType(ContentType.JSON).body("""
                {"defaultPolicy":{"firstTouch":"2d","nextTouch":"8h"},
                 "rules":{"hot":{"firstTouch":"1h","nextTouch":"8h","escalateAfter":"3h","reassignAfter":"2h"}},
                 "timeZone":"Berlin","holidays":["25.12.2026"]}""")
                .put("/api/sla").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("defaultPolicy.firstTouch", "rules.hot.reassignAfter", "timeZone",
                        "holidays[0]"));
        given().get("/api/sla").then().statusCode(200).body("timeZone", equalTo("UTC"));
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldLetOnlyAdminsReadOrChangeSlas() {
        // api.md: GET/PUT /api/sla are the admin's
        given().get("/api/sla").then().statusCode(403);
        given().contentType(ContentType.JSON).body(SLAS).put("/api/sla").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "sla1", roles = "sales-rep")
    void shouldNotShowSlasToReps() {
        given().get("/api/sla").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldRemindEscalateToTheManagerAndThenReassign() {
        configure();
        String leadId = assignedLead();
        JsonPath a = assignment(leadId);
        String first = a.getString("repId");
        String other = first.equals(sla1) ? sla2 : sla1;
        assertThat(a.getString("sla.kind")).isEqualTo("FIRST_TOUCH");
        assertThat(a.getString("sla.policy")).isEqualTo("rule:sla-hot");
        assertThat(a.getString("sla.nextStep")).isEqualTo("REMIND");
        Instant started = Instant.parse(a.getString("sla.startedAt"));
        assertThat(Instant.parse(a.getString("sla.deadline"))).isEqualTo(started.plus(Duration.ofHours(1)));

        // before the deadline nothing is due
        assertThat(check().reminded()).isZero();
        assertThat(check()).isEqualTo(new SlaBreaches.Result(0, 0, 0, 0));

        double reminders = steps("remind");
        TestClocks.CLOCK.advance(Duration.ofMinutes(61));
        check();
        assertThat(steps("remind")).as("leadstream.sla.breaches{step=remind}, which the SLA alert watches")
                .isEqualTo(reminders + 1);
        assertThat(awaitBreaches(leadId, 1)).singleElement().satisfies(b -> {
            assertThat(b.step()).isEqualTo("REMIND");
            assertThat(b.repId()).isEqualTo(first);
            assertThat(b.kind()).isEqualTo("FIRST_TOUCH");
            assertThat(b.policy()).isEqualTo("rule:sla-hot");
            assertThat(b.dueAt()).isEqualTo(started.plus(Duration.ofHours(1)));
        });
        // taken once: a second pass at the same time publishes nothing more
        check();
        assertThat(check()).isEqualTo(new SlaBreaches.Result(0, 0, 0, 0));
        assertThat(assignment(leadId).getString("sla.nextStep")).isEqualTo("ESCALATE");

        TestClocks.CLOCK.advance(Duration.ofHours(1));
        check();
        assertThat(awaitBreaches(leadId, 2)).last().satisfies(b -> {
            assertThat(b.step()).isEqualTo("ESCALATE");
            assertThat(b.teamId()).isEqualTo("sla-team");
            assertThat(b.managerId()).isEqualTo("boss");
        });

        TestClocks.CLOCK.advance(Duration.ofHours(1));
        check();
        assertThat(awaitBreaches(leadId, 3)).last().satisfies(b -> {
            assertThat(b.step()).isEqualTo("REASSIGN");
            assertThat(b.repId()).isEqualTo(first);
            assertThat(b.reassignedTo()).isEqualTo(other);
        });
        JsonNode reassigned = data(flow.eventsFor(leadId, "leadstream.lead.reassigned.v1").get(0));
        assertThat(reassigned.path("trigger").asText()).isEqualTo("SLA");
        assertThat(reassigned.path("previousRepId").asText()).isEqualTo(first);
        assertThat(reassigned.path("repId").asText()).isEqualTo(other);
        EventContracts.assertPublishes(SlaBreached.class, breaches(leadId).toArray(SlaBreached[]::new));

        JsonPath now = assignment(leadId);
        assertThat(now.getString("repId")).isEqualTo(other);
        assertThat(now.getList("history.kind", String.class)).containsExactly("ASSIGNED", "SLA_REMINDED",
                "SLA_ESCALATED", "REASSIGNED");
        assertThat(now.getString("history[2].reason")).contains("escalated to boss");
        assertThat(now.getString("history[3].reason")).startsWith("SLA (rule:sla-hot): first touch by " + first);
        // the new rep's own first-touch clock
        assertThat(now.getString("sla.kind")).isEqualTo("FIRST_TOUCH");
        assertThat(now.getList("sla.stepsTaken")).isEmpty();
        assertThat(now.getString("sla.nextStep")).isEqualTo("REMIND");
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldKeepTheLeadWhenNobodyElseCanTakeIt() {
        configure();
        flow.sql("update rep set active = false where rep_id = '" + sla2 + "'");
        String leadId = assignedLead();
        TestClocks.CLOCK.advance(Duration.ofHours(4));
        check();
        // all three steps were due: taken in order in one pass
        assertThat(awaitBreaches(leadId, 3)).extracting(SlaBreached::step).containsExactly("REMIND", "ESCALATE", "REASSIGN");
        assertThat(breaches(leadId).get(2).reassignedTo()).isNull();
        JsonPath a = assignment(leadId);
        assertThat(a.getString("repId")).isEqualTo(sla1);
        assertThat(a.getList("sla.stepsTaken", String.class)).containsExactly("REMIND", "ESCALATE", "REASSIGN");
        assertThat(a.getString("sla.nextStep")).isNull();
        TestClocks.CLOCK.advance(Duration.ofHours(4));
        check();
        assertThat(check()).isEqualTo(new SlaBreaches.Result(0, 0, 0, 0));
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldCountOnlyBusinessTimeSkippingTheNightAndTheHoliday() {
        configure();
        TestClocks.CLOCK.set(berlin("2026-01-05T16:30")); // Monday; Tuesday is a holiday
        String leadId = assignedLead();
        Instant deadline = Instant.parse(assignment(leadId).getString("sla.deadline"));
        LocalDateTime local = LocalDateTime.ofInstant(deadline, BERLIN);
        // half an hour on Monday, none on Tuesday, half an hour on Wednesday from 09:00
        assertThat(local.toLocalDate()).hasToString("2026-01-07");
        assertThat(local.toLocalTime()).isBetween(java.time.LocalTime.of(9, 30), java.time.LocalTime.of(9, 31));

        TestClocks.CLOCK.set(berlin("2026-01-06T23:00"));
        check();
        assertThat(check()).isEqualTo(new SlaBreaches.Result(0, 0, 0, 0));
        TestClocks.CLOCK.set(berlin("2026-01-07T09:45"));
        check();
        assertThat(awaitBreaches(leadId, 1)).extracting(SlaBreached::step).containsExactly("REMIND");
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldStopTheClockOnContactAndExpectTheNextTouch() {
        configure();
        String leadId = assignedLead();
        Instant started = Instant.parse(assignment(leadId).getString("sla.startedAt"));

        // a note, the lead's own email and a drip message are not contact
        nurture("leadstream.activity.logged.v1", leadId, """
                {"activityId":"%s","leadId":"%s","kind":"NOTE","source":"REP","loggedBy":"sla1",
                 "occurredAt":"%s"}""".formatted(UUID.randomUUID(), leadId, started.plusSeconds(60)));
        nurture("leadstream.activity.logged.v1", leadId, """
                {"activityId":"%s","leadId":"%s","kind":"EMAIL","direction":"INBOUND","source":"INTEGRATION",
                 "loggedBy":"crm-app","occurredAt":"%s"}""".formatted(UUID.randomUUID(), leadId, started.plusSeconds(90)));
        nurture("leadstream.message.sent.v1", leadId, """
                {"messageId":"%s","leadId":"%s","channel":"EMAIL","sentBy":"sequence","sentAt":"%s"}"""
                .formatted(UUID.randomUUID(), leadId, started.plusSeconds(100)));
        // then a call: contact
        Instant call = started.plus(Duration.ofMinutes(20));
        nurture("leadstream.activity.logged.v1", leadId, """
                {"activityId":"%s","leadId":"%s","kind":"CALL","direction":"OUTBOUND","durationSeconds":120,
                 "outcome":"answered","source":"REP","loggedBy":"sla1","occurredAt":"%s"}"""
                .formatted(UUID.randomUUID(), leadId, call));
        await().atMost(LeadFlow.WAIT).until(() -> "NEXT_TOUCH".equals(assignment(leadId).getString("sla.kind")));
        JsonPath a = assignment(leadId);
        assertThat(Instant.parse(a.getString("sla.contactedAt"))).isEqualTo(call);
        assertThat(Instant.parse(a.getString("sla.startedAt"))).isEqualTo(call);
        // 7 h 40 on Monday from 09:20, Tuesday a holiday, 20 minutes on Wednesday: Wednesday 09:20
        assertThat(Instant.parse(a.getString("sla.deadline"))).isEqualTo(call.plus(Duration.ofDays(2)));

        // the first-touch deadline passes without a breach
        TestClocks.CLOCK.advance(Duration.ofHours(2));
        check();
        assertThat(check()).isEqualTo(new SlaBreaches.Result(0, 0, 0, 0));

        // an activity older than the last contact (logged late) changes nothing
        String late = UUID.randomUUID().toString();
        nurtureEvents.send(TestEvents.event(late, "leadstream.activity.logged.v1", leadId, """
                {"activityId":"%s","leadId":"%s","kind":"CALL","direction":"OUTBOUND","source":"REP",
                 "loggedBy":"sla1","occurredAt":"%s"}""".formatted(UUID.randomUUID(), leadId, call.minusSeconds(5))));
        await().atMost(LeadFlow.WAIT).until(() -> flow.count("select count(*) from processed_event where event_id = $1",
                late) == 1);
        assertThat(Instant.parse(assignment(leadId).getString("sla.contactedAt"))).isEqualTo(call);

        // a rep's own message restarts the next-touch clock
        Instant message = call.plus(Duration.ofMinutes(40));
        nurture("leadstream.message.sent.v1", leadId, """
                {"messageId":"%s","leadId":"%s","channel":"WHATSAPP","sentBy":"sla1","sentAt":"%s"}"""
                .formatted(UUID.randomUUID(), leadId, message));
        await().atMost(LeadFlow.WAIT).until(() -> message.equals(
                Instant.parse(assignment(leadId).getString("sla.contactedAt"))));
        assertThat(Instant.parse(assignment(leadId).getString("sla.startedAt"))).isEqualTo(message);
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldStartTheClockOnCONTACTEDAndCloseTheAssignmentWhenTheLeadIsWon() throws Throwable {
        configure();
        flow.sql("update rep set active = false where rep_id = '" + sla2 + "'");
        flow.sql("update rep set max_open_leads = 1 where rep_id = '" + sla1 + "'");
        String won = assignedLead();
        Instant started = Instant.parse(assignment(won).getString("sla.startedAt"));

        nurture("leadstream.lead.stage-changed.v1", won, """
                {"leadId":"%s","from":"OPEN","to":"CONTACTED","owner":"sla1","reason":"first call",
                 "changedAt":"%s"}""".formatted(won, started.plusSeconds(600)));
        await().atMost(LeadFlow.WAIT).until(() -> "NEXT_TOUCH".equals(assignment(won).getString("sla.kind")));

        // sla1 is full: the next lead waits
        String waiting = flow.captured("sla-boilers", "DE");
        flow.scored(waiting, 70, "B");
        await().atMost(LeadFlow.WAIT).until(() -> flow.count("select count(*) from assignment where lead_id = $1 "
                + "and rep_id is null", UUID.fromString(waiting)) == 1);

        nurture("leadstream.lead.stage-changed.v1", won, """
                {"leadId":"%s","from":"NEGOTIATION","to":"CUSTOMER","owner":"sla1","reason":"signed",
                 "changedAt":"%s"}""".formatted(won, started.plusSeconds(7200)));
        await().atMost(LeadFlow.WAIT).until(() -> assignment(won).getString("closedAt") != null);
        JsonPath a = assignment(won);
        assertThat(a.getString("sla.stoppedAt")).isNotNull();
        assertThat(a.getString("sla.nextStep")).isNull();
        TestClocks.CLOCK.advance(Duration.ofHours(30));
        check();
        assertThat(check()).isEqualTo(new SlaBreaches.Result(0, 0, 0, 0));

        // the won lead no longer counts against sla1's open leads
        TestClocks.CLOCK.set(berlin("2026-01-05T10:00"));
        VertxContextSupport.subscribeAndAwait(() -> waitingLeads.retry());
        assertThat(flow.awaitRepOf(waiting)).isEqualTo(sla1);
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldForgetTheClockOfAnErasedLead() {
        configure();
        String leadId = assignedLead();
        assertThat(flow.count("select count(*) from sla_clock where lead_id = $1", UUID.fromString(leadId))).isOne();
        flow.sendCapture("leadstream.lead.erased.v1", leadId, """
                {"leadId":"%s","erasedAt":"2026-01-05T10:00:00Z"}""".formatted(leadId));
        await().atMost(LeadFlow.WAIT).until(() -> flow.count("select count(*) from sla_clock where lead_id = $1",
                UUID.fromString(leadId)) == 0);
    }

    @Test
    void shouldHandleOrIgnoreEveryEventNurturePublishes() {
        EventContracts.assertCovers(nurtureConsumer.handlers(), "nurture-service");
    }
}
