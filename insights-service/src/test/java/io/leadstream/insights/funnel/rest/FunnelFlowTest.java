package io.leadstream.insights.funnel.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.chassis.testing.TestEvents;
import io.leadstream.insights.EventFedTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;

/**
 * GET /api/insights/funnel over leads fed in as events (captured in 2033, which no other test asks about): every stage
 * reached with skipped steps counted, the ways out, conversions, filters, a merged lead left out, an erased one kept,
 * CSV, and the problems.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@TestSecurity(user = "manager", roles = "sales-manager")
class FunnelFlowTest extends EventFedTest {

    static final String FEBRUARY = "from=2033-02-01&to=2033-03-01";

    private String captured(String day, String source, String segment, String... products) {
        String lead = UUID.randomUUID().toString();
        capture.send(TestEvents.event("leadstream.lead.captured.v1", lead, """
                {"leadId":"%s","source":"%s","segment":"%s","products":["%s"],"capturedAt":"%sT09:00:00Z",
                 "quality":{}}""".formatted(lead, source, segment, String.join("\",\"", products), day)));
        return lead;
    }

    /** The lead entered each stage in turn, one day apart from {@code firstDay}, sent in reverse order. */
    private void stages(String lead, String firstDay, String... stages) {
        LocalDate day = LocalDate.parse(firstDay);
        for (int i = stages.length - 1; i >= 0; i--) {
            nurture.send(TestEvents.event("leadstream.lead.stage-changed.v1", lead, """
                    {"leadId":"%s","from":%s,"to":"%s","owner":"rep1","reason":"r","changedAt":"%sT10:00:00Z"}"""
                    .formatted(lead, i == 0 ? "null" : "\"" + stages[i - 1] + "\"", stages[i], day.plusDays(i))));
        }
    }

    private static JsonPath funnel(String query) {
        // decimals as doubles, so that 0.6667 is 0.6667
        return new JsonPath(given().get("/api/insights/funnel?" + query).then().statusCode(200).extract().asString())
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    /**
     * February 2033: A all the way to CUSTOMER; B OPEN straight to QUALIFIED, then UNQUALIFIED; C CONTACTED then
     * INACTIVE; D never opened; E to NURTURING, then erased; F opened, then merged into A; H INACTIVE, then CONTACTED
     * again; G captured in March.
     */
    @Test
    void shouldCountEachStageReachedWithSkippedStepsAndConversions() {
        String a = captured("2033-02-03", "web", "smb", "solar");
        stages(a, "2033-02-03", "OPEN", "CONTACTED", "NURTURING", "QUALIFIED", "NEGOTIATION", "CUSTOMER");
        String b = captured("2033-02-04", "web", "smb", "solar");
        stages(b, "2033-02-04", "OPEN", "QUALIFIED", "UNQUALIFIED");
        String c = captured("2033-02-05", "import", "enterprise", "heat-pumps");
        stages(c, "2033-02-05", "OPEN", "CONTACTED", "INACTIVE");
        captured("2033-02-06", "web", "smb", "heat-pumps", "solar");
        String e = captured("2033-02-07", "partner", "smb", "solar");
        stages(e, "2033-02-07", "OPEN", "CONTACTED", "NURTURING");
        capture.send(TestEvents.event("leadstream.lead.erased.v1", e, """
                {"leadId":"%s","erasedAt":"2033-02-20T10:00:00Z"}""".formatted(e)));
        String f = captured("2033-02-08", "web", "smb", "solar");
        stages(f, "2033-02-08", "OPEN", "CONTACTED");
        String h = captured("2033-02-09", "web", "smb", "heat-pumps");
        stages(h, "2033-02-09", "OPEN", "INACTIVE", "CONTACTED");
        String g = captured("2033-03-02", "web", "smb", "solar");
        stages(g, "2033-03-02", "OPEN", "CUSTOMER");
        await().atMost(Duration.ofSeconds(10)).until(() -> funnel(FEBRUARY).getLong("cohort") == 7
                && funnel(FEBRUARY).getList("stages.reached", Long.class).equals(
                        List.of(6L, 6L, 3L, 2L, 1L, 1L))
                && funnel(FEBRUARY).getLong("inactive") == 1 && funnel(FEBRUARY).getLong("unqualified") == 1);

        capture.send(TestEvents.event("leadstream.lead.merged.v1", a, """
                {"leadId":"%s","kind":"MANUAL","mergedLeadId":"%s","source":"web","filledFields":[],
                 "mergedAt":"2033-02-10T10:00:00Z"}""".formatted(a, f)));
        await().atMost(Duration.ofSeconds(10)).until(() -> funnel(FEBRUARY).getLong("cohort") == 6);

        JsonPath all = funnel(FEBRUARY);
        assertThat(all.getString("from")).isEqualTo("2033-02-01T00:00:00Z");
        assertThat(all.getString("to")).isEqualTo("2033-03-01T00:00:00Z");
        assertThat(all.getString("product")).isNull();
        assertThat(all.getList("stages.stage")).containsExactly("OPEN", "CONTACTED", "NURTURING", "QUALIFIED",
                "NEGOTIATION", "CUSTOMER");
        // A, B, C, E, H opened; B skipped CONTACTED and NURTURING but counts for them; D never opened
        assertThat(all.getList("stages.reached", Integer.class)).containsExactly(5, 5, 3, 2, 1, 1);
        assertThat(all.getList("stages.conversionToNext", Double.class)).containsExactly(1.0, 0.6, 0.6667, 0.5, 1.0,
                null);
        // B stands in UNQUALIFIED, C in INACTIVE; H left INACTIVE again
        assertThat(all.getInt("unqualified")).isEqualTo(1);
        assertThat(all.getInt("inactive")).isEqualTo(1);
        assertThat(all.getDouble("conversion")).isEqualTo(0.1667);

        // solar: A, B, D, E (F merged)
        JsonPath solar = funnel(FEBRUARY + "&product=solar");
        assertThat(solar.getString("product")).isEqualTo("solar");
        assertThat(solar.getInt("cohort")).isEqualTo(4);
        assertThat(solar.getList("stages.reached", Integer.class)).containsExactly(3, 3, 3, 2, 1, 1);
        assertThat(solar.getList("stages.conversionToNext", Double.class)).containsExactly(1.0, 1.0, 0.6667, 0.5,
                1.0, null);
        assertThat(solar.getDouble("conversion")).isEqualTo(0.25);
        assertThat(solar.getInt("inactive")).isZero();

        // web and solar: A, B, D
        JsonPath webSolar = funnel(FEBRUARY + "&product=solar&source=web&segment=smb");
        assertThat(webSolar.getInt("cohort")).isEqualTo(3);
        assertThat(webSolar.getList("stages.reached", Integer.class)).containsExactly(2, 2, 2, 2, 1, 1);
        assertThat(webSolar.getInt("unqualified")).isEqualTo(1);
        assertThat(webSolar.getDouble("conversion")).isEqualTo(0.3333);

        // enterprise: C only
        JsonPath enterprise = funnel(FEBRUARY + "&segment=enterprise");
        assertThat(enterprise.getInt("cohort")).isEqualTo(1);
        assertThat(enterprise.getList("stages.reached", Integer.class)).containsExactly(1, 1, 0, 0, 0, 0);
        assertThat(enterprise.getList("stages.conversionToNext", Double.class)).containsExactly(1.0, 0.0, null,
                null, null, null);
        assertThat(enterprise.getInt("inactive")).isEqualTo(1);
        assertThat(enterprise.getDouble("conversion")).isEqualTo(0.0);

        String csv = given().accept("text/csv").get("/api/insights/funnel?" + FEBRUARY).then().statusCode(200)
                .contentType("text/csv").extract().asString();
        assertThat(csv.split("\r\n")).containsExactly("stage,leads,conversion", "COHORT,6,0.1667", "OPEN,5,1.0",
                "CONTACTED,5,0.6", "NURTURING,3,0.6667", "QUALIFIED,2,0.5", "NEGOTIATION,1,1.0", "CUSTOMER,1,",
                "UNQUALIFIED,1,", "INACTIVE,1,");
    }

    @Test
    void shouldAnswerAnEmptyCohortWithNullConversions() {
        JsonPath empty = funnel("from=2033-06-01&to=2033-07-01&source=nowhere");
        assertThat(empty.getInt("cohort")).isZero();
        assertThat(empty.getList("stages.reached", Integer.class)).containsExactly(0, 0, 0, 0, 0, 0);
        assertThat(empty.getList("stages.conversionToNext")).containsOnlyNulls();
        assertThat(empty.getString("conversion")).isNull();
        assertThat(empty.getString("source")).isEqualTo("nowhere");
    }

    @Test
    void shouldNameABadParameter() {
        given().get("/api/insights/funnel?from=yesterday&to=2033-01-01").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/validation"))
                .body("errors[0].field", equalTo("from"));
        given().get("/api/insights/funnel?from=2033-01-02&to=2033-01-01").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/invalid-range"));
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldRefuseReps() {
        given().get("/api/insights/funnel").then().statusCode(403).contentType("application/problem+json");
        given().accept("text/csv").get("/api/insights/funnel").then().statusCode(403);
    }
}
