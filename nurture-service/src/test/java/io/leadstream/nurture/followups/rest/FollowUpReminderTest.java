package io.leadstream.nurture.followups.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMailUtil;

import io.leadstream.chassis.testing.EventContracts;
import io.leadstream.chassis.testing.GreenMailResource;
import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.chassis.testing.TestEvents;
import io.leadstream.nurture.NurtureLeads;
import io.leadstream.nurture.TestClocks;
import io.leadstream.nurture.followups.FollowUpDue;
import io.leadstream.nurture.followups.FollowUpReminders;
import io.leadstream.nurture.reps.rest.KeycloakAdminStub;
import io.leadstream.nurture.reps.rest.KeycloakRepDirectory;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The reminder pass with a moved clock: follow-up.due once per follow-up, and an email that really crosses SMTP into
 * GreenMail, at the address Keycloak's admin API (WireMock) gives for the owner; an owner without an address gets the
 * event, and the email on a later pass once the directory has it (or answers again).
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(value = GreenMailResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KeycloakAdminStub.class, restrictToAnnotatedClass = true)
@TestSecurity(user = "manager", roles = "sales-manager")
class FollowUpReminderTest {

    static final String DUE = "leadstream.follow-up.due.v1";

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    Pool pool;
    @Inject
    ObjectMapper mapper;
    @Inject
    FollowUpReminders reminders;
    @Inject
    KeycloakRepDirectory directory;

    NurtureLeads leads;

    @BeforeEach
    void channels() {
        leads = new NurtureLeads(connector, pool);
    }

    @AfterEach
    void realTime() {
        TestClocks.CLOCK.reset();
    }

    FollowUpReminders.Result pass() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> reminders.run());
    }

    private String schedule(String leadId, String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/leads/" + leadId + "/follow-ups")
                .then().statusCode(201).extract().path("followUpId");
    }

    private Row row(String followUpId) {
        return pool.preparedQuery("select reminded_at, reminder_mailed_at, reminder_mail_tries from follow_up "
                + "where id = $1").execute(Tuple.of(UUID.fromString(followUpId))).await().atMost(NurtureLeads.WAIT)
                .iterator().next();
    }

    /** follow-up.due events recorded for the lead (in the outbox, relayed or not). */
    private long dueEventsRecorded(String leadId) {
        return pool.preparedQuery("select count(*) from outbox_event where aggregate_id = $1 and event_type like "
                + "'%follow-up.due%'").execute(Tuple.of(leadId)).await().atMost(NurtureLeads.WAIT).iterator().next()
                .getLong(0);
    }

    private List<MimeMessage> mailTo(String address) {
        return Arrays.stream(GreenMailResource.greenMail().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(RecipientType.TO)).anyMatch(a -> a.toString().contains(address));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void shouldPublishFollowUpDueOnceAndEmailTheRepOnce() throws Throwable {
        String rep = "remrep-" + UUID.randomUUID().toString().substring(0, 8);
        String address = rep + "@leadstream.local";
        KeycloakAdminStub.user(rep, address);
        TestClocks.CLOCK.set(Instant.parse("2031-05-04T08:00:00Z"));
        String leadId = leads.openedFor(rep);
        String due = schedule(leadId, """
                {"dueAt":"2031-05-04T11:00","timeZone":"Europe/Berlin","note":"ask Ada about the second site"}""");
        String later = schedule(leadId, "{\"dueAt\":\"2031-05-04T12:00:00Z\",\"note\":\"later that day\"}");

        TestClocks.CLOCK.set(Instant.parse("2031-05-04T08:59:00Z"));
        pass();
        assertThat(row(due).getValue("reminded_at")).as("not due yet").isNull();
        assertThat(mailTo(address)).isEmpty();

        TestClocks.CLOCK.set(Instant.parse("2031-05-04T09:00:30Z"));
        FollowUpReminders.Result result = pass();
        assertThat(result.reminded()).isGreaterThanOrEqualTo(1);
        assertThat(result.mailed()).isGreaterThanOrEqualTo(1);
        assertThat(row(due).getValue("reminded_at")).isNotNull();
        assertThat(row(due).getValue("reminder_mailed_at")).isNotNull();
        assertThat(row(later).getValue("reminded_at")).as("due at noon").isNull();

        List<MimeMessage> mails = mailTo(address);
        assertThat(mails).hasSize(1);
        MimeMessage mail = mails.get(0);
        assertThat(mail.getSubject()).contains(leadId).contains("2031-05-04 11:00 (Europe/Berlin)");
        String body = GreenMailUtil.getBody(mail);
        assertThat(body).contains(leadId).contains("2031-05-04T09:00:00Z").doesNotContain("Ada", "second site");
        KeycloakAdminStub.server().verify(getRequestedFor(urlPathEqualTo(KeycloakAdminStub.USERS))
                .withQueryParam("username", com.github.tomakehurst.wiremock.client.WireMock.equalTo(rep))
                .withQueryParam("exact", com.github.tomakehurst.wiremock.client.WireMock.equalTo("true"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                        "Bearer " + KeycloakAdminStub.TOKEN)));

        JsonNode event = await().atMost(NurtureLeads.WAIT).until(() -> leads.eventsFor(leadId).stream()
                .filter(m -> DUE.equals(TestEvents.cloudEvent(m).getType())).toList(), list -> !list.isEmpty())
                .stream().map(m -> {
                    try {
                        return mapper.readTree(m.getPayload());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).findFirst().orElseThrow();
        assertThat(event.path("followUpId").asText()).isEqualTo(due);
        assertThat(event.path("owner").asText()).isEqualTo(rep);
        assertThat(event.path("dueAt").asText()).isEqualTo("2031-05-04T09:00:00Z");
        assertThat(event.toString()).doesNotContain("Ada", "second site");
        EventContracts.assertPublishes(FollowUpDue.class, mapper.treeToValue(event, FollowUpDue.class));

        // a second pass reminds of nothing again and sends nothing again
        pass();
        assertThat(dueEventsRecorded(leadId)).isOne();
        assertThat(mailTo(address)).hasSize(1);

        // completed before its time, the noon one is never reminded of
        given().contentType(ContentType.JSON).body("{\"outcome\":\"done in the morning\"}")
                .post("/api/follow-ups/" + later + "/complete").then().statusCode(200);
        TestClocks.CLOCK.set(Instant.parse("2031-05-04T12:30:00Z"));
        pass();
        assertThat(row(later).getValue("reminded_at")).isNull();
        assertThat(dueEventsRecorded(leadId)).isOne();
        assertThat(mailTo(address)).hasSize(1);
    }

    @Test
    void shouldPublishWithoutAnAddressAndEmailOnALaterPassOnceThereIsOne() throws Throwable {
        String rep = "newrep-" + UUID.randomUUID().toString().substring(0, 8);
        String address = rep + "@leadstream.local";
        directory.forget();
        TestClocks.CLOCK.set(Instant.parse("2032-02-02T08:00:00Z"));
        String leadId = leads.openedFor(rep);
        String due = schedule(leadId, "{\"dueAt\":\"2032-02-02T09:00:00Z\",\"note\":\"first call\"}");

        TestClocks.CLOCK.set(Instant.parse("2032-02-02T09:05:00Z"));
        pass();
        assertThat(dueEventsRecorded(leadId)).as("the event does not wait for the email").isOne();
        assertThat(row(due).getValue("reminded_at")).isNotNull();
        assertThat(row(due).getValue("reminder_mailed_at")).isNull();
        assertThat(row(due).getInteger("reminder_mail_tries")).isOne();
        assertThat(mailTo(address)).isEmpty();

        // Keycloak failing: nothing lost, tried again
        KeycloakAdminStub.failing(rep);
        pass();
        assertThat(row(due).getValue("reminder_mailed_at")).as("the directory failed").isNull();
        assertThat(row(due).getInteger("reminder_mail_tries")).isEqualTo(2);

        KeycloakAdminStub.user(rep, address);
        pass();
        assertThat(row(due).getValue("reminder_mailed_at")).isNotNull();
        assertThat(mailTo(address)).hasSize(1);
        assertThat(mailTo(address).get(0).getSubject()).contains(leadId).contains("2032-02-02 09:00 (UTC)");
        assertThat(dueEventsRecorded(leadId)).as("published once, however often the email was tried").isOne();
    }
}
