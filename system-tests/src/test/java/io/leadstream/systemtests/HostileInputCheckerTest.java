package io.leadstream.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.leadstream.systemtests.HostileInput.Answer;
import io.leadstream.systemtests.HostileInput.Operation;

/**
 * The hostile-input properties' check itself, on hand-made answers to capture's {@code GET /api/leads/{id}} (no suite
 * needed): it would fail on a 5xx, an error that is not problem+json, an undocumented status or content type and a
 * body that does not match the committed document; and on a successful write that carries back a never-writable field
 * the request sent (API3).
 */
class HostileInputCheckerTest {

    static final Operation READ_LEAD = HostileInput.operations("capture", Map.of(), Set.of()).stream()
            .filter(o -> o.key().equals("capture GET /api/leads/{id}")).findFirst().orElseThrow();
    static final String PROBLEM = """
            {"type":"https://leadstream.dev/problems/not-found","title":"Not found","status":404,"detail":"no lead"}""";

    @Test
    void shouldPassADocumentedProblemAndADocumentedLead() {
        assertThat(HostileInput.violations(READ_LEAD, new Answer(404, "application/problem+json", PROBLEM))).isEmpty();
        assertThat(HostileInput.violations(READ_LEAD, new Answer(200, "application/json;charset=UTF-8", """
                {"id":"6f1c1c9e-7a39-4c1e-9d35-1d7f1f0f5d2a","firstName":"Ada","lastName":"Lovelace"}""")))
                .isEmpty();
    }

    @Test
    void shouldFailAServerError() {
        assertThat(HostileInput.violations(READ_LEAD, new Answer(500, "application/problem+json", PROBLEM
                .replace("404", "500")))).anyMatch(v -> v.contains("server error"));
    }

    @Test
    void shouldFailAnErrorThatIsNotProblemJson() {
        assertThat(HostileInput.violations(READ_LEAD, new Answer(404, "text/plain", "Not Found")))
                .anyMatch(v -> v.contains("not application/problem+json"))
                .anyMatch(v -> v.contains("content type text/plain"));
        assertThat(HostileInput.violations(READ_LEAD, new Answer(404, "application/problem+json",
                "{\"status\":404}"))).anyMatch(v -> v.contains("without type and title"));
        assertThat(HostileInput.violations(READ_LEAD, new Answer(404, "application/problem+json",
                PROBLEM.replace("\"status\":404", "\"status\":400")))).anyMatch(v -> v.contains("status is not 404"));
    }

    @Test
    void shouldFailAnUndocumentedStatus() {
        assertThat(HostileInput.violations(READ_LEAD, new Answer(418, "application/problem+json",
                PROBLEM.replace("404", "418")))).anyMatch(v -> v.contains("status 418 is not documented"));
    }

    @Test
    void shouldFailABodyThatDoesNotMatchTheDocumentedSchema() {
        List<String> violations = HostileInput.violations(READ_LEAD, new Answer(200, "application/json", """
                {"id":42,"firstName":["Ada"]}"""));
        assertThat(violations).filteredOn(v -> v.contains("does not match its schema")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(HostileInput.violations(READ_LEAD, new Answer(200, "application/json", "not json")))
                .anyMatch(v -> v.contains("not JSON"));
    }

    @Test
    void shouldFailAWriteThatTookANeverWritableField() {
        assertThat(HostileInput.written(new Answer(201, "application/json", """
                {"id":"6f1c1c9e-7a39-4c1e-9d35-1d7f1f0f5d2a","lead":{"owner":"hostile-owner","score":4242}}""")))
                .anyMatch(v -> v.contains("wrote owner")).anyMatch(v -> v.contains("wrote score"));
        assertThat(HostileInput.written(new Answer(201, "application/json", """
                {"id":"6f1c1c9e-7a39-4c1e-9d35-1d7f1f0f5d2a","owner":"rep1","score":42}"""))).isEmpty();
        assertThat(HostileInput.written(new Answer(400, "application/problem+json", """
                {"detail":"owner hostile-owner","owner":"hostile-owner"}"""))).as("a refusal writes nothing").isEmpty();
    }
}
