package io.leadstream.nurture.sequences.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.chassis.testing.EventContracts;
import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.chassis.testing.TestEvents;
import io.leadstream.nurture.NurtureLeads;
import io.leadstream.nurture.TestClocks;
import io.leadstream.nurture.messages.MessageSent;
import io.leadstream.nurture.messages.rest.CaptureFake;
import io.leadstream.nurture.sequences.DripSequence;
import io.leadstream.nurture.sequences.NewSequence;
import io.leadstream.nurture.sequences.NewSequence.NewStep;
import io.leadstream.nurture.sequences.SequenceRunner;
import io.leadstream.nurture.sequences.SequenceService;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Drip sequences on real PostgreSQL with a moved clock: created and validated, enrolled in by reps (their own leads
 * only) and by the sequences themselves (a stage; scoring's qualification), steps sent by the runner through the real
 * send path (the real capture client against {@link CaptureFake}, email into the mock mailbox) after their delays in
 * business days, never twice for one step, held back by quiet hours, and stopped by a reply, a stop stage, a consent
 * withdrawal, missing consent, an erasure, a person, and a step that cannot be sent; a merge moves enrolments.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(value = CaptureFake.class, restrictToAnnotatedClass = true)
class SequenceFlowTest {

    static final String SENT = "leadstream.message.sent.v1";
    /** Wednesday 2 December 2026, 10:00 in London (GMT): a business day, outside the quiet hours. */
    static final Instant WEDNESDAY = Instant.parse("2026-12-02T10:00:00Z");

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    Pool pool;
    @Inject
    ObjectMapper mapper;
    @Inject
    MockMailbox mailbox;
    @Inject
    SequenceService service;
    @Inject
    SequenceRunner runner;

    NurtureLeads leads;
    InMemorySource<Message<String>> captureEvents;
    InMemorySource<Message<String>> scoringEvents;
    /** Sequences a test made: removed after it, so that none enrols other tests' leads. */
    final List<UUID> made = new ArrayList<>();

    @BeforeEach
    void setUp() {
        leads = new NurtureLeads(connector, pool);
        captureEvents = connector.<Message<String>>source("capture-events").runOnVertxContext(true);
        scoringEvents = connector.<Message<String>>source("scoring-events").runOnVertxContext(true);
        TestClocks.CLOCK.set(WEDNESDAY);
        CaptureFake.failWith = null;
    }

    @AfterEach
    void tearDown() {
        TestClocks.CLOCK.reset();
        for (UUID id : made) {
            pool.preparedQuery("delete from enrolment where sequence_id = $1").execute(Tuple.of(id)).await().indefinitely();
            pool.preparedQuery("delete from drip_sequence where id = $1").execute(Tuple.of(id)).await().indefinitely();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // creating sequences

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldCreateASequenceAndListIt() {
        String name = "Welcome " + UUID.randomUUID();
        Response created = given().contentType(ContentType.JSON).body("""
                {"name":"%s","steps":[{"delayBusinessDays":0,"channel":"EMAIL","templateKey":"product-introduction"},
                 {"delayBusinessDays":3,"channel":"SMS","templateKey":"thank-you"}]}""".formatted(name))
                .post("/api/sequences");
        created.then().statusCode(201).header("Location", containsString("/api/sequences/"))
                .body("name", equalTo(name)).body("purpose", equalTo("marketing"))
                .body("enrolOnQualified", equalTo(false))
                .body("stopOnStages", hasItems("QUALIFIED", "NEGOTIATION", "CUSTOMER", "UNQUALIFIED", "INACTIVE"))
                .body("steps[1].delayBusinessDays", equalTo(3)).body("steps[1].channel", equalTo("SMS"))
                .body("steps[1].templateKey", equalTo("thank-you")).body("createdBy", equalTo("admin"));
        String id = created.path("id");
        made.add(UUID.fromString(id));

        given().get("/api/sequences/" + id).then().statusCode(200).body("name", equalTo(name));
        given().get("/api/sequences").then().statusCode(200).body("items.name", hasItems(name));
        given().get("/api/sequences/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        // names are unique without regard to case
        given().contentType(ContentType.JSON).body("""
                {"name":"%s","steps":[{"delayBusinessDays":0,"channel":"EMAIL","templateKey":"thank-you"}]}"""
                .formatted(name.toUpperCase())).post("/api/sequences").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/sequence-exists"));
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldLeaveCreatingSequencesToAdmins() {
        given().contentType(ContentType.JSON).body("""
                {"name":"Not mine %s","steps":[{"delayBusinessDays":0,"channel":"EMAIL","templateKey":"thank-you"}]}"""
                .formatted(UUID.randomUUID())).post("/api/sequences").then().statusCode(403);
        given().get("/api/sequences").then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldRefuseAnInvalidSequenceNamingTheFields() {
        given().contentType(ContentType.JSON).body("""
                {"name":"Broken","enrolOnStage":"SOMEDAY","steps":[{"delayBusinessDays":-1,"channel":"EMAIL",
                 "templateKey":"no-such-template"},{"delayBusinessDays":1,"channel":"PIGEON","templateKey":"thank-you"}]}""")
                .post("/api/sequences").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/invalid-sequence"))
                .body("errors.field", hasItems("enrolOnStage", "steps[0].delayBusinessDays", "steps[1].channel"));
        // a template that does not exist (in English) is named once the rest is valid
        given().contentType(ContentType.JSON).body("""
                {"name":"Broken","steps":[{"delayBusinessDays":0,"channel":"EMAIL","templateKey":"no-such-template"}]}""")
                .post("/api/sequences").then().statusCode(400)
                .body("errors[0].field", equalTo("steps[0].templateKey"))
                .body("errors[0].message", containsString("in English"));
        given().contentType(ContentType.JSON).body("").post("/api/sequences").then().statusCode(400)
                .body("errors.field", hasItems("name", "steps"));
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void aRepReadsSequencesButDoesNotCreateThem() {
        given().get("/api/sequences").then().statusCode(200);
        given().contentType(ContentType.JSON).body("""
                {"name":"Mine","steps":[{"delayBusinessDays":0,"channel":"EMAIL","templateKey":"thank-you"}]}""")
                .post("/api/sequences").then().statusCode(403);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // enrolling and sending

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldSendEachStepAfterItsDelayInBusinessDaysOnceAndComplete() throws Exception {
        DripSequence sequence = sequence(null, false, new NewStep(0, "EMAIL", "product-introduction"),
                new NewStep(2, "EMAIL", "thank-you"));
        String lead = leadOfRep1();
        consent(lead, "marketing", "email", "GRANTED");

        String enrolment = enrol(lead, sequence.id).then().statusCode(201)
                .header("Location", containsString("/api/leads/" + lead + "/enrolments/"))
                .body("state", equalTo("ACTIVE")).body("stepsSent", equalTo(0)).body("enrolledBy", equalTo("rep1"))
                .body("nextDueAt", startsWith("2026-12-02T10:00:0")).extract().path("id");
        enrol(lead, sequence.id).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/already-enrolled"));

        run();
        assertThat(mailsTo(lead)).singleElement().satisfies(m -> assertThat(m.getSubject()).isNotBlank());
        // the second step is due two business days after the first went out: Friday
        given().get("/api/leads/" + lead + "/enrolments/" + enrolment).then().statusCode(200)
                .body("stepsSent", equalTo(1)).body("nextDueAt", startsWith("2026-12-04T10:00:0"));
        MessageSent first = mapper.readValue(sentEvents(lead).get(0).getPayload(), MessageSent.class);
        EventContracts.assertPublishes(MessageSent.class, first);
        assertThat(first.sequenceId()).isEqualTo(sequence.id);
        assertThat(first.sentBy()).isEqualTo("sequence");
        assertThat(first.templateKey()).isEqualTo("product-introduction");

        // Thursday: nothing is due
        TestClocks.CLOCK.set(Instant.parse("2026-12-03T10:00:00Z"));
        run();
        assertThat(mailsTo(lead)).hasSize(1);

        TestClocks.CLOCK.set(Instant.parse("2026-12-04T10:00:01Z"));
        run();
        assertThat(mailsTo(lead)).hasSize(2);
        given().get("/api/leads/" + lead + "/enrolments").then().statusCode(200)
                .body("items[0].id", equalTo(enrolment)).body("items[0].state", equalTo("COMPLETED"))
                .body("items[0].stepsSent", equalTo(2)).body("items[0].endedAt", startsWith("2026-12-04T10:00:01"));
        assertThat(leads.count("select count(*) from message where lead_id = $1 and sequence_id is not null", lead))
                .isEqualTo(2);
        // the sent steps are on the timeline as the sequence's messages
        given().get("/api/leads/" + lead + "/timeline").then().statusCode(200)
                .body("items[0].activity.source", equalTo("MESSAGE"))
                .body("items[0].activity.loggedBy", equalTo("sequence"));
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void aStepTakenAgainIsNotSentAgain() {
        DripSequence sequence = sequence(null, false, new NewStep(0, "EMAIL", "product-introduction"),
                new NewStep(1, "EMAIL", "thank-you"));
        String lead = leadOfRep1();
        consent(lead, "marketing", "email", "GRANTED");
        String enrolment = enrol(lead, sequence.id).then().statusCode(201).extract().path("id");
        run();
        assertThat(mailsTo(lead)).hasSize(1);
        // the outbox relay publishes after the commit, on its own
        await().atMost(NurtureLeads.WAIT).until(() -> sentEvents(lead).size() == 1);

        // as if the pass had crashed after the channel took the step but before the enrolment moved on
        pool.preparedQuery("update enrolment set next_step = 0, next_due_at = $2 where id = $1")
                .execute(Tuple.of(UUID.fromString(enrolment), WEDNESDAY.atOffset(java.time.ZoneOffset.UTC)))
                .await().indefinitely();
        run();

        assertThat(mailsTo(lead)).hasSize(1);
        assertThat(sentEvents(lead)).hasSize(1);
        assertThat(leads.count("select count(*) from message where lead_id = $1", lead)).isEqualTo(1);
        given().get("/api/leads/" + lead + "/enrolments/" + enrolment).then()
                .body("stepsSent", equalTo(1)).body("nextDueAt", startsWith("2026-12-03T10:00:0"));
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void aStepWaitsOutTheLeadsQuietHours() {
        DripSequence sequence = sequence(null, false, new NewStep(0, "EMAIL", "product-introduction"));
        String lead = leadOfRep1();
        consent(lead, "marketing", "email", "GRANTED");
        TestClocks.CLOCK.set(Instant.parse("2026-12-02T22:00:00Z"));
        String enrolment = enrol(lead, sequence.id).then().statusCode(201).extract().path("id");

        run();

        assertThat(mailsTo(lead)).isEmpty();
        given().get("/api/leads/" + lead + "/enrolments/" + enrolment).then().body("state", equalTo("ACTIVE"))
                .body("stepsSent", equalTo(0)).body("nextDueAt", startsWith("2026-12-03T08:00:0"));
        TestClocks.CLOCK.set(Instant.parse("2026-12-03T08:00:02Z"));
        run();
        assertThat(mailsTo(lead)).hasSize(1);
        given().get("/api/leads/" + lead + "/enrolments/" + enrolment).then().body("state", equalTo("COMPLETED"));
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void withoutConsentTheSequenceStopsAndSendsNothing() {
        DripSequence sequence = sequence(null, false, new NewStep(0, "EMAIL", "product-introduction"));
        String lead = leadOfRep1();
        String enrolment = enrol(lead, sequence.id).then().statusCode(201).extract().path("id");

        run();

        assertThat(mailsTo(lead)).isEmpty();
        given().get("/api/leads/" + lead + "/enrolments/" + enrolment).then().body("state", equalTo("STOPPED"))
                .body("stopReason", equalTo("unsubscribed")).body("lastError", containsString("consent"));
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void aStepThatCannotBeRenderedStopsTheSequence() {
        // the meeting invitation needs the sender's values ({vars.…}), which a sequence does not have
        DripSequence sequence = sequence(null, false, new NewStep(0, "EMAIL", "meeting-invitation"));
        String lead = leadOfRep1();
        consent(lead, "marketing", "email", "GRANTED");
        String enrolment = enrol(lead, sequence.id).then().statusCode(201).extract().path("id");

        run();

        assertThat(mailsTo(lead)).isEmpty();
        given().get("/api/leads/" + lead + "/enrolments/" + enrolment).then().body("state", equalTo("STOPPED"))
                .body("stopReason", equalTo("step-failed")).body("lastError", containsString("values"));
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void captureUnavailableIsTriedAgainLater() {
        DripSequence sequence = sequence(null, false, new NewStep(0, "EMAIL", "product-introduction"));
        String lead = leadOfRep1();
        consent(lead, "marketing", "email", "GRANTED");
        String enrolment = enrol(lead, sequence.id).then().statusCode(201).extract().path("id");
        CaptureFake.failWith = 503;

        run();

        assertThat(mailsTo(lead)).isEmpty();
        given().get("/api/leads/" + lead + "/enrolments/" + enrolment).then().body("state", equalTo("ACTIVE"))
                .body("attempts", equalTo(1)).body("nextDueAt", startsWith("2026-12-02T10:05:0"));
        CaptureFake.failWith = null;
        TestClocks.CLOCK.set(Instant.parse("2026-12-02T10:05:01Z"));
        run();
        assertThat(mailsTo(lead)).hasSize(1);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // what stops a sequence

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void aReplyStopsTheSequence() {
        DripSequence sequence = sequence(null, false, new NewStep(0, "EMAIL", "product-introduction"),
                new NewStep(1, "EMAIL", "thank-you"));
        String lead = leadOfRep1();
        consent(lead, "marketing", "email", "GRANTED");
        String enrolment = enrol(lead, sequence.id).then().statusCode(201).extract().path("id");
        run();
        // an outbound note is no reply
        given().contentType(ContentType.JSON).body("{\"kind\":\"NOTE\",\"text\":\"sent the intro\"}")
                .post("/api/leads/" + lead + "/activities").then().statusCode(201);
        given().get("/api/leads/" + lead + "/enrolments/" + enrolment).then().body("state", equalTo("ACTIVE"));

        given().contentType(ContentType.JSON).body("""
                {"kind":"EMAIL","direction":"INBOUND","subject":"Re: heat pumps"}""")
                .post("/api/leads/" + lead + "/activities").then().statusCode(201);

        given().get("/api/leads/" + lead + "/enrolments/" + enrolment).then().body("state", equalTo("STOPPED"))
                .body("stopReason", equalTo("replied"));
        TestClocks.CLOCK.set(Instant.parse("2026-12-03T10:00:00Z"));
        run();
        assertThat(mailsTo(lead)).hasSize(1);
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void anInboundWhatsAppInquiryIsAReply() {
        DripSequence sequence = sequence(null, false, new NewStep(1, "EMAIL", "product-introduction"));
        String lead = leadOfRep1();
        String enrolment = enrol(lead, sequence.id).then().statusCode(201).extract().path("id");

        captureEvents.send(TestEvents.event("leadstream.lead.inquired.v1", lead, """
                {"leadId":"%s","inquiryId":"%s","channel":"whatsapp","receivedAt":"2026-12-02T10:00:00Z"}"""
                .formatted(lead, UUID.randomUUID())));

        await().atMost(NurtureLeads.WAIT).untilAsserted(() -> given().get("/api/leads/" + lead + "/enrolments/"
                + enrolment).then().body("state", equalTo("STOPPED")).body("stopReason", equalTo("replied")));
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void anInboundEmailAnsweringOurMessageIsAReply() {
        DripSequence sequence = sequence(null, false, new NewStep(1, "EMAIL", "product-introduction"));
        String lead = leadOfRep1();
        String enrolment = enrol(lead, sequence.id).then().statusCode(201).extract().path("id");
        UUID ours = UUID.randomUUID();

        captureEvents.send(TestEvents.event("leadstream.lead.inquired.v1", lead, """
                {"leadId":"%s","inquiryId":"%s","channel":"email","newLead":false,"messageType":"reply",
                 "receivedAt":"2026-12-02T10:00:00Z","textLength":27,"replyToMessageId":"%s"}"""
                .formatted(lead, UUID.randomUUID(), ours)));

        await().atMost(NurtureLeads.WAIT).untilAsserted(() -> given().get("/api/leads/" + lead + "/enrolments/"
                + enrolment).then().body("state", equalTo("STOPPED")).body("stopReason", equalTo("replied")));
        given().get("/api/leads/" + lead + "/activities").then().statusCode(200)
                .body("items.find { it.source == 'INQUIRY' }.kind", equalTo("EMAIL"))
                .body("items.find { it.source == 'INQUIRY' }.direction", equalTo("INBOUND"))
                .body("items.find { it.source == 'INQUIRY' }.replyToMessageId", equalTo(ours.toString()));
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void enteringAStopStageStopsTheSequence() {
        DripSequence sequence = sequence(null, false, new NewStep(1, "EMAIL", "product-introduction"));
        String lead = leadOfRep1();
        String enrolment = enrol(lead, sequence.id).then().statusCode(201).extract().path("id");
        move(lead, "CONTACTED", null);
        given().get("/api/leads/" + lead + "/enrolments/" + enrolment).then().body("state", equalTo("ACTIVE"));

        move(lead, "UNQUALIFIED", "no-budget");

        given().get("/api/leads/" + lead + "/enrolments/" + enrolment).then().body("state", equalTo("STOPPED"))
                .body("stopReason", equalTo("stage-changed"));
        // nor may the lead be enrolled again while it is there
        enrol(lead, sequence.id).then().statusCode(409)
                .body("type", equalTo("https://leadstream.dev/problems/sequence-stopped-by-stage"));
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void aWithdrawalOfConsentStopsTheSequencesItConcerns() {
        DripSequence byEmail = sequence(null, false, new NewStep(1, "EMAIL", "product-introduction"));
        DripSequence bySms = sequence(null, false, new NewStep(1, "SMS", "thank-you"));
        String lead = leadOfRep1();
        consent(lead, "marketing", "email", "GRANTED");
        String email = enrol(lead, byEmail.id).then().statusCode(201).extract().path("id");
        String sms = enrol(lead, bySms.id).then().statusCode(201).extract().path("id");

        consent(lead, "marketing", "email", "WITHDRAWN");

        given().get("/api/leads/" + lead + "/enrolments/" + email).then().body("state", equalTo("STOPPED"))
                .body("stopReason", equalTo("unsubscribed"));
        given().get("/api/leads/" + lead + "/enrolments/" + sms).then().body("state", equalTo("ACTIVE"));
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void anErasureStopsEverySequence() {
        DripSequence sequence = sequence(null, false, new NewStep(1, "EMAIL", "product-introduction"));
        String lead = leadOfRep1();
        String enrolment = enrol(lead, sequence.id).then().statusCode(201).extract().path("id");

        captureEvents.send(TestEvents.event("leadstream.lead.erased.v1", lead, """
                {"leadId":"%s","erasedAt":"2026-12-02T10:00:00Z"}""".formatted(lead)));

        await().atMost(NurtureLeads.WAIT).until(() -> leads.count("select count(*) from enrolment where lead_id = $1 "
                + "and state = 'STOPPED' and stop_reason = 'erased'", lead) == 1);
        assertThat(enrolment).isNotNull();
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void aRepStopsAnEnrolmentOfTheirLeadOnly() {
        DripSequence sequence = sequence(null, false, new NewStep(1, "EMAIL", "product-introduction"));
        String lead = leadOfRep1();
        String enrolment = enrol(lead, sequence.id).then().statusCode(201).extract().path("id");
        String other = leads.openedFor("rep2");
        enrol(other, sequence.id).then().statusCode(404);
        given().get("/api/leads/" + other + "/enrolments").then().statusCode(404);
        given().delete("/api/leads/" + other + "/enrolments/" + enrolment).then().statusCode(404);
        given().delete("/api/leads/" + lead + "/enrolments/" + UUID.randomUUID()).then().statusCode(404);

        given().delete("/api/leads/" + lead + "/enrolments/" + enrolment).then().statusCode(204);
        given().delete("/api/leads/" + lead + "/enrolments/" + enrolment).then().statusCode(204);

        given().get("/api/leads/" + lead + "/enrolments/" + enrolment).then().body("state", equalTo("STOPPED"))
                .body("stopReason", equalTo("stopped")).body("nextDueAt", org.hamcrest.Matchers.nullValue());
        enrol(lead, UUID.randomUUID()).then().statusCode(400).body("errors[0].field", equalTo("sequenceId"));
        given().contentType(ContentType.JSON).body("{}").post("/api/leads/" + lead + "/enrolments").then()
                .statusCode(400).body("errors[0].field", equalTo("sequenceId"));
        // stopped, the lead may be enrolled again
        enrol(lead, sequence.id).then().statusCode(201);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // sequences that enrol by themselves, and merges

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void aSequenceEnrolsALeadEnteringItsStageOnce() {
        DripSequence sequence = sequence("NURTURING", false, new NewStep(1, "EMAIL", "product-introduction"));
        String lead = leadOfRep1();
        move(lead, "CONTACTED", null);
        assertThat(enrolments(lead, sequence.id)).isZero();

        move(lead, "NURTURING", null);
        given().get("/api/leads/" + lead + "/enrolments").then().statusCode(200)
                .body("items[0].sequenceId", equalTo(sequence.id.toString()))
                .body("items[0].enrolledBy", equalTo("auto")).body("items[0].state", equalTo("ACTIVE"))
                .body("items[0].nextDueAt", startsWith("2026-12-03T10:00:0"));

        // back and forth: enrolled by the sequence once only
        move(lead, "CONTACTED", "correction");
        move(lead, "NURTURING", null);
        assertThat(enrolments(lead, sequence.id)).isEqualTo(1);
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void aSequenceEnrolsALeadScoringQualifies() {
        DripSequence sequence = sequence(null, true, new NewStep(1, "EMAIL", "product-introduction"));
        String lead = leadOfRep1();

        scored(lead, false);
        scored(lead, true);
        scored(lead, true);

        await().atMost(NurtureLeads.WAIT).until(() -> leads.count("select count(*) from lead_history where lead_id = $1"
                + " and kind = 'SCORED'", lead) == 3);
        assertThat(enrolments(lead, sequence.id)).isEqualTo(1);
        // a lead nurture does not know yet (not assigned) is not enrolled
        String unassigned = UUID.randomUUID().toString();
        scored(unassigned, true);
        await().atMost(NurtureLeads.WAIT).until(() -> leads.count("select count(*) from lead_history where lead_id = $1",
                unassigned) == 1);
        assertThat(enrolments(unassigned, sequence.id)).isZero();
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void aMergeMovesEnrolmentsToTheSurvivor() {
        DripSequence both = sequence(null, false, new NewStep(1, "EMAIL", "product-introduction"));
        DripSequence mergedOnly = sequence(null, false, new NewStep(1, "EMAIL", "thank-you"));
        String survivor = leadOfRep1();
        String merged = leadOfRep1();
        enrol(survivor, both.id).then().statusCode(201);
        enrol(merged, both.id).then().statusCode(201);
        String moved = enrol(merged, mergedOnly.id).then().statusCode(201).extract().path("id");

        captureEvents.send(TestEvents.event("leadstream.lead.merged.v1", survivor, """
                {"leadId":"%s","mergedLeadId":"%s","kind":"MANUAL","mergedAt":"2026-12-02T10:00:00Z"}"""
                .formatted(survivor, merged)));

        await().atMost(NurtureLeads.WAIT).until(() -> leads.count("select count(*) from enrolment where lead_id = $1",
                survivor) == 3);
        given().get("/api/leads/" + survivor + "/enrolments/" + moved).then().body("state", equalTo("ACTIVE"));
        assertThat(leads.count("select count(*) from enrolment where lead_id = $1 and state = 'ACTIVE'", survivor))
                .isEqualTo(2);
        assertThat(leads.count("select count(*) from enrolment where lead_id = $1 and stop_reason = 'merged'",
                survivor)).isEqualTo(1);
    }

    // ---------------------------------------------------------------------------------------------------------------

    private DripSequence sequence(String enrolOnStage, boolean enrolOnQualified, NewStep... steps) {
        DripSequence s;
        try {
            s = VertxContextSupport.subscribeAndAwait(() -> service.create(new NewSequence("test " + UUID.randomUUID(),
                    null, enrolOnStage, enrolOnQualified, null, List.of(steps)), "manager"));
        } catch (Throwable e) {
            throw new AssertionError("the sequence was not created", e);
        }
        made.add(s.id);
        return s;
    }

    /** One pass of the sequence runner, on a Vert.x context as the scheduler runs it. */
    private SequenceRunner.Result run() {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> runner.run());
        } catch (Throwable e) {
            throw new AssertionError("the sequence pass failed", e);
        }
    }

    private static Response enrol(String lead, UUID sequenceId) {
        return given().contentType(ContentType.JSON).body("{\"sequenceId\":\"" + sequenceId + "\"}")
                .post("/api/leads/" + lead + "/enrolments");
    }

    private static void move(String lead, String to, String reason) {
        given().contentType(ContentType.JSON).body(reason == null ? "{\"to\":\"" + to + "\"}"
                : "{\"to\":\"" + to + "\",\"reason\":\"" + reason + "\"}")
                .post("/api/leads/" + lead + "/stage").then().statusCode(200);
    }

    private long enrolments(String lead, UUID sequenceId) {
        return leads.count("select count(*) from enrolment where lead_id = $1 and sequence_id = '" + sequenceId + "'",
                lead);
    }

    /** A lead capture knows (in London), assigned to rep1 in nurture. */
    private String leadOfRep1() {
        return leads.openedFor(CaptureFake.lead("Europe/London").toString(), "rep1");
    }

    private void consent(String lead, String purpose, String channel, String status) {
        String at = Instant.now().toString();
        captureEvents.send(TestEvents.event("leadstream.consent.changed.v1", lead, """
                {"leadId":"%s","purpose":"%s","channel":"%s","status":"%s","method":"web-form","recordedAt":"%s"}"""
                .formatted(lead, purpose, channel, status, at)));
        await().atMost(NurtureLeads.WAIT).until(() -> leads.count("select count(*) from consent_state where lead_id = $1"
                + " and purpose = '" + purpose + "' and channel = '" + channel + "' and status = '" + status + "'",
                lead) == 1);
    }

    private void scored(String lead, boolean qualified) {
        scoringEvents.send(TestEvents.event("leadstream.lead.scored.v1", lead, """
                {"leadId":"%s","score":%d,"grade":"%s","qualified":%s,"trigger":"captured","modelVersion":"rules-1",
                 "scoredAt":"%s"}""".formatted(lead, qualified ? 80 : 30, qualified ? "A" : "C", qualified,
                Instant.now())));
    }

    private List<Mail> mailsTo(String lead) {
        List<Mail> mails = mailbox.getMailsSentTo("ada-" + lead + "@example.com");
        return mails == null ? List.of() : mails;
    }

    private List<? extends Message<String>> sentEvents(String lead) {
        return leads.eventsFor(lead).stream().filter(m -> SENT.equals(TestEvents.cloudEvent(m).getType())).toList();
    }
}
