package io.leadstream.nurture.messages.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.chassis.testing.TestEvents;
import io.leadstream.nurture.NurtureLeads;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySource;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * POST /api/templates/{id}/preview with a leadId, against a fake capture-service ({@link CaptureFake}, which also
 * gives nurture its client-credentials token): the lead's own values read from capture now, the caller as rep.*, the
 * request's variables overriding, the template's own language; the stage's record-level access; a lead capture does
 * not know; capture down.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(value = CaptureFake.class, restrictToAnnotatedClass = true)
class LeadPreviewFlowTest {

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    Pool pool;

    NurtureLeads leads;
    InMemorySource<Message<String>> distributionEvents;

    @BeforeEach
    void channels() {
        leads = new NurtureLeads(connector, pool);
        distributionEvents = connector.<Message<String>>source("distribution-events").runOnVertxContext(true);
        CaptureFake.failWith = null;
    }

    @AfterEach
    void captureBack() {
        CaptureFake.failWith = null;
    }

    /** A lead capture knows (speaking {@code language}), assigned to rep1 in nurture. */
    private String leadOfRep1(String language) {
        String lead = CaptureFake.lead("Europe/London", language).toString();
        distributionEvents.send(TestEvents.event("leadstream.lead.assigned.v1", lead, """
                {"leadId":"%s","repId":"rep1","strategy":"ROUND_ROBIN","reason":"rule 'web leads'",
                 "assignedAt":"2026-11-22T10:00:05Z"}""".formatted(lead)));
        await().atMost(NurtureLeads.WAIT).until(() -> !leads.eventsFor(lead).isEmpty());
        return lead;
    }

    private static String idOf(String key, String channel, String language) {
        return given().get("/api/templates?key=" + key + "&channel=" + channel + "&language=" + language)
                .then().statusCode(200).extract().path("items[0].id");
    }

    private static ValidatableResponse preview(String templateId, String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/templates/" + templateId + "/preview")
                .then();
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    @OidcSecurity(claims = { @Claim(key = "name", value = "Jordan Rep"),
            @Claim(key = "email", value = "jordan.rep@example.com") })
    void shouldRenderTheTemplateWithTheLeadsOwnValuesAndTheCaller() {
        String lead = leadOfRep1("en");
        String seen = "GET /api/leads/" + lead + " Bearer " + CaptureFake.TOKEN;
        CaptureFake.SEEN.remove(seen);

        preview(idOf("product-introduction", "EMAIL", "en"), "{\"leadId\":\"" + lead + "\"}")
                .statusCode(200)
                .body("channel", equalTo("EMAIL")).body("language", equalTo("en"))
                .body("html", containsString("Dear Ada,"))
                .body("html", containsString("Analytical Engines Ltd"))
                .body("html", containsString("heat-pumps"))
                .body("html", containsString("My name is Jordan Rep"))
                .body("html", containsString("mailto:jordan.rep@example.com"))
                .body("html", not(containsString("García")))
                .body("missing", equalTo(java.util.List.of()));
        // read from capture at that moment, with nurture's own token
        assertThat(CaptureFake.SEEN).contains(seen);
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldLetTheRequestsVariablesOverrideAndListWhatASendWouldNeed() {
        String lead = leadOfRep1("en");
        String template = idOf("meeting-invitation", "SMS", "en");

        preview(template, """
                {"leadId":"%s","variables":{"lead.firstName":"Augusta","vars.meetingTime":"10:00"}}""".formatted(lead))
                .statusCode(200)
                .body("text", containsString("Hi Augusta, rep1 from"))
                .body("text", containsString("at 10:00?"))
                // no samples with a lead: the vars a send must give are missing
                .body("missing", hasItem("vars.meetingDate")).body("missing", hasItem("vars.meetingLink"))
                .body("smsSegments", equalTo(1));
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldKeepTheTemplatesOwnLanguage() {
        String lead = leadOfRep1("de"); // a German lead: a send would pick the German template
        preview(idOf("thank-you", "WHATSAPP", "en"), "{\"leadId\":\"" + lead + "\"}")
                .statusCode(200).body("language", equalTo("en")).body("text", containsString("Ada"));
    }

    @Test
    @TestSecurity(user = "rep2", roles = "sales-rep")
    void shouldAnswer404ForAnotherRepsLead() {
        String lead = leadOfRep1("en");
        preview(idOf("thank-you", "SMS", "en"), "{\"leadId\":\"" + lead + "\"}")
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldAnswer404ForALeadNurtureDoesNotKnowAnd409ForOneCaptureDoesNotKnow() {
        String unassigned = CaptureFake.lead("Europe/London").toString();
        preview(idOf("thank-you", "SMS", "en"), "{\"leadId\":\"" + unassigned + "\"}")
                .statusCode(404).contentType("application/problem+json");

        String gone = leads.openedFor("rep1"); // nurture knows it, capture does not (erased, merged away)
        preview(idOf("thank-you", "SMS", "en"), "{\"leadId\":\"" + gone + "\"}")
                .statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/lead-gone"));
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldAnswer503WithRetryAfterWhenCaptureIsDown() {
        String lead = leadOfRep1("en");
        CaptureFake.failWith = 500;
        preview(idOf("thank-you", "SMS", "en"), "{\"leadId\":\"" + lead + "\"}")
                .statusCode(503).contentType("application/problem+json")
                .header("Retry-After", equalTo("60"))
                .body("type", equalTo("https://leadstream.dev/problems/capture-unavailable"));
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldStillPreviewWithTheSamplesWithoutALead() {
        preview(idOf("thank-you", "SMS", "en"), "{\"variables\":{}}")
                .statusCode(200).body("text", containsString("Ana"));
    }
}
