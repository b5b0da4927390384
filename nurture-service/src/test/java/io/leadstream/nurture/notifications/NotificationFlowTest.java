package io.leadstream.nurture.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMailUtil;

import io.leadstream.chassis.testing.GreenMailResource;
import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.chassis.testing.TestEvents;
import io.leadstream.nurture.NurtureLeads;
import io.leadstream.nurture.reps.rest.KeycloakAdminStub;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Notifications end to end: distribution's events into the in-memory distribution-events channel, the notice pass run
 * by hand, and the emails read from GreenMail (real SMTP) at the addresses a WireMock stand-in for Keycloak's admin API
 * gives. The same event delivered twice (a new ce_id, so past the inbox) sends one email; a recipient without an
 * address is tried again on the next pass, and given up on after {@code max-tries} (3 in tests).
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(value = GreenMailResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KeycloakAdminStub.class, restrictToAnnotatedClass = true)
class NotificationFlowTest {

    static final String ASSIGNED = "leadstream.lead.assigned.v1";
    static final String CLAIMED = "leadstream.lead.claimed.v1";
    static final String REASSIGNED = "leadstream.lead.reassigned.v1";
    static final String SLA_BREACHED = "leadstream.sla.breached.v1";

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    Pool pool;
    @Inject
    NoticeMailer mailer;

    NurtureLeads leads;
    InMemorySource<Message<String>> distributionEvents;

    @BeforeEach
    void channels() {
        leads = new NurtureLeads(connector, pool);
        distributionEvents = connector.<Message<String>>source("distribution-events").runOnVertxContext(true);
    }

    private static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String address(String username) {
        return username + "@leadstream.local";
    }

    private NoticeMailer.Result pass() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> mailer.run());
    }

    /** Sends the event (a fresh ce_id each time) and waits until nurture has applied it: one more timeline entry. */
    private void deliver(String ceType, String leadId, String json) {
        long before = historyOf(leadId);
        distributionEvents.send(TestEvents.event(ceType, leadId, json));
        await().atMost(NurtureLeads.WAIT).until(() -> historyOf(leadId) > before);
    }

    private long historyOf(String leadId) {
        return leads.count("select count(*) from lead_history where lead_id = $1", leadId);
    }

    private long noticesOf(String leadId) {
        return leads.count("select count(*) from notice where lead_id = $1", leadId);
    }

    private Row notice(String leadId, String recipient) {
        return pool.preparedQuery("select kind, mailed_at, tries, last_error from notice where lead_id = $1 "
                + "and recipient = $2").execute(Tuple.of(UUID.fromString(leadId), recipient))
                .await().atMost(NurtureLeads.WAIT).iterator().next();
    }

    private static List<MimeMessage> mailTo(String address) {
        return Arrays.stream(GreenMailResource.greenMail().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(RecipientType.TO)).anyMatch(a -> a.toString().contains(address));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static String assigned(String leadId, String repId) {
        return """
                {"leadId":"%s","repId":"%s","strategy":"ROUND_ROBIN","reason":"rule 'web leads'","score":70,
                 "grade":"B","assignedAt":"2026-11-22T10:00:05Z"}""".formatted(leadId, repId);
    }

    private static String reassigned(String leadId, String previousRepId, String repId) {
        return """
                {"leadId":"%s","repId":"%s","previousRepId":"%s","strategy":"MANUAL","rule":null,"ruleVersion":null,
                 "target":"rep:%s","reason":"on leave from Monday","trigger":"MANUAL","actor":"manager","score":70,
                 "grade":"B","reassignedAt":"2026-11-23T08:30:00Z"}""".formatted(leadId, repId, previousRepId, repId);
    }

    private static String escalated(String leadId, String repId, String managerId) {
        return """
                {"leadId":"%s","repId":"%s","kind":"FIRST_TOUCH","step":"ESCALATE","policy":"rule:hot-leads",
                 "startedAt":"2026-11-23T08:30:00Z","deadline":"2026-11-23T09:30:00Z","dueAt":"2026-11-23T10:30:00Z",
                 "teamId":"dach","managerId":"%s","reassignedTo":null,"breachedAt":"2026-11-23T10:30:12Z"}"""
                .formatted(leadId, repId, managerId);
    }

    @Test
    void shouldMailTheRepOnceForAnAssignmentDeliveredTwice() throws Throwable {
        String rep = name("asg");
        KeycloakAdminStub.user(rep, address(rep));
        String leadId = UUID.randomUUID().toString();

        deliver(ASSIGNED, leadId, assigned(leadId, rep));
        // distribution's relay publishes it again after a crash: a new ce_id, so the inbox applies it a second time
        deliver(ASSIGNED, leadId, assigned(leadId, rep));
        assertThat(historyOf(leadId)).as("applied twice").isEqualTo(2);
        assertThat(noticesOf(leadId)).as("but one notice").isOne();
        assertThat(mailTo(address(rep))).as("nothing mailed before the pass").isEmpty();

        pass();
        List<MimeMessage> mails = mailTo(address(rep));
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).getSubject()).isEqualTo("Lead " + leadId + " is assigned to you");
        assertThat(GreenMailUtil.getBody(mails.get(0))).contains(leadId).contains("2026-11-22 10:00 UTC")
                .doesNotContain("http");
        Row row = notice(leadId, rep);
        assertThat(row.getString("kind")).isEqualTo("ASSIGNED");
        assertThat(row.getValue("mailed_at")).isNotNull();
        assertThat(row.getInteger("tries")).isOne();

        pass();
        assertThat(mailTo(address(rep))).as("a second pass sends nothing again").hasSize(1);
    }

    @Test
    void shouldTellNobodyOfAClaim() throws Throwable {
        String rep = name("clm");
        KeycloakAdminStub.user(rep, address(rep));
        String leadId = UUID.randomUUID().toString();

        deliver(CLAIMED, leadId, """
                {"leadId":"%s","repId":"%s","queue":"inbound","score":70,"grade":"B","claimedAt":"2026-11-22T10:05:00Z"}"""
                .formatted(leadId, rep));
        assertThat(noticesOf(leadId)).isZero();
        pass();
        assertThat(mailTo(address(rep))).isEmpty();
    }

    @Test
    void shouldMailTheNewRepOnAReassignmentAndRepAndManagerOnAnEscalationOnce() throws Throwable {
        String first = name("old");
        String second = name("new");
        String manager = name("mgr");
        for (String user : List.of(first, second, manager)) {
            KeycloakAdminStub.user(user, address(user));
        }
        String leadId = UUID.randomUUID().toString();

        deliver(ASSIGNED, leadId, assigned(leadId, first));
        deliver(REASSIGNED, leadId, reassigned(leadId, first, second));
        deliver(SLA_BREACHED, leadId, escalated(leadId, second, manager));
        pass();

        assertThat(mailTo(address(first))).as("the assignment only; a reassignment is not the old rep's notice")
                .hasSize(1);
        List<MimeMessage> toSecond = mailTo(address(second));
        assertThat(toSecond).extracting(MimeMessage::getSubject).containsExactlyInAnyOrder(
                "Lead " + leadId + " is reassigned to you",
                "Lead " + leadId + ": first-touch target missed, escalated");
        MimeMessage reassignment = toSecond.stream().filter(m -> subject(m).contains("reassigned")).findFirst()
                .orElseThrow();
        assertThat(GreenMailUtil.getBody(reassignment)).contains(first + " had it before").contains(leadId);
        MimeMessage escalation = toSecond.stream().filter(m -> subject(m).contains("escalated")).findFirst()
                .orElseThrow();
        assertThat(GreenMailUtil.getBody(escalation)).contains("to your manager " + manager);
        List<MimeMessage> toManager = mailTo(address(manager));
        assertThat(toManager).hasSize(1);
        assertThat(toManager.get(0).getSubject())
                .isEqualTo("Lead " + leadId + ": " + second + " missed the first-touch target");
        assertThat(GreenMailUtil.getBody(toManager.get(0))).contains(leadId).contains("2026-11-23 10:30 UTC");

        // the escalation delivered again under a new ce_id: nobody is told twice
        deliver(SLA_BREACHED, leadId, escalated(leadId, second, manager));
        assertThat(noticesOf(leadId)).isEqualTo(4);
        pass();
        assertThat(mailTo(address(second))).hasSize(2);
        assertThat(mailTo(address(manager))).hasSize(1);
    }

    @Test
    void shouldTryAnUnknownAddressAgainOnTheNextPassAndGiveUpAfterMaxTries() throws Throwable {
        String late = name("late");
        String never = name("never");
        String leadId = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        deliver(ASSIGNED, leadId, assigned(leadId, late));
        deliver(ASSIGNED, other, assigned(other, never));

        pass();
        Row row = notice(leadId, late);
        assertThat(row.getValue("mailed_at")).isNull();
        assertThat(row.getInteger("tries")).isOne();
        assertThat(row.getString("last_error")).contains("no email address for " + late);
        assertThat(mailTo(address(late))).isEmpty();

        // the directory knows the rep now: the next pass mails it (a miss is never cached)
        KeycloakAdminStub.user(late, address(late));
        pass();
        assertThat(notice(leadId, late).getValue("mailed_at")).isNotNull();
        assertThat(notice(leadId, late).getInteger("tries")).isEqualTo(2);
        assertThat(mailTo(address(late))).hasSize(1);

        // Keycloak failing counts as a try too; after max-tries (3 in tests) the notice is given up
        KeycloakAdminStub.failing(never);
        pass();
        Row failing = notice(other, never);
        assertThat(failing.getInteger("tries")).isEqualTo(3);
        assertThat(failing.getString("last_error")).contains("cannot look up " + never);
        KeycloakAdminStub.user(never, address(never));
        pass();
        assertThat(notice(other, never).getValue("mailed_at")).as("given up").isNull();
        assertThat(notice(other, never).getInteger("tries")).isEqualTo(3);
        assertThat(mailTo(address(never))).isEmpty();
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
