package io.leadstream.capture.access;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.capture.channels.rest.WhatsAppWebhookTest;
import io.leadstream.capture.dedup.rest.LeadDeduplicationTest;
import io.leadstream.capture.idempotency.Idempotency;
import io.leadstream.capture.testing.Assignments;
import io.leadstream.capture.testing.IdempotencyRows;
import io.leadstream.capture.testing.PartnerFixtures;
import io.leadstream.chassis.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Record-level access on the paths that de-duplicate (issue 7): a sales rep who submits the email or phone of a lead
 * assigned to another rep still merges into it, audited as before, but is answered with nothing of that lead, not
 * its id, not its data. Two reps: rep1 submits what belongs to rep2's lead; rep2 submits what belongs to its own.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class RepDuplicatesTest {

    @Inject
    Assignments assignments;
    @Inject
    ObjectMapper mapper;
    @Inject
    PartnerFixtures others;
    @Inject
    IdempotencyRows rows;
    @Inject
    Pool pool;

    /** A lead an app captured, with everything a rep who is not its owner must never see, assigned to {@code rep}. */
    private Owned leadOf(String rep) throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String email = "olivia." + tag + "@secret-holdings.example";
        String national = LeadDeduplicationTest.londonNumber();
        String phone = "+44" + national.substring(1).replace(" ", "");
        String json = """
                {"firstName":"Olivia","lastName":"Owned%1$s","email":"%2$s","phone":"%3$s","company":"Secret Holdings %1$s",
                 "jobTitle":"Treasurer","notes":"private note %1$s","source":"web"}""".formatted(tag, email, phone);
        String id = mapper.readTree(others.asApp(json).body()).path("id").asText();
        assignments.assign(id, rep, Instant.now().toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> rep.equals(owner(id)));
        return new Owned(id, tag, email, phone, national);
    }

    record Owned(String id, String tag, String email, String phone, String national) {

        /** What no one but its owner (and those who see every lead) may learn from an answer. */
        List<String> secrets() {
            return List.of(id, "Olivia", "Owned" + tag, "Secret Holdings", "Treasurer", "private note", phone.substring(3));
        }
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldMergeARepsDuplicateOfAnotherRepsLeadButAnswerOnlyWhatTheRepSent() throws Exception {
        Owned theirs = leadOf("rep2");
        String key = UUID.randomUUID().toString();
        String submission = """
                {"firstName":"ada","lastName":"lovelace","email":" %s ","country":"GB","source":"call-centre"}"""
                .formatted(theirs.email().toUpperCase());

        Response first = post(key, submission);
        Response replay = post(key, submission);

        first.then().statusCode(200)
                .header("Location", nullValue())
                .body("id", nullValue())
                .body("duplicateOf", nullValue())
                .body("merges", nullValue())
                .body("mergeHistory", nullValue())
                .body("firstName", equalTo("Ada"))
                .body("lastName", equalTo("Lovelace"))
                .body("email", equalTo(theirs.email()))
                .body("country", equalTo("GB"))
                .body("source", equalTo("call-centre"));
        assertThat(first.asString()).doesNotContain(theirs.secrets().toArray(String[]::new));
        replay.then().statusCode(200).header(Idempotency.REPLAYED_HEADER, "true").header("Location", nullValue());
        assertThat(replay.asString()).isEqualTo(first.asString());

        // the merge happened as for anyone else: audited, the blank country filled, announced
        UUID id = UUID.fromString(theirs.id());
        assertThat(rows.query("select count(*) from lead_merge where lead_id = $1 and kind = 'SUBMISSION' "
                + "and merged_by = 'rep1' and source = 'call-centre'", id)).isEqualTo(1L);
        assertThat(rows.query("select filled_fields::text from lead_merge where lead_id = $1", id))
                .isEqualTo("{\"country\": \"GB\"}");
        assertThat(rows.query("select country from lead where id = $1", id)).isEqualTo("GB");
        assertThat(rows.query("select first_name from lead where id = $1", id)).isEqualTo("Olivia");
        assertThat(rows.query("select count(*) from outbox_event where aggregate_id = $1 "
                + "and event_type = 'leadstream.lead.merged.v1'", theirs.id())).isEqualTo(1L);
        assertThat(rows.leadsWithEmail(theirs.email())).isEqualTo(1L);
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldRecordARepsCallOnAnotherRepsLeadButNotSayWhichLead() throws Exception {
        Owned theirs = leadOf("rep2");
        String key = UUID.randomUUID().toString();
        String call = """
                {"phone":"%s","country":"GB","direction":"inbound","durationSeconds":60,"outcome":"answered"}"""
                .formatted(theirs.national());

        Response first = given().contentType("application/json").header("Idempotency-Key", key).body(call)
                .post("/api/calls");
        Response replay = given().contentType("application/json").header("Idempotency-Key", key).body(call)
                .post("/api/calls");

        first.then().statusCode(200)
                .header("Location", nullValue())
                .body("leadId", nullValue())
                .body("outcome", equalTo("INQUIRY"))
                .body("duplicate", equalTo(false));
        assertThat(first.asString()).doesNotContain(theirs.secrets().toArray(String[]::new));
        replay.then().statusCode(200).header(Idempotency.REPLAYED_HEADER, "true").header("Location", nullValue());
        assertThat(replay.asString()).isEqualTo(first.asString());

        // the call is still the other rep's lead's inquiry
        String inquiryId = first.path("inquiryId");
        assertThat(rows.query("select cast(lead_id as text) from inbound_contact where id = $1",
                UUID.fromString(inquiryId))).isEqualTo(theirs.id());
        List<JsonNode> inquired = WhatsAppWebhookTest.inquiredEvents(pool, mapper, UUID.fromString(theirs.id()));
        assertThat(inquired).hasSize(1);
        assertThat(inquired.get(0).path("inquiryId").asText()).isEqualTo(inquiryId);
    }

    @Test
    @TestSecurity(user = "rep2", roles = "sales-rep")
    void shouldAnswerARepsDuplicateOfTheirOwnLeadWithThatLead() throws Exception {
        Owned mine = leadOf("rep2");

        given().contentType("application/json")
                .body("""
                        {"firstName":"Olivia","lastName":"Again","email":"%s","source":"web"}""".formatted(mine.email()))
                .post("/api/leads")
                .then().statusCode(200)
                .header("Location", endsWith("/api/leads/" + mine.id()))
                .body("id", equalTo(mine.id()))
                .body("duplicateOf", equalTo(mine.id()))
                .body("company", equalTo("Secret Holdings " + mine.tag()))
                .body("notes", equalTo("private note " + mine.tag()));

        given().contentType("application/json")
                .body("""
                        {"phone":"%s","country":"GB","outcome":"voicemail"}""".formatted(mine.national()))
                .post("/api/calls")
                .then().statusCode(200)
                .header("Location", endsWith("/api/leads/" + mine.id()))
                .body("leadId", equalTo(mine.id()))
                .body("outcome", equalTo("INQUIRY"));
    }

    private static Response post(String key, String body) {
        return given().contentType("application/json").header("Idempotency-Key", key).body(body).post("/api/leads");
    }

    private String owner(String leadId) {
        var found = pool.preparedQuery("select rep_id from lead_owner where lead_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(UUID.fromString(leadId))).await()
                .atMost(Duration.ofSeconds(10));
        return found.iterator().hasNext() ? found.iterator().next().getString(0) : null;
    }
}
