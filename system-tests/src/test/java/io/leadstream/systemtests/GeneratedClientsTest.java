package io.leadstream.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.leadstream.client.capture.api.ConsentsApi;
import io.leadstream.client.capture.api.LeadsApi;
import io.leadstream.client.capture.api.PartnerApi;
import io.leadstream.client.capture.model.CaptureLeadRequest;
import io.leadstream.client.capture.model.ConsentChannel;
import io.leadstream.client.capture.model.ConsentEntry;
import io.leadstream.client.capture.model.ConsentProof;
import io.leadstream.client.capture.model.ConsentStatus;
import io.leadstream.client.capture.model.Lead;
import io.leadstream.client.capture.model.PartnerLead;
import io.leadstream.client.capture.model.Qualifiers;
import io.leadstream.client.capture.model.RecordConsentRequest;
import io.leadstream.client.distribution.api.AssignmentsApi;
import io.leadstream.client.distribution.api.PartnerInboxApi;
import io.leadstream.client.distribution.api.SharesApi;
import io.leadstream.client.distribution.model.PartnerInboxItem;
import io.leadstream.client.distribution.model.ShareRequest;
import io.leadstream.client.nurture.api.ActivitiesApi;
import io.leadstream.client.nurture.model.Activity;
import io.leadstream.client.nurture.model.LogActivityRequest;
import io.leadstream.client.scoring.api.ScoresApi;
import io.leadstream.client.scoring.model.Score;

/**
 * The integration and partner journeys as their developers would write them: through the Java clients that
 * openapi-generator makes from the committed documents (module {@code api-clients}, generated in the build), with real
 * client-credentials tokens. A document that no longer matches what a service answers (a renamed field, a status or
 * content type a client cannot read) fails here.
 */
class GeneratedClientsTest {

    private static final String ACME = "partner-acme";
    private static final String GLOBEX = "partner-globex";

    private static String acmeToken() {
        return Suite.clientToken(ACME, ACME + "-secret");
    }

    private static String globexToken() {
        return Suite.clientToken(GLOBEX, GLOBEX + "-secret");
    }

    /** Every request asks for a fresh enough token (Suite renews them before they expire). */
    private static <C> C client(C client, String baseUri, Supplier<String> token,
            java.util.function.BiConsumer<C, java.util.function.Consumer<java.net.http.HttpRequest.Builder>> interceptor,
            java.util.function.BiConsumer<C, String> base) {
        base.accept(client, baseUri);
        interceptor.accept(client, request -> request.header("Authorization", "Bearer " + token.get()));
        return client;
    }

    private static io.leadstream.client.capture.ApiClient capture(Supplier<String> token) {
        return client(new io.leadstream.client.capture.ApiClient(), Suite.CAPTURE, token,
                io.leadstream.client.capture.ApiClient::setRequestInterceptor,
                io.leadstream.client.capture.ApiClient::updateBaseUri);
    }

    private static io.leadstream.client.scoring.ApiClient scoring(Supplier<String> token) {
        return client(new io.leadstream.client.scoring.ApiClient(), Suite.SCORING, token,
                io.leadstream.client.scoring.ApiClient::setRequestInterceptor,
                io.leadstream.client.scoring.ApiClient::updateBaseUri);
    }

    private static io.leadstream.client.distribution.ApiClient distribution(Supplier<String> token) {
        return client(new io.leadstream.client.distribution.ApiClient(), Suite.DISTRIBUTION, token,
                io.leadstream.client.distribution.ApiClient::setRequestInterceptor,
                io.leadstream.client.distribution.ApiClient::updateBaseUri);
    }

    private static io.leadstream.client.nurture.ApiClient nurture(Supplier<String> token) {
        return client(new io.leadstream.client.nurture.ApiClient(), Suite.NURTURE, token,
                io.leadstream.client.nurture.ApiClient::setRequestInterceptor,
                io.leadstream.client.nurture.ApiClient::updateBaseUri);
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void shouldCaptureFindChangeConsentScoreAndLogALeadAsAnIntegrationWould() throws Exception {
        LeadsApi leads = new LeadsApi(capture(Suite::crmApp));
        String unique = unique();
        String key = "generated-" + unique;
        CaptureLeadRequest request = new CaptureLeadRequest().firstName("Radia").lastName("Perlman")
                .email("Radia." + unique + "@Spanning.example").company("Spanning Tree Ltd").country("US")
                .source("api").qualifiers(new Qualifiers().products(List.of("boilers")));

        Lead created = leads.createLead(request, key);
        assertThat(created.getId()).isNotNull();
        assertThat(created.getEmail()).isEqualTo("radia." + unique + "@spanning.example");
        assertThat(leads.createLead(request, key).getId()).as("the same Idempotency-Key gives the same lead")
                .isEqualTo(created.getId());

        assertThat(leads.getLead(created.getId()).getCompany()).isEqualTo("Spanning Tree Ltd");
        assertThat(leads.searchLeads(null, null, null, 10, null, "radia." + unique, null, null).getItems())
                .extracting(Lead::getId).containsExactly(created.getId());
        Lead patched = leads.patchLead(created.getId(), Map.of("jobTitle", "Principal Engineer"));
        assertThat(patched.getJobTitle()).isEqualTo("Principal Engineer");

        ConsentsApi consents = new ConsentsApi(capture(Suite::crmApp));
        ConsentEntry consent = consents.recordConsent(created.getId(), new RecordConsentRequest().purpose("marketing")
                .channel(ConsentChannel.EMAIL).status(ConsentStatus.GRANTED)
                .proof(new ConsentProof().method("checkbox").textVersion("marketing-2026").source("crm-app")
                        .address(created.getEmail()).capturedAt(OffsetDateTime.now())));
        assertThat(consent.getLeadId()).isEqualTo(created.getId());
        assertThat(consents.getConsents(created.getId()).toString()).contains("marketing");

        ScoresApi scores = new ScoresApi(scoring(Suite::crmApp));
        Score score = await().atMost(Suite.JOURNEY).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> scores.getScore(created.getId()), s -> s.getScore() != null);
        assertThat(score.getScore()).isBetween(0, 100);

        ActivitiesApi activities = new ActivitiesApi(nurture(Suite::crmApp));
        Activity call = await().atMost(Suite.JOURNEY).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> activities.logActivity(created.getId(), new LogActivityRequest()
                        .kind(LogActivityRequest.KindEnum.CALL).direction(LogActivityRequest.DirectionEnum.OUTBOUND)
                        .durationSeconds(300).outcome("interested"), key), a -> true);
        assertThat(activities.listActivities(created.getId(), null, 10).getItems())
                .extracting(Activity::getActivityId).contains(call.getActivityId());

        // an error is a problem the client surfaces with its status and body
        var missing = catchThrowableOfType(io.leadstream.client.capture.ApiException.class,
                () -> leads.getLead(UUID.randomUUID()));
        assertThat(missing.getCode()).isEqualTo(404);
        assertThat(missing.getResponseHeaders().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        var invalid = catchThrowableOfType(io.leadstream.client.capture.ApiException.class,
                () -> leads.createLead(new CaptureLeadRequest().firstName("No").lastName("Contact").source("api"), null));
        assertThat(invalid.getCode()).isEqualTo(400);
    }

    @Test
    void shouldSubmitListAndReadItsOwnLeadsAndWorkItsInboxAsAPartnerWould() throws Exception {
        PartnerApi acme = new PartnerApi(capture(GeneratedClientsTest::acmeToken));
        String unique = unique();
        PartnerLead submitted = acme.submitPartnerLead("generated-" + unique, new CaptureLeadRequest()
                .firstName("Mary").lastName("Jackson").email("mary." + unique + "@wind-tunnel.example")
                .company("Langley Partners").country("US").source("partner"));
        assertThat(submitted.getLead().getEmail()).isEqualTo("mary." + unique + "@wind-tunnel.example");
        assertThat(acme.getPartnerLead(submitted.getId()).getLead().getLastName()).isEqualTo("Jackson");
        assertThat(acme.listPartnerLeads(null, null, null, 50L).getItems()).extracting(PartnerLead::getId)
                .contains(submitted.getId());

        PartnerApi globex = new PartnerApi(capture(GeneratedClientsTest::globexToken));
        var foreign = catchThrowableOfType(io.leadstream.client.capture.ApiException.class,
                () -> globex.getPartnerLead(submitted.getId()));
        assertThat(foreign.getCode()).as("another partner's submission").isEqualTo(404);

        // a lead of the company's own, assigned to a rep, then offered to acme by a manager
        Lead lead = new LeadsApi(capture(Suite::crmApp)).createLead(new CaptureLeadRequest().firstName("Dorothy")
                .lastName("Vaughan").email("dorothy." + unique + "@fortran.example").company("Partner Test Ltd")
                .source("api").qualifiers(new Qualifiers().products(List.of("boilers"))), null);
        Supplier<String> manager = () -> Suite.userToken("manager");
        AssignmentsApi assignments = new AssignmentsApi(distribution(manager));
        await().atMost(Suite.JOURNEY).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> assignments.getAssignment(lead.getId()).getRepId(), repId -> repId != null);
        new SharesApi(distribution(manager)).shareLead(new ShareRequest().leadId(lead.getId()).partnerId("acme")
                .acceptWithin("PT1H").fields(List.of("products", "score")));

        PartnerInboxApi inbox = new PartnerInboxApi(distribution(GeneratedClientsTest::acmeToken));
        PartnerInboxItem offered = inbox.getPartnerInboxItem(lead.getId());
        assertThat(offered.getState()).isEqualTo(PartnerInboxItem.StateEnum.OFFERED);
        assertThat(offered.getContact()).as("no contact details before accepting").isNull();
        assertThat(inbox.listPartnerInbox(200, 0).getItems()).extracting(PartnerInboxItem::getLeadId)
                .contains(lead.getId());
        var notTheirs = catchThrowableOfType(io.leadstream.client.distribution.ApiException.class,
                () -> new PartnerInboxApi(distribution(GeneratedClientsTest::globexToken)).acceptShare(lead.getId()));
        assertThat(notTheirs.getCode()).as("another partner's share").isEqualTo(404);

        PartnerInboxItem accepted = inbox.acceptShare(lead.getId());
        assertThat(accepted.getState()).isEqualTo(PartnerInboxItem.StateEnum.ACCEPTED);
        assertThat(accepted.getContact().getEmail()).isEqualTo("dorothy." + unique + "@fortran.example");
    }
}
