package io.leadstream.capture.partner.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.capture.dedup.rest.LeadDeduplicationTest;
import io.leadstream.capture.idempotency.Idempotency;
import io.leadstream.capture.idempotency.Reply;
import io.leadstream.capture.intake.LeadCaptured;
import io.leadstream.capture.testing.IdempotencyRows;
import io.leadstream.capture.testing.PartnerFixtures;
import io.leadstream.capture.testing.PublishedEvents;
import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.chassis.testing.TestEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;

/**
 * The partner API against a real PostgreSQL. The tenant comes from the token's partner_id claim
 * ({@code @OidcSecurity} puts it in a JsonWebToken principal, as quarkus-oidc does for a Keycloak token);
 * other partners' and apps' submissions are made through the same service calls ({@link PartnerFixtures}).
 * The {@code %test} quota is 1000/1m by default and 2/1h for the tenant {@code tiny}.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class PartnerLeadResourceTest {

    static final String PARTNER_LEADS = "/api/partner/leads";

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    ObjectMapper mapper;
    @Inject
    IdempotencyRows rows;
    @Inject
    PartnerFixtures others;

    InMemorySink<String> outbox;

    @BeforeEach
    void clearSink() {
        outbox = connector.sink("outbox");
        outbox.clear();
    }

    @Test
    @TestSecurity(user = "service-account-partner-acme", roles = "partner")
    @OidcSecurity(claims = @Claim(key = "partner_id", value = "acme"))
    void shouldCaptureAPartnerLeadAnsweringWithItsOwnSubmissionAndQuotaHeaders() throws Exception {
        String email = uniqueEmail();
        String phone = LeadDeduplicationTest.londonNumber();
        Response created = submit(UUID.randomUUID().toString(), """
                {"firstName":" ada ","lastName":"LOVELACE","email":" %s ","phone":"%s","country":"GB",
                 "company":"Analytical Engines Ltd"}""".formatted(email.toUpperCase(), phone));

        created.then().statusCode(201)
                .contentType(startsWith("application/json"))
                .header(Idempotency.REPLAYED_HEADER, nullValue())
                .header("RateLimit-Limit", "1000")
                .header("RateLimit-Remaining", notNullValue())
                .header("RateLimit-Reset", notNullValue())
                .header("RateLimit-Policy", "1000;w=60")
                .body("lead.firstName", equalTo("Ada"))
                .body("lead.lastName", equalTo("Lovelace"))
                .body("lead.email", equalTo(email))
                .body("lead.phone", equalTo("+44" + phone.substring(1).replace(" ", "")))
                .body("lead.country", equalTo("GB"))
                .body("lead.source", equalTo("partner"))
                .body("submittedAt", notNullValue());
        String submission = created.path("id");
        assertThat(created.header("Location")).endsWith(PARTNER_LEADS + "/" + submission);

        UUID leadId = (UUID) rows.query("select id from lead where email = $1", email);
        assertThat(leadId.toString()).as("the partner's reference is not the lead id").isNotEqualTo(submission);
        assertThat(rows.query("select partner_id from lead where id = $1", leadId)).isEqualTo("acme");
        assertThat(rows.query("select source from lead where id = $1", leadId)).isEqualTo("partner");
        // the partner names it (partner_id, and submitted_by on the submission): nobody of ours captured it
        assertThat(rows.query("select captured_by from lead where id = $1", leadId)).isNull();
        assertThat(rows.query("select partner_id || ' ' || outcome || ' ' || lead_id from partner_submission "
                + "where id = $1", UUID.fromString(submission))).isEqualTo("acme CREATED " + leadId);

        Message<String> event = await().atMost(Duration.ofSeconds(10)).until(() -> outbox.received().stream()
                .filter(m -> m.getPayload().contains(leadId.toString())).findFirst().orElse(null), m -> m != null);
        assertThat(TestEvents.cloudEvent(event).getType()).isEqualTo("leadstream.lead.captured.v1");
        JsonNode json = mapper.readTree(event.getPayload());
        PublishedEvents.assertValid(LeadCaptured.class, json);
        assertThat(json.path("partnerId").asText()).isEqualTo("acme");
        assertThat(json.path("source").asText()).isEqualTo("partner");
        assertThat(json.has("capturedBy")).isTrue();
        assertThat(json.path("capturedBy").isNull()).isTrue();
        assertThat(event.getPayload()).doesNotContainIgnoringCase(email).doesNotContain("Lovelace")
                .doesNotContain(submission);

        Response read = given().get(PARTNER_LEADS + "/" + submission);
        read.then().statusCode(200).header("RateLimit-Limit", "1000").header("RateLimit-Policy", "1000;w=60");
        assertThat(mapper.readTree(read.asString())).isEqualTo(mapper.readTree(created.asString()));
    }

    @Test
    @TestSecurity(user = "service-account-partner-acme", roles = "partner")
    @OidcSecurity(claims = @Claim(key = "partner_id", value = "acme"))
    void shouldRequireAnIdempotencyKeyNamingTheHeader() {
        String email = uniqueEmail();
        given().contentType("application/json").body(ada(email)).post(PARTNER_LEADS)
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .header("RateLimit-Limit", "1000")
                .body("type", equalTo("https://leadstream.dev/problems/idempotency-key-required"))
                .body("errors.field", hasItem("Idempotency-Key"));
        submit("two words", ada(email)).then().statusCode(400)
                .body("type", equalTo("https://leadstream.dev/problems/idempotency-key-invalid"))
                .body("errors.field", hasItem("Idempotency-Key"));
        assertThat(rows.leadsWithEmail(email)).isZero();
    }

    @Test
    @TestSecurity(user = "service-account-partner-acme", roles = "partner")
    @OidcSecurity(claims = @Claim(key = "partner_id", value = "acme"))
    void shouldReplayTheSameKeyAndBodyAndRefuseAnotherBodyWith422() {
        String key = UUID.randomUUID().toString();
        String email = uniqueEmail();
        Response first = submit(key, ada(email));
        // the same request: source partner written out instead of defaulted, members in another order
        Response second = submit(key, "{\"source\":\"partner\"," + ada(email).substring(1));

        first.then().statusCode(201);
        second.then().statusCode(201).header(Idempotency.REPLAYED_HEADER, "true").header("RateLimit-Limit", "1000");
        assertThat(second.header("Location")).isEqualTo(first.header("Location"));
        assertThat(second.asString()).isEqualTo(first.asString());

        submit(key, ada(uniqueEmail())).then().statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://leadstream.dev/problems/idempotency-key-reused"));
        assertThat(rows.leadsWithEmail(email)).isEqualTo(1);
        assertThat(rows.query("select count(*) from partner_submission where submission ->> 'email' = $1", email))
                .isEqualTo(1L);
    }

    @Test
    @TestSecurity(user = "service-account-partner-acme", roles = "partner")
    @OidcSecurity(claims = @Claim(key = "partner_id", value = "acme"))
    void shouldKeepPartnersKeysApart() {
        // globex used this key first, for another body: for acme it is a new key
        String key = UUID.randomUUID().toString();
        rows.insertKey("partner:globex user:service-account-partner-acme", key, "hash-of-globex-body", "DONE",
                "-1 minute", "1 day");
        String email = uniqueEmail();
        submit(key, ada(email)).then().statusCode(201).header(Idempotency.REPLAYED_HEADER, nullValue());
        assertThat(rows.leadsWithEmail(email)).isEqualTo(1);
    }

    @Test
    @TestSecurity(user = "service-account-partner-acme", roles = "partner")
    @OidcSecurity(claims = @Claim(key = "partner_id", value = "acme"))
    void shouldStoreAndReplayAnInvalidSubmissionAs400() {
        String key = UUID.randomUUID().toString();
        String email = uniqueEmail();
        String invalid = "{\"firstName\":\"\",\"lastName\":\"Lovelace\",\"email\":\"" + email + "\"}";
        Response first = submit(key, invalid);
        first.then().statusCode(400).contentType(startsWith("application/problem+json"))
                .header("RateLimit-Limit", "1000")
                .body("errors.field", hasItem("firstName"));
        submit(key, invalid).then().statusCode(400).header(Idempotency.REPLAYED_HEADER, "true");

        submit(UUID.randomUUID().toString(), "{\"firstName\":{\"nested\":1},\"lastName\":\"L\",\"email\":\"" + email + "\"}")
                .then().statusCode(400)
                .body("type", equalTo("https://leadstream.dev/problems/malformed-body"))
                .body("errors.field", hasItem("firstName"));
        submit(UUID.randomUUID().toString(), "[]").then().statusCode(400)
                .body("type", equalTo("https://leadstream.dev/problems/malformed-body"));
        assertThat(rows.leadsWithEmail(email)).isZero();
    }

    @Test
    @TestSecurity(user = "service-account-partner-acme", roles = "partner")
    @OidcSecurity(claims = @Claim(key = "partner_id", value = "acme"))
    void shouldTakeTheTenantFromTheTokenNeverFromTheBody() {
        String email = uniqueEmail();
        String body = "{\"partnerId\":\"globex\",\"partner_id\":\"globex\",\"tenant\":\"globex\"," + ada(email).substring(1);
        String submission = submit(UUID.randomUUID().toString(), body).then().statusCode(201).extract().path("id");

        assertThat(rows.query("select partner_id from lead where email = $1", email)).isEqualTo("acme");
        assertThat(rows.query("select partner_id from partner_submission where id = $1", UUID.fromString(submission)))
                .isEqualTo("acme");
    }

    @Test
    @TestSecurity(user = "service-account-partner-acme", roles = "partner")
    @OidcSecurity(claims = @Claim(key = "partner_id", value = "acme"))
    void shouldMergeIntoAnotherTenantsOrAnAppsLeadWithoutRevealingIt() throws Exception {
        // a lead captured by an app, and one submitted by globex
        String webEmail = uniqueEmail();
        Reply web = others.asApp("""
                {"firstName":"Walter","lastName":"Webster","email":"%s","phone":"+44 20 7946 0001",
                 "company":"Web Corp","source":"web"}""".formatted(webEmail));
        String webLead = mapper.readTree(web.body()).path("id").asText();
        String globexEmail = uniqueEmail();
        Reply globex = others.asPartner("globex", """
                {"firstName":"Greta","lastName":"Globe","email":"%s","country":"DE"}""".formatted(globexEmail));
        String globexSubmission = mapper.readTree(globex.body()).path("id").asText();
        UUID globexLead = (UUID) rows.query("select id from lead where email = $1", globexEmail);
        String created = submit(UUID.randomUUID().toString(), ada(uniqueEmail())).asString();

        for (String email : List.of(webEmail, globexEmail)) {
            Response answer = submit(UUID.randomUUID().toString(), """
                    {"firstName":"Ada","lastName":"Lovelace","email":"%s","company":"Acme Ltd"}""".formatted(email));

            answer.then().statusCode(201);
            String body = answer.asString();
            assertThat(body + answer.header("Location"))
                    .doesNotContain(webLead).doesNotContain(globexLead.toString()).doesNotContain(globexSubmission)
                    .doesNotContain("Walter").doesNotContain("Webster").doesNotContain("Web Corp")
                    .doesNotContain("+442079460001").doesNotContain("Greta").doesNotContain("Globe")
                    .doesNotContain("\"DE\"").doesNotContain("duplicateOf");
            JsonNode json = mapper.readTree(body);
            assertThat(json.path("lead").path("firstName").asText()).isEqualTo("Ada");
            assertThat(json.path("lead").path("company").asText()).isEqualTo("Acme Ltd");
            assertThat(fieldNames(json)).as("a merge answers like a new lead").isEqualTo(fieldNames(mapper.readTree(created)));
            assertThat(fieldNames(json.path("lead")))
                    .containsExactlyInAnyOrderElementsOf(List.of("firstName", "lastName", "email", "company", "source"));
            String submission = json.path("id").asText();
            given().get(PARTNER_LEADS + "/" + submission).then().statusCode(200)
                    .body("lead.firstName", equalTo("Ada")).body("lead.email", equalTo(email));

            // not doubled: merged into the existing lead under the de-duplication rules, recorded for acme
            assertThat(rows.leadsWithEmail(email)).isEqualTo(1);
            assertThat(rows.query("select outcome from partner_submission where id = $1", UUID.fromString(submission)))
                    .isEqualTo("MERGED");
        }
        assertThat(rows.query("select count(*) from lead_merge where lead_id = $1", UUID.fromString(webLead))).isEqualTo(1L);
        assertThat(rows.query("select count(*) from lead_merge where lead_id = $1", globexLead)).isEqualTo(1L);
        // the existing leads keep their data and tenant (only blanks are filled: globex's lead had no company)
        assertThat(rows.query("select company from lead where id = $1", UUID.fromString(webLead))).isEqualTo("Web Corp");
        assertThat(rows.query("select partner_id || ' ' || first_name || ' ' || company from lead where id = $1", globexLead))
                .isEqualTo("globex Greta Acme Ltd");
        // and globex still sees exactly what it sent, nothing of acme's
        String globexView = mapper.writeValueAsString(others.find("globex", UUID.fromString(globexSubmission)));
        assertThat(globexView).contains("Greta").doesNotContain("Acme").doesNotContain("Ada");
    }

    @Test
    @TestSecurity(user = "service-account-partner-acme", roles = "partner")
    @OidcSecurity(claims = @Claim(key = "partner_id", value = "acme"))
    void shouldAnswerAnotherPartnersSubmissionLikeAnUnknownOneWith404() throws Exception {
        String globexSubmission = mapper.readTree(others.asPartner("globex", ada(uniqueEmail())).body()).path("id").asText();
        String unknown = UUID.randomUUID().toString();
        String own = submit(UUID.randomUUID().toString(), ada(uniqueEmail())).then().statusCode(201).extract().path("id");
        UUID ownLead = (UUID) rows.query("select lead_id from partner_submission where id = $1", UUID.fromString(own));

        Response foreign = given().get(PARTNER_LEADS + "/" + globexSubmission);
        Response missing = given().get(PARTNER_LEADS + "/" + unknown);

        foreign.then().statusCode(404).contentType(startsWith("application/problem+json")).header("RateLimit-Limit", "1000");
        missing.then().statusCode(404);
        assertThat(foreign.asString().replace(globexSubmission, "ID")).isEqualTo(missing.asString().replace(unknown, "ID"));
        assertThat(foreign.asString()).doesNotContain("globex");
        // a lead id is not a partner reference either, even of the partner's own lead
        given().get(PARTNER_LEADS + "/" + ownLead).then().statusCode(404);
        given().get(PARTNER_LEADS + "/not-a-uuid").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "service-account-partner-initech", roles = "partner")
    @OidcSecurity(claims = @Claim(key = "partner_id", value = "initech"))
    void shouldListOnlyTheOwnSubmissionsNewestFirstWithACursor() throws Exception {
        // initech is this test's own tenant: its list holds exactly what this test submits
        others.asPartner("globex", ada(uniqueEmail()));
        List<String> submitted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            submitted.add(submit(UUID.randomUUID().toString(), ada(uniqueEmail())).then().statusCode(201).extract().path("id"));
        }

        Response first = given().queryParam("limit", 2).get(PARTNER_LEADS);
        first.then().statusCode(200).header("RateLimit-Limit", "1000");
        assertThat(first.<List<String>>path("items.id")).containsExactly(submitted.get(2), submitted.get(1));
        String cursor = first.path("nextCursor");
        assertThat(cursor).isNotNull();
        Response second = given().queryParam("limit", 2).queryParam("cursor", cursor).get(PARTNER_LEADS);
        assertThat(second.<List<String>>path("items.id")).containsExactly(submitted.get(0));
        assertThat(second.<String>path("nextCursor")).isNull();
        assertThat(second.<String>path("items[0].lead.source")).isEqualTo("partner");

        given().queryParam("createdFrom", Instant.now().plus(Duration.ofHours(1)).toString()).get(PARTNER_LEADS)
                .then().statusCode(200).body("items.size()", equalTo(0));
        given().queryParam("createdFrom", Instant.now().minus(Duration.ofHours(1)).toString())
                .queryParam("createdTo", "2999-01-01").get(PARTNER_LEADS)
                .then().statusCode(200).body("items.size()", equalTo(3));
        for (String bad : List.of("0", "201", "many")) {
            given().queryParam("limit", bad).get(PARTNER_LEADS).then().statusCode(400)
                    .header("RateLimit-Limit", "1000").body("errors.field", hasItem("limit"));
        }
        given().queryParam("cursor", "bm9wZQ").get(PARTNER_LEADS).then().statusCode(400).body("errors.field", hasItem("cursor"));
        given().queryParam("createdFrom", "yesterday").get(PARTNER_LEADS).then().statusCode(400)
                .body("errors.field", hasItem("createdFrom"));
    }

    @Test
    @TestSecurity(user = "service-account-partner-tiny", roles = "partner")
    @OidcSecurity(claims = @Claim(key = "partner_id", value = "tiny"))
    void shouldAnswer429WithRetryAfterOverTheQuotaAndStoreNothing() {
        // tiny's quota is 2 per hour (%test config)
        given().get(PARTNER_LEADS).then().statusCode(200)
                .header("RateLimit-Limit", "2").header("RateLimit-Remaining", "1").header("RateLimit-Policy", "2;w=3600");
        given().get(PARTNER_LEADS + "/" + UUID.randomUUID()).then().statusCode(404)
                .header("RateLimit-Limit", "2").header("RateLimit-Remaining", "0");

        String key = UUID.randomUUID().toString();
        String email = uniqueEmail();
        Response refused = submit(key, ada(email));

        refused.then().statusCode(429)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://leadstream.dev/problems/rate-limited"))
                .header("RateLimit-Limit", "2").header("RateLimit-Remaining", "0").header("RateLimit-Policy", "2;w=3600");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        assertThat(refused.headers().getValues("RateLimit-Limit")).hasSize(1);
        assertThat(rows.leadsWithEmail(email)).isZero();
        assertThat(rows.query("select count(*) from idempotency_key where key = $1", key)).isEqualTo(0L);
        assertThat(rows.query("select count(*) from partner_submission where partner_id = 'tiny'")).isEqualTo(0L);
    }

    @Test
    @TestSecurity(user = "service-account-partner-nameless", roles = "partner")
    void shouldRefuseAPartnerTokenWithoutAPartnerIdClaimWith403() {
        String email = uniqueEmail();
        submit(UUID.randomUUID().toString(), ada(email)).then().statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://leadstream.dev/problems/partner-tenant-missing"));
        given().get(PARTNER_LEADS).then().statusCode(403);
        assertThat(rows.leadsWithEmail(email)).isZero();
    }

    @Test
    @TestSecurity(user = "service-account-partner-odd", roles = "partner")
    @OidcSecurity(claims = @Claim(key = "azp", value = "partner-odd"))
    void shouldRefuseAJwtWithoutAPartnerIdClaimWith403() {
        given().get(PARTNER_LEADS + "/" + UUID.randomUUID()).then().statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://leadstream.dev/problems/partner-tenant-missing"))
                .header("RateLimit-Limit", nullValue());
    }

    @Test
    @TestSecurity(user = "everyone-else", roles = { "integration", "sales-rep", "sales-manager", "lead-admin" })
    @OidcSecurity(claims = @Claim(key = "partner_id", value = "acme"))
    void shouldRefuseEveryOtherRoleOnThePartnerPathsWith403() {
        String email = uniqueEmail();
        submit(UUID.randomUUID().toString(), ada(email)).then().statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://leadstream.dev/problems/forbidden"));
        given().get(PARTNER_LEADS).then().statusCode(403).body("type", equalTo("https://leadstream.dev/problems/forbidden"));
        given().get(PARTNER_LEADS + "/" + UUID.randomUUID()).then().statusCode(403);
        assertThat(rows.leadsWithEmail(email)).isZero();
    }

    @Test
    @TestSecurity(user = "service-account-partner-acme", roles = "partner")
    @OidcSecurity(claims = @Claim(key = "partner_id", value = "acme"))
    void shouldRefuseAPartnerOnTheInternalLeadEndpointsWith403() {
        String email = uniqueEmail();
        given().contentType("application/json").body(ada(email).replace("}", ",\"source\":\"web\"}"))
                .post("/api/leads").then().statusCode(403).body("type", equalTo("https://leadstream.dev/problems/forbidden"));
        given().get("/api/leads").then().statusCode(403);
        given().get("/api/leads/" + UUID.randomUUID()).then().statusCode(403);
        assertThat(rows.leadsWithEmail(email)).isZero();
    }

    static Response submit(String key, String body) {
        return given().contentType("application/json").header("Idempotency-Key", key).body(body).post(PARTNER_LEADS);
    }

    static String ada(String email) {
        return "{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"email\":\"" + email + "\"}";
    }

    static String uniqueEmail() {
        return "ada+" + UUID.randomUUID() + "@example.com";
    }

    private static List<String> fieldNames(JsonNode json) {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        return names;
    }
}
