package io.leadstream.nurture.messages.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMailUtil;

import io.leadstream.chassis.testing.GreenMailResource;
import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.chassis.testing.TestEvents;
import io.leadstream.nurture.NurtureLeads;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySource;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * A templated email really crosses SMTP: rendered in the lead's language with its values from (a fake) capture, into
 * GreenMail with the one-click unsubscribe headers; the link in it withdraws consent in capture's ledger.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(value = GreenMailResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = CaptureFake.class, restrictToAnnotatedClass = true)
class MessageMailTest {

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    Pool pool;

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldMailTheRenderedTemplateWithAnUnsubscribeLinkThatWithdrawsConsent() throws Exception {
        NurtureLeads leads = new NurtureLeads(connector, pool);
        InMemorySource<Message<String>> distribution = connector.<Message<String>>source("distribution-events")
                .runOnVertxContext(true);
        InMemorySource<Message<String>> capture = connector.<Message<String>>source("capture-events")
                .runOnVertxContext(true);
        String lead = CaptureFake.lead("Europe/Berlin", "de-DE").toString();
        distribution.send(TestEvents.event("leadstream.lead.assigned.v1", lead, """
                {"leadId":"%s","repId":"rep1","strategy":"ROUND_ROBIN","reason":"rule","assignedAt":"2026-11-22T10:00:05Z"}"""
                .formatted(lead)));
        capture.send(TestEvents.event("leadstream.consent.changed.v1", lead, """
                {"leadId":"%s","purpose":"marketing","channel":"email","status":"GRANTED","method":"double-opt-in",
                 "recordedAt":"2026-11-22T10:00:00Z"}""".formatted(lead)));
        await().atMost(NurtureLeads.WAIT).until(() -> leads.count("select count(*) from consent_state where lead_id = $1",
                lead) == 1 && leads.count("select count(*) from lead_stage where lead_id = $1", lead) == 1);
        // the send must not fall into quiet hours in Berlin: the clock is real, so move past them if needed
        io.leadstream.nurture.TestClocks.CLOCK.set(java.time.ZonedDateTime.now(java.time.ZoneId.of("Europe/Berlin"))
                .withHour(11).withMinute(0).toInstant());
        try {
            given().contentType(ContentType.JSON).body("{\"channel\":\"EMAIL\",\"templateKey\":\"product-introduction\"}")
                    .post("/api/leads/" + lead + "/messages").then().statusCode(201)
                    .body("language", equalTo("de")).body("subject", equalTo("Leadstream stellt sich vor"));
        } finally {
            io.leadstream.nurture.TestClocks.CLOCK.reset();
        }

        String address = "ada-" + lead + "@example.com";
        await().atMost(NurtureLeads.WAIT).until(() -> !mailsTo(address).isEmpty());
        MimeMessage mail = mailsTo(address).get(0);
        assertThat(mail.getSubject()).isEqualTo("Leadstream stellt sich vor");
        String body = GreenMailUtil.getBody(mail);
        assertThat(body).contains("Guten Tag Ada Lovelace").contains("heat-pumps");
        String unsubscribe = mail.getHeader("List-Unsubscribe")[0];
        assertThat(unsubscribe).startsWith("<http://").contains("/unsubscribe?token=");
        assertThat(mail.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");

        java.net.URI link = java.net.URI.create(unsubscribe.substring(1, unsubscribe.indexOf('>')));
        given().get(link.getPath() + "?" + link.getRawQuery()).then().statusCode(200);
        assertThat(CaptureFake.CONSENTS).anySatisfy(entry -> assertThat(entry).startsWith(lead)
                .contains("\"status\":\"WITHDRAWN\"").contains("\"channel\":\"email\""));
    }

    private static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(GreenMailResource.greenMail().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().contains(address));
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
    }
}
