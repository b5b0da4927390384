package io.leadstream.insights.charts.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.chassis.testing.TestEvents;
import io.leadstream.insights.EventFedTest;
import io.leadstream.insights.charts.ParsedSvg;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;

/**
 * GET /api/insights/funnel.svg and /api/insights/leads.svg over leads fed in as events (captured in January 2037,
 * which no other test asks about): the figures of the JSON answers drawn, a source with markup in it escaped, the
 * same problems as the JSON answers, and no pictures for reps.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@TestSecurity(user = "manager", roles = "sales-manager")
class ChartsFlowTest extends EventFedTest {

    static final String JANUARY = "from=2037-01-01&to=2037-02-01";
    static final String FAIR = "<fair> & \"expo\"";

    private String captured(String day, String source) {
        String lead = UUID.randomUUID().toString();
        capture.send(TestEvents.event("leadstream.lead.captured.v1", lead, """
                {"leadId":"%s","source":"%s","segment":"smb","products":["solar"],"capturedAt":"%sT09:00:00Z",
                 "quality":{}}""".formatted(lead, source.replace("\"", "\\\""), day)));
        return lead;
    }

    /** The lead entered each stage in turn, one day apart from {@code firstDay}. */
    private void stages(String lead, String firstDay, String... stages) {
        LocalDate day = LocalDate.parse(firstDay);
        for (int i = 0; i < stages.length; i++) {
            nurture.send(TestEvents.event("leadstream.lead.stage-changed.v1", lead, """
                    {"leadId":"%s","from":%s,"to":"%s","owner":"rep1","reason":"r","changedAt":"%sT10:00:00Z"}"""
                    .formatted(lead, i == 0 ? "null" : "\"" + stages[i - 1] + "\"", stages[i], day.plusDays(i))));
        }
    }

    private static String svg(String path) {
        return given().get(path).then().statusCode(200).contentType("image/svg+xml").extract().asString();
    }

    /**
     * January 2037: A (web) all the way to CUSTOMER, B (web) to CONTACTED, C (the fair) OPEN then UNQUALIFIED, D (web)
     * never opened.
     */
    @Test
    void shouldDrawTheFiguresOfTheJsonAnswers() {
        String a = captured("2037-01-05", "web");
        stages(a, "2037-01-05", "OPEN", "CONTACTED", "NURTURING", "QUALIFIED", "NEGOTIATION", "CUSTOMER");
        String b = captured("2037-01-06", "web");
        stages(b, "2037-01-06", "OPEN", "CONTACTED");
        String c = captured("2037-01-06", FAIR);
        stages(c, "2037-01-06", "OPEN", "UNQUALIFIED");
        captured("2037-01-12", "web");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonPath funnel = new JsonPath(given().get("/api/insights/funnel?" + JANUARY).then().statusCode(200)
                    .extract().asString());
            return funnel.getInt("cohort") == 4 && funnel.getInt("unqualified") == 1
                    && funnel.getList("stages.reached", Integer.class).equals(List.of(3, 2, 1, 1, 1, 1));
        });

        ParsedSvg funnel = ParsedSvg.parse(svg("/api/insights/funnel.svg?" + JANUARY));
        assertThat(funnel.texts("title")).containsExactly("Funnel of the leads captured 2037-01-01 \u2013 2037-01-31");
        assertThat(funnel.texts("subtitle")).containsExactly("4 leads in the cohort \u00b7 25% became CUSTOMER");
        assertThat(funnel.texts("stage")).containsExactly("OPEN", "CONTACTED", "NURTURING", "QUALIFIED",
                "NEGOTIATION", "CUSTOMER");
        assertThat(funnel.texts("count")).containsExactly("3", "2", "1", "1", "1", "1");
        assertThat(funnel.texts("conversion")).containsExactly("66.7% \u2192 CONTACTED", "50% \u2192 NURTURING",
                "100% \u2192 QUALIFIED", "100% \u2192 NEGOTIATION", "100% \u2192 CUSTOMER");
        assertThat(funnel.texts("footnote")).singleElement().asString().startsWith(
                "Ended UNQUALIFIED: 1 \u00b7 ended INACTIVE: 0");

        // the fair's source, markup and all, as a filter: escaped in the document, itself in the picture
        String fair = given().queryParam("from", "2037-01-01").queryParam("to", "2037-02-01")
                .queryParam("source", FAIR).accept("image/svg+xml").get("/api/insights/funnel.svg").then()
                .statusCode(200).contentType("image/svg+xml").extract().asString();
        assertThat(fair).doesNotContain(FAIR).contains("source: &lt;fair&gt; &amp; &quot;expo&quot;");
        ParsedSvg fairFunnel = ParsedSvg.parse(fair);
        assertThat(fairFunnel.texts("subtitle")).containsExactly(
                "source: " + FAIR + " \u00b7 1 lead in the cohort \u00b7 0% became CUSTOMER");
        assertThat(fairFunnel.texts("count")).containsExactly("1", "0", "0", "0", "0", "0");

        // per ISO week and source: W02 holds A, B and C, W03 D
        ParsedSvg weeks = ParsedSvg.parse(svg("/api/insights/leads.svg?from=2037-01-01&to=2037-01-15&period=week"
                + "&groupBy=source"));
        assertThat(weeks.texts("title")).containsExactly("Leads captured per week, 2037-01-01 \u2013 2037-01-14");
        assertThat(weeks.texts("subtitle")).containsExactly("by source \u00b7 UTC \u00b7 4 leads");
        assertThat(weeks.texts("bucket")).containsExactly("2037-W01", "2037-W02", "2037-W03");
        assertThat(weeks.texts("legend")).containsExactly("web (3)", FAIR + " (1)");
        List<List<Element>> series = weeks.groups("series");
        assertThat(series).hasSize(2);
        // web: 2 in W02 and 1 in W03, so W02's web segment twice as tall as W03's bar; the fair: 1 in W02
        assertThat(series.get(0)).hasSize(2);
        assertThat(ParsedSvg.number(series.get(0).get(0), "height"))
                .isCloseTo(2 * ParsedSvg.number(series.get(0).get(1), "height"), within(0.02));
        assertThat(series.get(1)).hasSize(1);
        assertThat(ParsedSvg.number(series.get(1).get(0), "height"))
                .isCloseTo(ParsedSvg.number(series.get(0).get(1), "height"), within(0.02));

        // per day in Berlin: 4 leads over January's 31 days, every day a bucket, labels thinned out
        ParsedSvg days = ParsedSvg.parse(svg("/api/insights/leads.svg?" + JANUARY + "&tz=Europe/Berlin"));
        assertThat(days.texts("subtitle")).containsExactly("Europe/Berlin \u00b7 4 leads");
        assertThat(days.groups("series").get(0)).hasSize(3);
        assertThat(days.texts("bucket")).hasSizeLessThan(31).startsWith("2037-01-01");
    }

    @Test
    void shouldDrawNoLeads() {
        ParsedSvg funnel = ParsedSvg.parse(svg("/api/insights/funnel.svg?from=2037-06-01&to=2037-07-01"));
        assertThat(funnel.texts("empty")).containsExactly("no leads");
        ParsedSvg leads = ParsedSvg.parse(svg("/api/insights/leads.svg?from=2037-06-01&to=2037-07-01&period=month"));
        assertThat(leads.texts("empty")).containsExactly("no leads");
        assertThat(leads.texts("subtitle")).containsExactly("UTC \u00b7 0 leads");
    }

    @Test
    void shouldAnswerTheJsonAnswersProblems() {
        given().get("/api/insights/leads.svg?period=fortnight").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/validation"))
                .body("errors[0].field", equalTo("period"));
        given().get("/api/insights/leads.svg?tz=Mars/Olympus_Mons").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("tz"));
        given().get("/api/insights/leads.svg?groupBy=mood").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("groupBy"));
        given().get("/api/insights/funnel.svg?from=yesterday").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("from"));
        given().get("/api/insights/funnel.svg?from=2037-01-02&to=2037-01-01").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/invalid-range"));
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldRefuseReps() {
        given().get("/api/insights/funnel.svg").then().statusCode(403).contentType("application/problem+json");
        given().get("/api/insights/leads.svg").then().statusCode(403).contentType("application/problem+json");
    }
}
