package io.leadstream.distribution.shares.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
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
import io.leadstream.distribution.LeadFlow;
import io.leadstream.distribution.TestClocks;
import io.leadstream.distribution.assignments.AssignmentService;
import io.leadstream.distribution.shares.LeadRecalled;
import io.leadstream.distribution.shares.LeadShared;
import io.leadstream.distribution.shares.ShareDeadlines;
import io.leadstream.distribution.shares.Shares;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Partner sharing on real PostgreSQL: a manager or a rule shares a lead (lead.shared); the partner — named by its
 * token's partner_id claim — sees only its own shares with the chosen facts, accepts (and gets the contact details)
 * or declines (the lead is routed again without it, lead.recalled); an unanswered share is recalled at its deadline.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class ShareFlowTest {

    private static final Duration WAIT = LeadFlow.WAIT;

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    ObjectMapper mapper;
    @Inject
    Pool pool;
    @Inject
    Shares shares;
    @Inject
    ShareDeadlines deadlines;
    @Inject
    AssignmentService assignments;

    LeadFlow flow;

    @BeforeEach
    void channels() {
        flow = new LeadFlow(connector, pool);
        flow.activeReps("share-rep");
    }

    @AfterEach
    void builtInRulesAndRealTime() {
        flow.sql("delete from assignment_rules");
        TestClocks.CLOCK.reset();
    }

    @Test
    @TestSecurity(user = "manager1", roles = "sales-manager")
    void shouldShareALeadAsAManagerTakingItFromItsRep() throws Exception {
        String leadId = assignedLead();
        String partner = "acme-" + unique();

        given().contentType("application/json").body("""
                {"leadId":"%s","partnerId":"%s","acceptWithin":"PT72H","fields":["products","country","score"],
                 "note":"a heat-pump job near you"}""".formatted(leadId, partner))
                .post("/api/shares").then().statusCode(201)
                .body("leadId", equalTo(leadId))
                .body("partnerId", equalTo(partner))
                .body("state", equalTo("OFFERED"))
                .body("fields", contains("products", "country", "score"))
                .body("note", equalTo("a heat-pump job near you"))
                .body("sharedBy", equalTo("manager1"))
                .body("rule", nullValue())
                .body("shareId", notNullValue());
        // (read from the table: GET /api/assignments' committed OpenAPI document does not list SHARED yet)
        assertThat(history(leadId)).containsExactly("ASSIGNED", "SHARED");
        assertThat(flow.count("select count(*) from assignment where lead_id = $1 and rep_id is null and target = "
                + "'partner:" + partner + "' and strategy = 'PARTNER'", UUID.fromString(leadId))).isOne();
        assertThat(flow.count("select count(*) from assignment_history where lead_id = $1 and kind = 'SHARED' and "
                + "previous_rep_id is not null and actor = 'manager1'", UUID.fromString(leadId))).isOne();
        Instant sharedAt = Instant.parse(sharedAtOf(leadId));

        JsonNode shared = event(leadId, "leadstream.lead.shared.v1");
        assertThat(shared.path("partnerId").asText()).isEqualTo(partner);
        assertThat(shared.path("sharedBy").asText()).isEqualTo("manager1");
        assertThat(Instant.parse(shared.path("deadline").asText())).isEqualTo(sharedAt.plus(Duration.ofHours(72)));
        assertThat(shared.has("note")).isFalse();
        EventContracts.assertPublishes(LeadShared.class, mapper.treeToValue(shared, LeadShared.class));

        // one open share at a time, also for another partner
        given().contentType("application/json").body("{\"leadId\":\"%s\",\"partnerId\":\"globex\"}".formatted(leadId))
                .post("/api/shares").then().statusCode(409).contentType("application/problem+json");
        // a later lead.scored leaves a shared lead where it is
        flow.scored(leadId, 91, "A");
        assertThat(history(leadId)).containsExactly("ASSIGNED", "SHARED");
    }

    @Test
    @TestSecurity(user = "manager1", roles = "sales-manager")
    void shouldNameEveryBadFieldAndKnowUnknownLeads() {
        given().contentType("application/json").body("""
                {"leadId":"%s","partnerId":"Not A Partner","acceptWithin":"soon","fields":["products","email"],
                 "note":"%s"}""".formatted(UUID.randomUUID(), "x".repeat(501)))
                .post("/api/shares").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("partnerId", "acceptWithin", "fields[1]", "note"));
        given().contentType("application/json").body("""
                {"leadId":"%s","partnerId":"acme","acceptWithin":"P60D","fields":[]}""".formatted(UUID.randomUUID()))
                .post("/api/shares").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("acceptWithin", "fields"));
        given().contentType("application/json").body("{\"partnerId\":\"acme\"}")
                .post("/api/shares").then().statusCode(400).body("errors.field", hasItem("leadId"));
        given().contentType("application/json").body("{\"leadId\":\"%s\",\"partnerId\":\"acme\"}"
                .formatted(UUID.randomUUID())).post("/api/shares").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "service-account-partner-acme", roles = "partner")
    @OidcSecurity(claims = @Claim(key = "partner_id", value = "acme"))
    void shouldShowThePartnerItsShareAndGiveItTheContactDetailsOnceAccepted() {
        String leadId = assignedLead();
        shareByManager(leadId, "acme", List.of("products", "country", "score"));

        given().get("/api/partner/inbox?limit=200").then().statusCode(200)
                .body("items.find { it.leadId == '" + leadId + "' }.state", equalTo("OFFERED"))
                .body("items.find { it.leadId == '" + leadId + "' }.facts.country", equalTo("DE"))
                .body("items.find { it.leadId == '" + leadId + "' }.facts.score", equalTo(70))
                .body("items.find { it.leadId == '" + leadId + "' }.facts.keySet()",
                        containsInAnyOrder("products", "country", "score"))
                .body("items.find { it.leadId == '" + leadId + "' }.contact", nullValue());
        given().get("/api/partner/inbox/" + leadId).then().statusCode(200)
                .body("state", equalTo("OFFERED")).body("contact", nullValue());

        given().post("/api/partner/inbox/" + leadId + "/accept").then().statusCode(200)
                .body("state", equalTo("ACCEPTED"))
                .body("answeredAt", notNullValue())
                .body("contact.email", equalTo("ada@example.com"))
                .body("contact.company", equalTo("Analytical Engines Ltd"));
        given().get("/api/partner/inbox/" + leadId).then().statusCode(200)
                .body("state", equalTo("ACCEPTED")).body("contact.lastName", equalTo("Lovelace"));
        given().post("/api/partner/inbox/" + leadId + "/accept").then().statusCode(409)
                .contentType("application/problem+json");
        given().post("/api/partner/inbox/" + leadId + "/decline").then().statusCode(409);
        assertThat(flow.count("select count(*) from assignment_history where lead_id = $1 and kind = 'SHARE_ACCEPTED' "
                + "and actor = 'partner:acme'", UUID.fromString(leadId))).isOne();
        // contact details are read from capture, never kept
        assertThat(flow.count("select count(*) from partner_share where lead_id = $1 and (note like '%ada%' or "
                + "fields::text like '%ada%')", UUID.fromString(leadId))).isZero();
    }

    @Test
    @TestSecurity(user = "service-account-partner-globex", roles = "partner")
    @OidcSecurity(claims = @Claim(key = "partner_id", value = "globex"))
    void shouldKeepAnotherPartnersSharesUnknown() {
        String leadId = assignedLead();
        shareByManager(leadId, "acme", null);

        given().get("/api/partner/inbox?limit=200").then().statusCode(200)
                .body("items.leadId", not(hasItem(leadId)));
        given().get("/api/partner/inbox/" + leadId).then().statusCode(404).contentType("application/problem+json");
        given().post("/api/partner/inbox/" + leadId + "/accept").then().statusCode(404);
        given().post("/api/partner/inbox/" + leadId + "/decline").then().statusCode(404);
        given().post("/api/partner/inbox/" + UUID.randomUUID() + "/accept").then().statusCode(404);
        assertThat(flow.count("select count(*) from partner_share where lead_id = $1 and state = 'OFFERED'",
                UUID.fromString(leadId))).isOne();
    }

    @Test
    @TestSecurity(user = "service-account-partner-nobody", roles = "partner")
    @OidcSecurity(claims = @Claim(key = "partner_id", value = "nobody-at-all"))
    void shouldGiveAPartnerWithoutSharesAnEmptyInbox() {
        given().get("/api/partner/inbox").then().statusCode(200)
                .body("items.size()", equalTo(0)).body("nextOffset", nullValue());
        given().get("/api/partner/inbox?limit=0").then().statusCode(400).body("errors.field", hasItem("limit"));
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldKeepRepsOutOfSharing() {
        given().get("/api/partner/inbox").then().statusCode(403);
        given().post("/api/partner/inbox/" + UUID.randomUUID() + "/accept").then().statusCode(403);
        given().contentType("application/json").body("{\"leadId\":\"%s\",\"partnerId\":\"acme\"}"
                .formatted(UUID.randomUUID())).post("/api/shares").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "service-account-partner-acme", roles = "partner")
    @OidcSecurity(claims = @Claim(key = "partner_id", value = "acme"))
    void shouldShareByRuleAndRedistributeADeclinedLeadWithoutThatPartner() throws Exception {
        String product = "p-" + unique();
        flow.rules("""
                {"rules":[{"name":"acme-first","when":{"products":["%s"]},"target":{"type":"PARTNER","id":"acme"}}],
                 "fallback":{"name":"default","target":{"type":"ALL_REPS"},"strategy":"ROUND_ROBIN"}}"""
                .formatted(product));
        String leadId = flow.captured(product, "DE");
        flow.scored(leadId, 70, "B");
        await().atMost(WAIT).until(() -> flow.count("select count(*) from partner_share where lead_id = $1 and "
                + "partner_id = 'acme' and state = 'OFFERED'", UUID.fromString(leadId)) == 1);
        JsonNode shared = event(leadId, "leadstream.lead.shared.v1");
        assertThat(shared.path("rule").asText()).isEqualTo("acme-first");
        assertThat(shared.path("sharedBy").isNull()).isTrue();
        given().get("/api/partner/inbox/" + leadId).then().statusCode(200)
                .body("facts.keySet()", containsInAnyOrder("products", "segment", "country", "language", "score",
                        "grade"));

        given().contentType("application/json").body("{\"reason\":\"outside our region\"}")
                .post("/api/partner/inbox/" + leadId + "/decline").then().statusCode(200)
                .body("state", equalTo("DECLINED"))
                .body("closeReason", equalTo("DECLINED"))
                .body("facts.size()", equalTo(0));

        JsonNode recalled = event(leadId, "leadstream.lead.recalled.v1");
        assertThat(recalled.path("reason").asText()).isEqualTo("DECLINED");
        assertThat(recalled.path("partnerId").asText()).isEqualTo("acme");
        EventContracts.assertPublishes(LeadRecalled.class, mapper.treeToValue(recalled, LeadRecalled.class));
        JsonNode assigned = event(leadId, "leadstream.lead.assigned.v1");
        assertThat(assigned.path("repId").asText()).isNotEmpty();
        assertThat(assigned.path("rule").asText()).isEqualTo("default");
        assertThat(history(leadId)).containsExactly("SHARED", "SHARE_RECALLED", "ASSIGNED");
        assertThat(reasonOf(leadId)).startsWith("declined by partner acme: outside our region; no rule matched");
        given().get("/api/partner/inbox/" + leadId).then().statusCode(200).body("state", equalTo("DECLINED"));
        given().post("/api/partner/inbox/" + leadId + "/accept").then().statusCode(409);
    }

    @Test
    @TestSecurity(user = "service-account-partner-acme", roles = "partner")
    @OidcSecurity(claims = @Claim(key = "partner_id", value = "acme"))
    void shouldRecallAnUnansweredShareAtItsDeadlineAndRedistributeIt() throws Throwable {
        String leadId = assignedLead();
        shareByManager(leadId, "acme", null);
        String other = assignedLead();
        shareByManager(other, "acme", null);
        given().post("/api/partner/inbox/" + other + "/accept").then().statusCode(200);

        TestClocks.CLOCK.advance(Duration.ofHours(49));
        given().post("/api/partner/inbox/" + leadId + "/accept").then().statusCode(409)
                .body("type", org.hamcrest.Matchers.endsWith("share-lapsed"));
        int recalled = VertxContextSupport.subscribeAndAwait(() -> deadlines.recall());

        assertThat(recalled).isPositive();
        assertThat(flow.count("select count(*) from partner_share where lead_id = $1 and state = 'RECALLED' "
                + "and close_reason = 'DEADLINE'", UUID.fromString(leadId))).isOne();
        JsonNode event = event(leadId, "leadstream.lead.recalled.v1");
        assertThat(event.path("reason").asText()).isEqualTo("DEADLINE");
        EventContracts.assertPublishes(LeadRecalled.class, mapper.treeToValue(event, LeadRecalled.class));
        assertThat(history(leadId)).containsExactly("ASSIGNED", "SHARED", "SHARE_RECALLED", "ASSIGNED");
        assertThat(flow.count("select count(*) from assignment where lead_id = $1 and rep_id is not null",
                UUID.fromString(leadId))).isOne();
        assertThat(flow.eventsFor(leadId, "leadstream.lead.assigned.v1")).hasSize(2);
        // the accepted share stays the partner's; a second pass finds nothing more
        assertThat(flow.count("select count(*) from partner_share where lead_id = $1 and state = 'ACCEPTED'",
                UUID.fromString(other))).isOne();
        assertThat(VertxContextSupport.subscribeAndAwait(() -> deadlines.recall())).isZero();
        given().get("/api/partner/inbox/" + leadId).then().statusCode(200).body("state", equalTo("RECALLED"))
                .body("closeReason", equalTo("DEADLINE"));
    }

    @Test
    void shouldCloseAMergedLeadsShareAndEraseAnErasedLeadsShares() throws Exception {
        String merged = assignedLead();
        String survivor = assignedLead();
        shareByManager(merged, "acme", null);
        String erased = assignedLead();
        shareByManager(erased, "acme", null);

        flow.captureEvent("lead.merged", survivor, """
                {"leadId":"%s","kind":"MANUAL","mergedLeadId":"%s","source":"web","filledFields":[],
                 "mergedAt":"2026-11-24T10:00:00Z"}""".formatted(survivor, merged));
        flow.captureEvent("lead.erased", erased, "{\"leadId\":\"%s\",\"erasedAt\":\"2026-12-01T12:00:00Z\"}"
                .formatted(erased));

        await().atMost(WAIT).until(() -> flow.count("select count(*) from partner_share where lead_id = $1 and "
                + "state = 'RECALLED' and close_reason = 'MERGED'", UUID.fromString(merged)) == 1);
        assertThat(event(merged, "leadstream.lead.recalled.v1").path("reason").asText()).isEqualTo("MERGED");
        await().atMost(WAIT).until(() -> flow.count("select count(*) from partner_share where lead_id = $1",
                UUID.fromString(erased)) == 0);
        assertThat(flow.count("select count(*) from assignment where lead_id = $1", UUID.fromString(erased))).isZero();
    }

    @Test
    void shouldRecallTheShareWhenAManagerGivesTheLeadToARep() throws Throwable {
        String leadId = assignedLead();
        shareByManager(leadId, "acme", null);

        VertxContextSupport.subscribeAndAwait(() -> assignments.reassign(UUID.fromString(leadId), "share-rep",
                "acme is too slow", "manager1"));

        assertThat(flow.count("select count(*) from partner_share where lead_id = $1 and state = 'RECALLED' and "
                + "close_reason = 'REASSIGNED'", UUID.fromString(leadId))).isOne();
        assertThat(event(leadId, "leadstream.lead.recalled.v1").path("reason").asText()).isEqualTo("REASSIGNED");
        assertThat(event(leadId, "leadstream.lead.assigned.v1").path("repId").asText()).isEqualTo("share-rep");
        assertThat(history(leadId)).containsExactly("ASSIGNED", "SHARED", "ASSIGNED");
        // a manager may share it again, with the same partner
        shareByManager(leadId, "acme", null);
        assertThat(flow.count("select count(*) from partner_share where lead_id = $1", UUID.fromString(leadId)))
                .isEqualTo(2);
    }

    /** A lead captured in DE for heat pumps, scored 70/B and assigned to a rep by the rules in force. */
    private String assignedLead() {
        String leadId = flow.captured("heat-pumps", "DE");
        flow.scored(leadId, 70, "B");
        await().atMost(WAIT).until(() -> flow.count("select count(*) from assignment where lead_id = $1 and rep_id "
                + "is not null", UUID.fromString(leadId)) == 1);
        return leadId;
    }

    private void shareByManager(String leadId, String partner, List<String> fields) {
        try {
        VertxContextSupport.subscribeAndAwait(() -> shares.share(new Shares.ShareLead(UUID.fromString(leadId), partner,
                    null, fields, null), "manager1"));
        } catch (Throwable e) {
            throw new AssertionError("the share failed: " + e, e);
        }
    }

    private JsonNode event(String leadId, String type) throws Exception {
        List<? extends Message<String>> events = await().atMost(WAIT).until(() -> flow.eventsFor(leadId, type),
                list -> !list.isEmpty());
        return mapper.readTree(events.get(events.size() - 1).getPayload());
    }

    private List<String> history(String leadId) {
        List<String> kinds = new java.util.ArrayList<>();
        pool.preparedQuery("select kind from assignment_history where lead_id = $1 order by id")
                .execute(Tuple.of(UUID.fromString(leadId))).await().atMost(WAIT).forEach(r -> kinds.add(r.getString(0)));
        return kinds;
    }

    private String sharedAtOf(String leadId) {
        return pool.preparedQuery("select shared_at from partner_share where lead_id = $1")
                .execute(Tuple.of(UUID.fromString(leadId))).await().atMost(WAIT).iterator().next()
                .getOffsetDateTime(0).toInstant().toString();
    }

    private String reasonOf(String leadId) {
        return pool.preparedQuery("select reason from assignment where lead_id = $1")
                .execute(Tuple.of(UUID.fromString(leadId))).await().atMost(WAIT).iterator().next().getString(0);
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
