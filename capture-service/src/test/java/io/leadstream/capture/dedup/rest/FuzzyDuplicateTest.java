package io.leadstream.capture.dedup.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.leadstream.capture.dedup.MatchRepository;
import io.leadstream.capture.testing.IdempotencyRows;
import io.leadstream.chassis.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Fuzzy de-duplication on create: a similar name (case, accents, spacing, small typos, swapped first and last name)
 * at the same company (case, punctuation, legal form) is a suspected duplicate: recorded (NAME_AND_COMPANY with the
 * similarity) and listed, never merged. Every test puts its own tag into its company names: the database is shared
 * by the whole test JVM, and only leads at the same company are compared.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@TestSecurity(user = "manager1", roles = { "integration", "sales-manager" })
class FuzzyDuplicateTest {

    @Inject
    IdempotencyRows rows;
    @Inject
    Pool pool;

    @ParameterizedTest(name = "{0} {1} at {2}")
    @CsvSource(delimiter = '|', value = {
            "Ada      | Lovelase  | Analytical Engines %s Ltd.", // a typo; the legal form with a dot
            "ADA      | LOVELACE  | analytical engines %s, LTD", // upper case, punctuation
            "Adá      | Lövelace  | Analytical-Engines %s GmbH", // accents, another legal form
            "Lovelace | Ada       | The Analytical Engines %s Inc", // swapped names
            "'  Ada ' | Lovelacee | '  Analytical   Engines %s  S.A. '", // white space, a letter too many
            "Ada      | Lovelace  | ANALYTICAL ENGINES %s B.V.", // the same name exactly
    })
    void shouldRecordASimilarNameAtTheSameCompanyAsASuspectNeverAMerge(String first, String last, String company) {
        String tag = tag();
        String original = create("Ada", "Lovelace", "Analytical Engines " + tag + " Ltd", "web");

        String similar = create(first, last, company.formatted(tag), "web"); // web: the merge policy

        assertThat(similar).isNotEqualTo(original);
        assertThat((Long) rows.query("select count(*) from lead_merge where lead_id = $1 or lead_id = $2",
                UUID.fromString(original), UUID.fromString(similar))).isZero();
        assertThat((Long) rows.query("select count(*) from outbox_event where aggregate_id in ($1, $2) "
                + "and event_type = 'leadstream.lead.merged.v1'", original, similar)).isZero();
        assertThat(rows.query("select matched_on from lead_duplicate where lead_id = $1 and suspected_lead_id = $2",
                UUID.fromString(similar), UUID.fromString(original))).isEqualTo("NAME_AND_COMPANY");
        float similarity = (Float) rows.query("select similarity from lead_duplicate where lead_id = $1",
                UUID.fromString(similar));
        assertThat(similarity).isBetween(0.55f, 1f);

        JsonPath duplicates = given().get("/api/leads/" + original + "/duplicates").then().statusCode(200)
                .body("duplicates.leadId", contains(similar))
                .body("duplicates[0].matchedOn", contains("NAME_AND_COMPANY"))
                .body("duplicates[0].detail", containsString("similar name (similarity"))
                .body("duplicates[0].detail", containsString("flagged at"))
                .body("merges", empty())
                .extract().jsonPath();
        assertThat(duplicates.getDouble("duplicates[0].similarity")).isCloseTo(similarity, within(0.001));
    }

    @Test
    void shouldNotSuspectAnotherNameAtTheSameCompanyNorTheSameNameAtAnotherCompany() {
        String tag = tag();
        String original = create("Ada", "Lovelace", "Analytical Engines " + tag, "web");

        String otherName = create("Grace", "Hopper", "Analytical Engines " + tag + " Ltd", "web");
        String otherFirstName = create("Augusta", "Lovelace", "Analytical Engines " + tag, "web");
        String otherCompany = create("Ada", "Lovelace", "Difference Engines " + tag, "web");
        String noCompany = create("Ada", "Lovelace", null, "web");

        for (String id : List.of(otherName, otherFirstName, otherCompany, noCompany)) {
            assertThat((Long) rows.query("select count(*) from lead_duplicate where lead_id = $1", UUID.fromString(id)))
                    .as("pairs of %s", id).isZero();
        }
        given().get("/api/leads/" + original + "/duplicates").then().statusCode(200).body("duplicates", empty());
    }

    @Test
    void shouldRecordFuzzySuspectsUnderTheFlagPolicyAlongsideTheExactOnes() {
        String tag = tag();
        String original = create("Grace", "Hopper", "Eckert-Mauchly " + tag + " Corp.", "web");

        String flagged = create("Grace", "Hoper", "eckert mauchly " + tag, "import"); // import: the flag policy

        assertThat(rows.query("select matched_on from lead_duplicate where lead_id = $1 and suspected_lead_id = $2",
                UUID.fromString(flagged), UUID.fromString(original))).isEqualTo("NAME_AND_COMPANY");
    }

    @Test
    void shouldRecordNothingForACreateSourceButStillListTheSuspectLive() {
        String tag = tag();
        String original = create("Katherine", "Johnson", "Langley " + tag + " LLC", "web");

        String created = create("Katherine", "Jonson", "Langley " + tag, "migration"); // migration: the create policy

        assertThat((Long) rows.query("select count(*) from lead_duplicate where lead_id = $1 or suspected_lead_id = $1",
                UUID.fromString(created))).isZero();
        given().get("/api/leads/" + original + "/duplicates").then().statusCode(200)
                .body("duplicates.leadId", contains(created))
                .body("duplicates[0].matchedOn", contains("NAME_AND_COMPANY"))
                .body("duplicates[0].similarity", greaterThanOrEqualTo(0.55f))
                .body("duplicates[0].detail", containsString("at the same company now"))
                .body("duplicates[0].detail", not(containsString("flagged")));
    }

    @Test
    void shouldListAnExactAndAFuzzyReasonForTheSameLeadOnce() {
        String tag = tag();
        String email = "edsger+" + tag + "@example.com";
        String original = given().contentType("application/json")
                .body(LeadDeduplicationTest.body("Edsger", "Dijkstra", email, null, "Mathematisch Centrum " + tag,
                        null, "web"))
                .post("/api/leads").then().statusCode(201).extract().path("id");

        String flagged = given().contentType("application/json")
                .body(LeadDeduplicationTest.body("Edsger", "Dijkstra", email, null, "Mathematisch Centrum " + tag + " BV",
                        null, "import"))
                .post("/api/leads").then().statusCode(201).extract().path("id");

        given().get("/api/leads/" + original + "/duplicates").then().statusCode(200)
                .body("duplicates.leadId", contains(flagged))
                .body("duplicates[0].matchedOn", contains("EMAIL", "NAME_AND_COMPANY"))
                .body("duplicates[0].similarity", equalTo(1.0f));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "Acme, Inc.                  | acme",
            "ACME GmbH                   | acme",
            "The Acme Company            | acme",
            "Acme S.A.                   | acme",
            "acme b.v.                   | acme",
            "Acme Ltd                    | acme",
            "Acme Limited                | acme",
            "Acme LLC                    | acme",
            "Müller GmbH & Co. KG        | muller",
            "Procter & Gamble            | procterandgamble",
            "Société Générale SA         | societegenerale",
            "Ørsted A/S                  | orsted",
            "Inc                         | inc",
    })
    void shouldFoldCompaniesForComparison(String company, String key) {
        assertThat(rows.query("select lead_company_key($1)", company)).isEqualTo(key);
    }

    @ParameterizedTest(name = "{0} {1} = {2}")
    @CsvSource(delimiter = '|', value = {
            "Ádá         | Lövelace    | ada lovelace",
            "ADA         | LOVELACE    | ada lovelace",
            "'  Ada  '   | O'Brien     | ada obrien",
            "Jean-Luc    | Straße      | jean luc strasse",
    })
    void shouldFoldNamesForComparison(String first, String last, String key) {
        assertThat(rows.query("select lead_name_key($1, $2)", first, last)).isEqualTo(key);
    }

    @Test
    void shouldFindFuzzyCandidatesThroughTheIndexesNotAScan() {
        // enough leads at other companies that the planner's choice means something (old, so no search meets them)
        pool.query("""
                insert into lead (id, first_name, last_name, company, source, created_at, updated_at)
                select gen_random_uuid(), 'First' || i % 500, 'Last' || md5(i::text), 'Plan Company ' || i % 1000,
                       'plan-test', '2000-01-01', '2000-01-01' from generate_series(1, 20000) i""")
                .execute().chain(() -> pool.query("analyze lead").execute()).await().atMost(Duration.ofSeconds(60));
        String sql = "explain (costs off) select o.id" + MatchRepository.SIMILAR.replace(":id", "$1")
                .replace(":threshold", "$2");
        String plan = pool.preparedQuery(sql).execute(Tuple.of(UUID.randomUUID(), 0.55))
                .map(result -> {
                    StringBuilder lines = new StringBuilder();
                    result.forEach(row -> lines.append(row.getString(0)).append('\n'));
                    return lines.toString();
                }).await().atMost(Duration.ofSeconds(10));

        assertThat(plan).containsPattern("Index Cond: \\((company_key = n\\.company_key|name_key % n\\.name_key)\\)")
                .doesNotContain("Seq Scan on lead o");
    }

    private static String create(String first, String last, String company, String source) {
        String email = "fuzzy+" + tag() + "@example.com"; // never an exact match
        return given().contentType("application/json")
                .body(LeadDeduplicationTest.body(first, last, email, null, company, null, source))
                .post("/api/leads").then().statusCode(201).extract().path("id");
    }

    static String tag() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
