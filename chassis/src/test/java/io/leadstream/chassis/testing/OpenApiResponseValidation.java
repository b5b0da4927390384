package io.leadstream.chassis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.config.ConfigProvider;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;

/**
 * Every {@code @QuarkusTest}'s RestAssured responses are checked against the service's committed OpenAPI document
 * ({@code docs/api/<quarkus.application.name>.yaml}) with swagger-request-validator: a status the operation does not
 * document, a body or content type that does not match, a missing required header fails the test. Requests are not
 * validated (tests send bad requests on purpose), and a path the document does not have ({@code /q/health}) is not
 * checked. Registered for every module that has the chassis test-jar on its test classpath
 * ({@code META-INF/services}); a module without a document of its own (the chassis' test application) sets
 * {@code leadstream.openapi.validate-responses=false}.
 */
public class OpenApiResponseValidation implements QuarkusTestBeforeEachCallback {

    public static final String ENABLED = "leadstream.openapi.validate-responses";

    private static final Map<String, Filter> FILTERS = new ConcurrentHashMap<>();

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        var config = ConfigProvider.getConfig();
        if (!config.getOptionalValue(ENABLED, Boolean.class).orElse(Boolean.TRUE)) {
            return;
        }
        String service = config.getValue("quarkus.application.name", String.class);
        Filter filter = FILTERS.computeIfAbsent(service, OpenApiResponseValidation::filter);
        if (!RestAssured.filters().contains(filter)) {
            RestAssured.filters(filter);
        }
    }

    /** A RestAssured filter that fails on a response that does not match {@code service}'s committed document. */
    public static Filter filter(String service) {
        Path document = OpenApiContract.committedDocument(service);
        if (!Files.exists(document)) {
            throw new IllegalStateException("no committed OpenAPI document " + document + " to validate " + service
                    + "'s responses against (set " + ENABLED + "=false for a test application without one)");
        }
        String text;
        try {
            text = Files.readString(document, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new OpenApiValidationFilter(OpenApiInteractionValidator.createForInlineApiSpecification(text)
                .withLevelResolver(LevelResolver.create()
                        .withDefaultLevel(ValidationReport.Level.ERROR)
                        .withLevel("validation.request", ValidationReport.Level.IGNORE)
                        .build())
                .build());
    }
}
