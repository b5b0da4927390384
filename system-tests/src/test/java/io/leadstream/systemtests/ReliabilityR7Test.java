package io.leadstream.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/**
 * R7 (quality.md, issue 14's fault suite): a lead goes through every service (captured by a keyed request, given a
 * consent with its proof, scored, assigned, opened, called, given a note that names it, mailed through a
 * template), then an admin erases it. Once every service has read {@code lead.erased}, no table of any of the five
 * databases holds the lead's email address, phone number or name in any column (each row read as text), capture keeps
 * the consent proof (under a pseudonym), and none of the lead's events on the four topics ever carried any of them.
 */
class ReliabilityR7Test {

    static final Duration SETTLE = Duration.ofSeconds(90);
    static final List<String> DATABASES = List.of("capture", "scoring", "distribution", "nurture", "insights");

    @Test
    void shouldLeaveNoPersonalDataOfAnErasedLeadInAnyDatabaseOrEvent() throws Exception {
        String crm = Suite.crmApp();
        String manager = Suite.userToken("manager");
        String admin = Suite.userToken("admin");
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String lastName = "Erasmus" + unique;
        String email = "r7." + unique + "@rotterdam.example";
        String phone = Suite.uniquePhone();
        String phoneDigits = phone.replaceAll("[^0-9]", "");
        Map<String, String> personal = new LinkedHashMap<>();
        personal.put("email", email);
        personal.put("phone", phoneDigits.substring(1)); // without the country code: the tail of E.164 as stored
        personal.put("phone as written", phone);
        personal.put("last name", lastName);
        try (FaultRecord record = FaultRecord.start("R7"); ConsumerGroups groups = new ConsumerGroups()) {
            FaultRecord.Exchange created = record.createLead(crm, """
                    {"firstName":"Desiderius","lastName":"%s","email":"%s","phone":"%s","company":"Adagia %s",
                     "language":"en","timeZone":"%s","source":"api"}""".formatted(lastName, email, phone, unique,
                    NurtureTest.daytimeZone()), "r7-" + unique);
            assertThat(created.status()).isEqualTo(201);
            String lead = created.leadId();
            assertThat(record.post("POST consent", crm, Suite.CAPTURE + "/api/leads/" + lead + "/consents", """
                    {"purpose":"marketing","channel":"email","status":"GRANTED",
                     "proof":{"method":"verbal","textVersion":"marketing-2026","source":"system-test","address":"%s"}}"""
                    .formatted(email), Map.of()).status()).isEqualTo(201);

            AtomicReference<String> owner = new AtomicReference<>();
            await().atMost(Suite.JOURNEY.multipliedBy(2)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                    owner.set(given().auth().oauth2(manager).get(Suite.NURTURE + "/api/leads/" + lead + "/stage")
                            .then().statusCode(200).extract().<String>path("owner")));
            String rep = Suite.userToken(owner.get());
            String nurture = Suite.NURTURE + "/api/leads/" + lead;
            given().auth().oauth2(rep).contentType("application/json").body("""
                    {"kind":"CALL","direction":"OUTBOUND","durationSeconds":60,"outcome":"interested"}""")
                    .post(nurture + "/activities").then().statusCode(201);
            given().auth().oauth2(rep).contentType("application/json").body("""
                    {"kind":"NOTE","text":"Spoke to %s on %s, will write to %s"}""".formatted(lastName, phone, email))
                    .post(nurture + "/activities").then().statusCode(201);
            given().auth().oauth2(rep).contentType("application/json").body("{\"to\":\"CONTACTED\"}")
                    .post(nurture + "/stage").then().statusCode(200);
            await().atMost(Suite.JOURNEY).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(record.post("POST message", rep, nurture + "/messages",
                            "{\"channel\":\"EMAIL\",\"templateKey\":\"thank-you\"}", Map.of("Idempotency-Key", "r7-" + lead))
                            .status()).isEqualTo(201));
            Thread.sleep(2000); // the last effects' events leave their outboxes
            groups.awaitPast(groups.endsNow(ConsumerGroups.SERVICES), SETTLE);
            Map<String, List<String>> beforeErasure = holding(personal);

            given().auth().oauth2(admin).delete(Suite.CAPTURE + "/api/leads/" + lead).then().statusCode(202);
            Thread.sleep(2000); // the last effects' events leave their outboxes
            groups.awaitPast(groups.endsNow(ConsumerGroups.SERVICES), SETTLE);
            Map<String, List<String>> afterErasure = holding(personal);
            String proofs = Suite.psql("capture", "capture", "select count(*) || ' ' || count(*) filter (where address "
                    + "like 'hmac-sha256:%') from consent_entry where lead_id = '" + lead + "';\n").strip();
            List<String> eventsCarrying = record.leadEventsMentioning(lead, personal.values(), Duration.ofSeconds(2));

            int found = afterErasure.values().stream().mapToInt(List::size).sum() + eventsCarrying.size();
            FaultRecord.Report report = record.report("one lead through every service (consent, a note naming it, "
                    + "email sent), then erased; leads found = 0 after erasure; events found = the lead's events; "
                    + "losses = tables or events still holding its email, phone or name",
                    "the lead's, on four topics", afterErasure.isEmpty() ? 0 : 1, record.leadEventCount(lead), 0,
                    found);

            // the search finds what is there: before the erasure the lead's data is in capture and nurture
            assertThat(beforeErasure.get("email")).anyMatch(t -> t.startsWith("capture.")).anyMatch(t -> t.startsWith("nurture."));
            assertThat(beforeErasure.get("last name")).anyMatch(t -> t.startsWith("nurture."));
            assertThat(beforeErasure.get("phone")).anyMatch(t -> t.startsWith("capture."));
            assertThat(beforeErasure.get("phone as written")).anyMatch(t -> t.startsWith("nurture."));
            assertThat(afterErasure).as("tables holding the erased lead's data").isEmpty();
            assertThat(proofs).as("consent proofs kept, pseudonymised").matches("([1-9][0-9]*) \\1");
            assertThat(eventsCarrying).as("events carrying the lead's data").isEmpty();
            assertThat(report.losses()).isZero();
        }
    }

    /** For each piece of personal data, the tables (database.schema.table) with a row that holds it, in any column. */
    private static Map<String, List<String>> holding(Map<String, String> personal) {
        Map<String, List<String>> holding = new LinkedHashMap<>();
        personal.forEach((what, value) -> {
            List<String> tables = new ArrayList<>();
            for (String database : DATABASES) {
                String out = Suite.psql(database, database, """
                        \\set needle '%%%s%%'
                        select format('select %%L, count(*) from %%I.%%I t where t::text ilike %%L having count(*) > 0',
                                      schemaname || '.' || tablename, schemaname, tablename, :'needle')
                        from pg_tables where schemaname not in ('pg_catalog', 'information_schema')
                        \\gexec
                        """.formatted(value));
                out.lines().filter(l -> !l.isBlank()).map(l -> database + "." + l).forEach(tables::add);
            }
            if (!tables.isEmpty()) {
                holding.put(what, tables);
            }
        });
        return holding;
    }
}
