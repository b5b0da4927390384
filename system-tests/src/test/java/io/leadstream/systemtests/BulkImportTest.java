package io.leadstream.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/**
 * A CSV import by another app, against the running suite: a new lead, the same person again (merged, not doubled)
 * and a bad row (rejected with its reason); the imported lead is scored and assigned like any other.
 */
class BulkImportTest {

    @Test
    void shouldImportCsvRowsWithAReportAndGetTheNewLeadScoredAndAssigned() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String email = "import." + unique + "@babbage.example";
        String csv = """
                firstName,lastName,email,phone,company,country,source
                Charles,Babbage,%s,,Difference Engines Ltd,GB,fair-2026
                Charles,Babbage,%s,%s,,GB,fair-2026
                ,NoFirstName,nobody.%s@example.com,,,GB,fair-2026
                """.formatted(email, email.toUpperCase(), Suite.uniquePhone(), unique);

        JsonPath report = given().auth().oauth2(Suite.crmApp()).contentType("text/csv").body(csv)
                .post(Suite.CAPTURE + "/api/leads/import")
                .then().statusCode(200).extract().jsonPath();

        assertThat(report.getString("rows[0].outcome")).isEqualTo("CREATED");
        String leadId = report.getString("rows[0].leadId");
        assertThat(report.getString("rows[1].outcome")).isEqualTo("MERGED");
        assertThat(report.getString("rows[1].leadId")).isEqualTo(leadId);
        assertThat(report.getString("rows[2].outcome")).isEqualTo("REJECTED");
        assertThat(report.getList("rows[2].errors.field")).contains("firstName");
        assertThat(report.getInt("totals.rows")).isEqualTo(3);
        assertThat(report.getInt("totals.created")).isEqualTo(1);
        assertThat(report.getInt("totals.merged")).isEqualTo(1);
        assertThat(report.getInt("totals.rejected")).isEqualTo(1);

        String manager = Suite.userToken("manager");
        await().atMost(Suite.JOURNEY).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            given().auth().oauth2(Suite.crmApp()).get(Suite.SCORING + "/api/scores/" + leadId).then().statusCode(200);
            given().auth().oauth2(manager).get(Suite.DISTRIBUTION + "/api/assignments/" + leadId)
                    .then().statusCode(200);
        });
    }
}
