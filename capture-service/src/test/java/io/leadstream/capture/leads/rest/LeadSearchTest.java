package io.leadstream.capture.leads.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@TestSecurity(user = "manager", roles = "sales-manager")
class LeadSearchTest {

    /** A source no other test uses, so each test sees only its own leads. */
    private static String freshSource() {
        return "src-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String capture(String source, String first, String last, String email, String company) {
        return given().contentType("application/json")
                .body("""
                        {"firstName":"%s","lastName":"%s","email":"%s","company":"%s","source":"%s"}"""
                        .formatted(first, last, email, company, source))
                .post("/api/leads").then().statusCode(201).extract().path("id");
    }

    @Test
    void shouldPageThroughEveryLeadNewestFirstWithoutRepeats() {
        String source = freshSource();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(capture(source, "Lead", "Number" + "abcde".charAt(i), "lead" + i + "@page.example", "Co"));
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().queryParam("source", source).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/leads").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);

        List<String> newestFirst = new ArrayList<>(created);
        Collections.reverse(newestFirst);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void shouldMatchQAgainstNamesEmailAndCompanyIgnoringCase() {
        String source = freshSource();
        String ada = capture(source, "Ada", "Lovelace", "ada@engines.example", "Analytical Engines");
        String grace = capture(source, "Grace", "Hopper", "grace@navy.example", "US Navy");

        given().queryParam("source", source).queryParam("q", "LOVE").get("/api/leads")
                .then().statusCode(200).body("items.id", equalTo(List.of(ada)));
        given().queryParam("source", source).queryParam("q", "navy.example").get("/api/leads")
                .then().statusCode(200).body("items.id", equalTo(List.of(grace)));
        given().queryParam("source", source).queryParam("q", "engines").get("/api/leads")
                .then().statusCode(200).body("items.id", equalTo(List.of(ada)));
        // LIKE wildcards in q are taken literally
        given().queryParam("source", source).queryParam("q", "%").get("/api/leads")
                .then().statusCode(200).body("items", equalTo(List.of())).body("nextCursor", nullValue());
    }

    @Test
    void shouldFilterByCreationTime() {
        String source = freshSource();
        capture(source, "Ada", "Lovelace", "ada@time.example", "Co");

        given().queryParam("source", source).queryParam("createdFrom", "2000-01-01").get("/api/leads")
                .then().statusCode(200).body("items.size()", equalTo(1));
        given().queryParam("source", source).queryParam("createdTo", "2000-01-01T00:00:00Z").get("/api/leads")
                .then().statusCode(200).body("items.size()", equalTo(0));
    }

    private static String captureQualified(String source, String email, String products, String segment) {
        return given().contentType("application/json")
                .body("""
                        {"firstName":"Ada","lastName":"Lovelace","email":"%s","source":"%s",
                         "qualifiers":{"products":%s,"segment":%s}}""".formatted(email, source, products, segment))
                .post("/api/leads").then().statusCode(201).extract().path("id");
    }

    @Test
    void shouldFilterByProductAndSegmentAcrossPagesNewestFirst() {
        String source = freshSource();
        List<String> solarSmb = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            solarSmb.add(captureQualified(source, "solar" + i + "@filter.example", "[\"Solar Panels\",\"heat-pumps\"]",
                    "\"SMB\""));
            captureQualified(source, "pumps" + i + "@filter.example", "[\"heat-pumps\"]", "\"enterprise\"");
        }
        String solarEnterprise = captureQualified(source, "both@filter.example", "[\"solar panels\"]", "\"Enterprise\"");
        captureQualified(source, "none@filter.example", "[]", "null");

        List<String> newestFirst = new ArrayList<>(solarSmb);
        Collections.reverse(newestFirst);
        assertThat(allPages(source, "product", " SOLAR  panels ", null, 2))
                .containsExactlyElementsOf(concat(List.of(solarEnterprise), newestFirst));
        assertThat(allPages(source, "segment", "smb", null, 2)).containsExactlyElementsOf(newestFirst);
        assertThat(allPages(source, "product", "solar panels", "enterprise", 2)).containsExactly(solarEnterprise);
        assertThat(allPages(source, "product", "heat-pumps", null, 3)).hasSize(10);
        assertThat(allPages(source, "product", "solar", null, 2)).isEmpty(); // whole products, not substrings
    }

    private static List<String> allPages(String source, String filter, String value, String segment, int limit) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().queryParam("source", source).queryParam(filter, value).queryParam("limit", limit);
            if (segment != null) {
                request.queryParam("segment", segment);
            }
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/leads").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 20);
        return seen;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void shouldNameInvalidParameters() {
        given().queryParam("limit", 1000000).get("/api/leads")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("limit"));
        given().queryParam("createdFrom", "yesterday").get("/api/leads")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("createdFrom"));
        given().queryParam("createdFrom", "2026-02-01").queryParam("createdTo", "2026-01-01").get("/api/leads")
                .then().statusCode(400).body("errors.field", hasItem("createdTo"));
        given().queryParam("product", "x".repeat(101)).get("/api/leads")
                .then().statusCode(400).body("errors.field", hasItem("product"));
        given().queryParam("cursor", "not-a-cursor").get("/api/leads")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("cursor"));
    }
}
