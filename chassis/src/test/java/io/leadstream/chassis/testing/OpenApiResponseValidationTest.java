package io.leadstream.chassis.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

/** The response check every @QuarkusTest gets, on a small document shaped like the services' own. */
class OpenApiResponseValidationTest {

    /** Two operations named "get", as Quarkus' METHOD operation-id strategy writes them. */
    static final String DOCUMENT = """
            ---
            openapi: 3.1.0
            info:
              title: test
              version: "1"
            paths:
              /api/things/{id}:
                get:
                  operationId: get
                  parameters:
                  - name: id
                    in: path
                    required: true
                    schema:
                      type: string
                  responses:
                    "200":
                      description: the thing
                      content:
                        application/json:
                          schema:
                            type: object
                            required:
                            - name
                            properties:
                              name:
                                type: string
                    "404":
                      description: no such thing
              /api/others/{id}:
                get:
                  operationId: get
                  parameters:
                  - name: id
                    in: path
                    required: true
                    schema:
                      type: string
                  responses:
                    "200":
                      description: the other
            """;

    @Test
    void shouldPassADocumentedAnswerAndFailAnUndocumentedStatusOrABodyThatDoesNotFit() {
        OpenApiInteractionValidator validator = OpenApiResponseValidation.validator(DOCUMENT, List.of());

        assertThat(errors(validator, "/api/things/1", 200, "{\"name\":\"x\"}")).isEmpty();
        assertThat(errors(validator, "/api/things/1", 404, null)).isEmpty();
        assertThat(errors(validator, "/api/things/1", 410, null)).contains("validation.response.status.unknown");
        assertThat(errors(validator, "/api/things/1", 200, "{\"title\":\"x\"}"))
                .contains("validation.response.body.schema.required");
    }

    @Test
    void shouldAcceptAKnownGapForExactlyItsOperationAndStatus() {
        OpenApiInteractionValidator validator = OpenApiResponseValidation.validator(DOCUMENT,
                List.of("GET /api/things/{id} 410"));

        assertThat(errors(validator, "/api/things/1", 410, null)).isEmpty();
        assertThat(errors(validator, "/api/things/1", 409, null)).contains("validation.response.status.unknown");
        assertThat(errors(validator, "/api/others/1", 410, null)).contains("validation.response.status.unknown");
        assertThat(errors(validator, "/api/things/1", 200, "{}")).contains("validation.response.body.schema.required");
    }

    @Test
    void shouldRefuseAGapItCannotRead() {
        assertThatThrownBy(() -> OpenApiResponseValidation.validator(DOCUMENT, List.of("GET things 410")))
                .hasMessageContaining("is not 'METHOD /path/{template} STATUS'");
    }

    private static List<String> errors(OpenApiInteractionValidator validator, String path, int status, String body) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        if (body != null) {
            response.withContentType("application/json").withBody(body);
        }
        ValidationReport report = validator.validate(SimpleRequest.Builder.get(path).build(), response.build());
        return report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(ValidationReport.Message::getKey).toList();
    }
}
