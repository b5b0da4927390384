package io.leadstream.capture.imports.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.chassis.access.Viewer;
import io.leadstream.capture.dedup.rest.LeadDeduplicationTest;
import io.leadstream.capture.imports.ImportRow;
import io.leadstream.capture.imports.ImportSlots;
import io.leadstream.capture.imports.LeadImport;
import io.leadstream.capture.imports.RowReader;
import io.leadstream.capture.intake.LeadCaptured;
import io.leadstream.capture.testing.IdempotencyRows;
import io.leadstream.capture.testing.LeadRows;
import io.leadstream.capture.testing.PublishedEvents;
import io.leadstream.capture.testing.StreamingClient;
import io.leadstream.chassis.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.response.Response;
import io.vertx.core.Vertx;

/**
 * POST /api/leads/import (issue 3, bulk import) against the real PostgreSQL: every row through the same capture as
 * POST /api/leads ({@code %test}: source {@code import} flags duplicates, {@code migration} creates, others merge).
 * Each test uses emails and sources of its own: the database is shared by the test JVM.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@TestSecurity(user = "importer", roles = { "integration", "sales-manager" })
class LeadImportTest {

    @Inject
    ObjectMapper mapper;
    @Inject
    IdempotencyRows rows;
    @Inject
    LeadRows leads;
    @Inject
    LeadImport imports;
    @Inject
    Vertx vertx;
    @Inject
    ImportSlots slots;

    @Test
    void shouldImportCsvRowsAsCreatedMergedFlaggedOrRejectedWithTotals() throws Exception {
        String tag = tag();
        String existing = "existing+" + tag + "@example.com";
        String existingId = postLead("Ada", "Lovelace", existing, "web");
        String source = "fair-" + tag;
        String csv = """
                FirstName,LASTNAME,email,phone,company,country,source
                Grace,Hopper,"  GRACE+%1$s@Example.COM ",,"The ""Compiler"" Co, Ltd",United Kingdom,%2$s
                Augusta,King,%3$s,,Engines Ltd,,%2$s
                Nameless,,nameless+%1$s@example.com,,,,%2$s
                only,three,fields
                Ada,Again,%3$s,,,,
                "Multi
                Line",Name,multi+%1$s@example.com,,,GB,%2$s
                Bad,Quote,bad"quote+%1$s@example.com,,,,%2$s
                Last,Row,last+%1$s@example.com,,,,%2$s
                """.formatted(tag, source, existing);

        JsonNode report = importBody("text/csv", csv);

        assertThat(outcomes(report)).containsExactly("CREATED", "MERGED", "REJECTED", "REJECTED", "FLAGGED", "CREATED",
                "REJECTED", "CREATED");
        assertThat(numbers(report, "row")).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(numbers(report, "line")).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 9L, 10L);
        assertThat(report.at("/totals").toString()).isEqualTo(
                "{\"rows\":8,\"created\":3,\"merged\":1,\"flagged\":1,\"rejected\":3,\"failed\":0}");

        JsonNode merged = report.at("/rows/1");
        assertThat(merged.path("leadId").asText()).isEqualTo(existingId);
        JsonNode nameless = report.at("/rows/2");
        assertThat(nameless.path("leadId").isMissingNode()).isTrue();
        assertThat(nameless.at("/errors/0/field").asText()).isEqualTo("lastName");
        assertThat(report.at("/rows/3/detail").asText()).isEqualTo("the row has 3 field(s), the header 7");
        assertThat(report.at("/rows/6/detail").asText()).contains("quote inside an unquoted field");

        // the same normalisation as POST /api/leads; a row without a source gets "import"
        String graceId = report.at("/rows/0/leadId").asText();
        given().get("/api/leads/" + graceId).then().statusCode(200)
                .body("email", equalTo("grace+" + tag + "@example.com"))
                .body("company", equalTo("The \"Compiler\" Co, Ltd"))
                .body("country", equalTo("GB"))
                .body("source", equalTo(source));
        String flaggedId = report.at("/rows/4/leadId").asText();
        given().get("/api/leads/" + flaggedId).then().statusCode(200).body("source", equalTo("import"));
        given().get("/api/leads/" + existingId + "/duplicates").then().statusCode(200)
                .body("merges", hasSize(1))
                .body("merges[0].source", equalTo(source))
                .body("merges[0].mergedBy", equalTo("importer"))
                .body("duplicates.leadId", hasItem(flaggedId));
        // the quoted line break arrived in the name; the name normaliser makes it a space, as for POST /api/leads
        given().get("/api/leads/" + report.at("/rows/5/leadId").asText()).then().body("firstName", equalTo("Multi Line"));

        // one event per stored row, in the outbox with its lead
        assertThat(count("select count(*) from lead where source = $1", source)).isEqualTo(3);
        assertThat(count("select count(*) from outbox_event o join lead l on o.aggregate_id = l.id::text "
                + "where l.source = $1 and o.event_type = 'leadstream.lead.captured.v1'", source)).isEqualTo(3);
        assertThat(rows.capturedEvents(flaggedId)).isEqualTo(1);
        assertThat(count("select count(*) from outbox_event where aggregate_id = $1 "
                + "and event_type = 'leadstream.lead.merged.v1'", existingId)).isEqualTo(1);
    }

    @Test
    void shouldImportNdjsonRowsAndRejectLinesThatAreNoLead() throws Exception {
        String tag = tag();
        String ndjson = """
                {"firstName":"Ada","lastName":"Lovelace","email":"ada+%1$s@example.com","source":"app-%1$s","score":99}

                {"firstName":"Ada","lastName":"Lovelace","email":"ADA+%1$s@example.com","source":"app-%1$s"}
                {"firstName":"Ada", "lastName":
                ["not","an","object"]
                {"firstName":{"nested":true},"lastName":"Lovelace","email":"x+%1$s@example.com"}
                {"firstName":"Grace","lastName":"Hopper","email":"not-an-email","source":"app-%1$s"}
                {"firstName":"Grace","lastName":"Hopper","phone":"+44 20 7946 %2$s","source":"migration"}
                """.formatted(tag, tag.substring(0, 4).replaceAll("[^0-9]", "1"));

        JsonNode report = importBody("application/x-ndjson", ndjson);

        assertThat(outcomes(report)).containsExactly("CREATED", "MERGED", "REJECTED", "REJECTED", "REJECTED",
                "REJECTED", "CREATED");
        assertThat(numbers(report, "line")).containsExactly(1L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(report.at("/rows/1/leadId").asText()).isEqualTo(report.at("/rows/0/leadId").asText());
        assertThat(report.at("/rows/2/detail").asText()).startsWith("the line is not valid JSON");
        assertThat(report.at("/rows/3/detail").asText()).isEqualTo("the line is not a JSON object");
        assertThat(report.at("/rows/4/errors/0/field").asText()).isEqualTo("firstName");
        assertThat(report.at("/rows/5/errors/0/field").asText()).isEqualTo("email");
        assertThat(report.at("/totals/rejected").asLong()).isEqualTo(4);
        assertThat(count("select count(*) from lead where source = $1", "app-" + tag)).isEqualTo(1);
    }

    @Test
    void shouldNameTheImporterAsWhoCapturedEachImportedLead() throws Exception {
        String tag = tag();
        // a capturedBy in a line is not the importer's to set: ignored like any field the request has not
        String ndjson = """
                {"firstName":"Ada","lastName":"Lovelace","email":"ada+%1$s@example.com","source":"fair-%1$s"}
                {"firstName":"Grace","lastName":"Hopper","email":"grace+%1$s@example.com","capturedBy":"rep2"}
                """.formatted(tag);

        JsonNode report = importBody("application/x-ndjson", ndjson);

        assertThat(outcomes(report)).containsExactly("CREATED", "CREATED");
        for (JsonNode row : report.path("rows")) {
            String id = row.path("leadId").asText();
            assertThat(leads.column(id, "captured_by")).isEqualTo("importer");
            List<JsonNode> captured = leads.events(id, "lead.captured");
            assertThat(captured).hasSize(1);
            assertThat(PublishedEvents.assertValid(LeadCaptured.class, captured.get(0)).capturedBy())
                    .isEqualTo("importer");
            given().get("/api/leads/" + id).then().statusCode(200).body("capturedBy", equalTo("importer"));
        }
    }

    @Test
    void shouldImportTenThousandRowsInOneCall() throws Exception {
        String tag = tag();
        String source = "bulk-" + tag;
        int total = 10_000;
        StringBuilder answer = new StringBuilder();
        int status = StreamingClient.post(vertx, "/api/leads/import", "text/csv",
                // each row a person at a company of their own, as in a real list: ten thousand people at one
                // company would make each row's fuzzy duplicate check compare the name with every earlier one
                StreamingClient.rows("firstName,lastName,email,company,source\n", total, n -> n % 1000 == 0
                        ? "Row,%d,not-an-email,Bulk %d Ltd,%s\n".formatted(n, n, source)
                        : "Row,%d,row%d+%s@example.com,Bulk %d Ltd,%s\n".formatted(n, n, tag, n, source)),
                buffer -> answer.append(buffer.toString(StandardCharsets.UTF_8)));

        assertThat(status).isEqualTo(200);
        JsonNode report = mapper.readTree(answer.toString());
        assertThat(report.path("rows")).hasSize(total);
        assertThat(report.at("/totals").toString()).isEqualTo(
                "{\"rows\":10000,\"created\":9990,\"merged\":0,\"flagged\":0,\"rejected\":10,\"failed\":0}");
        assertThat(report.at("/rows/9999/row").asLong()).isEqualTo(10_000);
        assertThat(report.at("/rows/9999/outcome").asText()).isEqualTo("REJECTED");
        assertThat(count("select count(*) from lead where source = $1", source)).isEqualTo(9_990);
        assertThat(count("select count(*) from outbox_event o join lead l on o.aggregate_id = l.id::text "
                + "where l.source = $1", source)).isEqualTo(9_990);
    }

    @Test
    void shouldRefuseUnknownColumnsBeforeImportingAnyRow() {
        String tag = tag();
        given().contentType("text/csv")
                .body("firstName,lastName,email,score,owner\nAda,Lovelace,ada+" + tag + "@example.com,99,rep1\n")
                .post("/api/leads/import")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/import-header"))
                .body("instance", equalTo("/api/leads/import"))
                .body("errors.field", org.hamcrest.Matchers.contains("score", "owner"));
        assertThat(rows.leadsWithEmail("ada+" + tag + "@example.com")).isZero();
    }

    @Test
    void shouldAnswerAnEmptyBodyWith400() {
        for (String type : List.of("text/csv", "application/x-ndjson")) {
            given().contentType(type).body(new byte[0]).post("/api/leads/import")
                    .then().statusCode(400).contentType("application/problem+json").body("type", endsWith("/empty-body"));
        }
    }

    @Test
    void shouldAnswerAnotherContentTypeWith415() {
        given().contentType("application/json").body("{\"firstName\":\"Ada\"}").post("/api/leads/import")
                .then().statusCode(415).contentType("application/problem+json");
        given().contentType("text/csv; charset=no-such-charset").body(bytes("firstName\nAda\n")).post("/api/leads/import")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldNotLetASalesRepImport() {
        given().contentType("text/csv").body(bytes("firstName\nAda\n")).post("/api/leads/import")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void shouldTakeAnImportBodyAboveTheGeneralLimitWhileOtherPathsKeepIt() {
        String tag = tag();
        String padding = "\n".repeat(1_500_000); // blank lines: skipped, but counted against the body limit
        given().contentType("text/csv")
                .body("firstName,lastName,email\nAda,Lovelace,big+" + tag + "@example.com\n" + padding)
                .post("/api/leads/import")
                .then().statusCode(200).body("totals.created", equalTo(1));
        // the service answers 413 from the Content-Length alone and closes the connection: the client asks before it
        // sends the body (Expect: 100-continue), or it may still be writing it and fail with a broken pipe
        given().config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.protocol.expect-continue", true)))
                .contentType("application/json")
                .body("{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"email\":\"big2+" + tag + "@example.com\","
                        + "\"source\":\"web\"}" + " ".repeat(1_500_000))
                .post("/api/leads")
                .then().statusCode(413);
        assertThat(rows.leadsWithEmail("big2+" + tag + "@example.com")).isZero();
    }

    @Test
    void shouldRefuseAnImportBeyondTheConcurrentOnesWith503AndFreeTheSlotsWhenTheyEnd() throws Exception {
        String tag = tag();
        // two imports whose bodies are still arriving hold both slots (leadstream.capture.import.max-concurrent)
        try (Socket finished = openImport(); Socket abandoned = openImport()) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> slots.free() == 0);

            given().contentType("text/csv").body("firstName,lastName,email\nBusy,Import,busy+" + tag + "@example.com\n")
                    .post("/api/leads/import")
                    .then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "30").body("type", endsWith("/imports-busy"));
            assertThat(rows.leadsWithEmail("busy+" + tag + "@example.com")).isZero();

            OutputStream out = finished.getOutputStream();
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)); // the body's last chunk
            out.flush();
            assertThat(new String(finished.getInputStream().readNBytes(12), StandardCharsets.US_ASCII))
                    .isEqualTo("HTTP/1.1 200");
        } // the second client goes away mid-body
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> slots.free() == 2);

        given().contentType("text/csv").body("firstName,lastName,email\nFree,Again,free+" + tag + "@example.com\n")
                .post("/api/leads/import")
                .then().statusCode(200).body("totals.created", equalTo(1));
    }

    /** An import whose header row has arrived and whose body goes on (chunked, not ended). */
    private static Socket openImport() throws IOException {
        Socket socket = new Socket("localhost", RestAssured.port);
        socket.setSoTimeout(60_000);
        String head = "firstName,lastName,email\n";
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/leads/import HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/csv\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(head.length()) + "\r\n" + head + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    @Test
    void shouldAnswerAnImportBodyAboveItsLimitWith413BeforeReadingIt() throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/leads/import HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/csv\r\n"
                    + "Content-Length: 300000000\r\n\r\nfirstName\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json")
                    .contains("/payload-too-large");
        }
    }

    @Test
    void shouldKeepTheRowsImportedBeforeTheBodyFailedAndSayWhyItStopped() {
        String tag = tag();
        String source = "cut-" + tag;
        RowReader failsOnThirdRow = new RowReader() {
            int calls;

            @Override
            public ImportRow next() throws IOException {
                calls++;
                if (calls == 3) {
                    throw new IOException("connection reset by peer");
                }
                return ImportRow.of(calls, calls + 1, mapper.createObjectNode().put("firstName", "Row")
                        .put("lastName", "Number" + calls).put("email", "cut" + calls + "+" + tag + "@example.com")
                        .put("source", source));
            }
        };
        List<LeadImport.Imported> reported = new ArrayList<>();

        LeadImport.Summary summary = imports.run(failsOnThirdRow, new Viewer("importer", true), reported::add);

        assertThat(reported).extracting(LeadImport.Imported::outcome)
                .containsExactly(LeadImport.Outcome.CREATED, LeadImport.Outcome.CREATED);
        assertThat(summary.totals().created()).isEqualTo(2);
        assertThat(summary.aborted()).isEqualTo("reading the body failed after row 2: connection reset by peer; "
                + "the rows reported were imported, the rest were not read");
        assertThat(count("select count(*) from lead where source = $1", source)).isEqualTo(2);
    }

    private JsonNode importBody(String type, String body) throws IOException {
        Response response = given().contentType(type).body(bytes(body)).post("/api/leads/import");
        response.then().statusCode(200).contentType("application/json");
        return mapper.readTree(response.asString());
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> outcomes(JsonNode report) {
        List<String> outcomes = new ArrayList<>();
        report.path("rows").forEach(row -> outcomes.add(row.path("outcome").asText()));
        return outcomes;
    }

    private static List<Long> numbers(JsonNode report, String field) {
        List<Long> numbers = new ArrayList<>();
        report.path("rows").forEach(row -> numbers.add(row.path(field).asLong()));
        return numbers;
    }

    private static String postLead(String first, String last, String email, String source) {
        return given().contentType("application/json")
                .body(LeadDeduplicationTest.body(first, last, email, null, null, null, source))
                .post("/api/leads").then().statusCode(201).extract().path("id");
    }

    private long count(String sql, Object... parameters) {
        return (Long) rows.query(sql, parameters);
    }

    private static String tag() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
