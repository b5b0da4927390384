package io.leadstream.chassis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.ConfigProvider;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import com.atlassian.oai.validator.whitelist.ValidationErrorsWhitelist;
import com.atlassian.oai.validator.whitelist.rule.WhitelistRules;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.swagger.v3.oas.models.PathItem;

/**
 * Every {@code @QuarkusTest}'s RestAssured responses are checked against the service's committed OpenAPI document
 * ({@code docs/api/<quarkus.application.name>.yaml}) with swagger-request-validator: a status the operation does not
 * document, a body or content type that does not match, a missing required header fails the test. Requests are not
 * validated (tests send bad requests on purpose), and a path the document does not have ({@code /q/health}) is not
 * checked. Registered for every module that has the chassis test-jar on its test classpath
 * ({@code META-INF/services}); a module without a document of its own (the chassis' test application) sets
 * {@code leadstream.openapi.validate-responses=false}.
 * <p>
 * An answer the service gives on purpose but its committed document does not list yet is named in
 * {@code leadstream.openapi.undocumented-responses} ({@code METHOD /path/{template} STATUS}, comma-separated, in the
 * test profile, each with a comment saying why): that status is then accepted for exactly that operation, and
 * nothing else about it is relaxed. The list is the document's known gaps, to be emptied when it may change.
 */
public class OpenApiResponseValidation implements QuarkusTestBeforeEachCallback {

    public static final String ENABLED = "leadstream.openapi.validate-responses";
    public static final String UNDOCUMENTED = "leadstream.openapi.undocumented-responses";

    private static final Map<String, Filter> FILTERS = new ConcurrentHashMap<>();
    private static final Pattern GAP = Pattern.compile("(GET|PUT|POST|DELETE|PATCH|HEAD|OPTIONS)\\s+(/\\S*)\\s+(\\d{3})");

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        var config = ConfigProvider.getConfig();
        if (!config.getOptionalValue(ENABLED, Boolean.class).orElse(Boolean.TRUE)) {
            return;
        }
        String service = config.getValue("quarkus.application.name", String.class);
        List<String> undocumented = config.getOptionalValues(UNDOCUMENTED, String.class).orElse(List.of());
        Filter filter = FILTERS.computeIfAbsent(service + undocumented, key -> filter(service, undocumented));
        if (!RestAssured.filters().contains(filter)) {
            RestAssured.filters(filter);
        }
    }

    /** A RestAssured filter that fails on a response that does not match {@code service}'s committed document. */
    public static Filter filter(String service, List<String> undocumented) {
        Path document = OpenApiContract.committedDocument(service);
        if (!Files.exists(document)) {
            throw new IllegalStateException("no committed OpenAPI document " + document + " to validate " + service
                    + "'s responses against (set " + ENABLED + "=false for a test application without one)");
        }
        try {
            return new OpenApiValidationFilter(validator(Files.readString(document, StandardCharsets.UTF_8), undocumented));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The validator for a document's text. Operation ids play no part in checking a response, and the parser refuses
     * a document in which two operations share one (Quarkus' METHOD strategy names two GETs {@code get}), so they are
     * left out of what it loads; everything else is the document as committed.
     */
    static OpenApiInteractionValidator validator(String document, List<String> undocumented) {
        String withoutOperationIds = document.replaceAll("(?m)^\\s+operationId: .*\\R", "");
        ValidationErrorsWhitelist gaps = ValidationErrorsWhitelist.create();
        for (String entry : undocumented) {
            Matcher gap = GAP.matcher(entry.trim());
            if (!gap.matches()) {
                throw new IllegalArgumentException(UNDOCUMENTED + ": '" + entry + "' is not 'METHOD /path/{template} STATUS'");
            }
            gaps = gaps.withRule(entry.trim(), WhitelistRules.allOf(
                    WhitelistRules.messageHasKey("validation.response.status.unknown"),
                    WhitelistRules.methodIs(PathItem.HttpMethod.valueOf(gap.group(1))),
                    WhitelistRules.pathContainsRegexp("^" + Pattern.quote(gap.group(2)) + "$"),
                    WhitelistRules.responseStatusIs(Integer.parseInt(gap.group(3)))));
        }
        return OpenApiInteractionValidator.createForInlineApiSpecification(withoutOperationIds)
                .withLevelResolver(LevelResolver.create()
                        .withDefaultLevel(ValidationReport.Level.ERROR)
                        .withLevel("validation.request", ValidationReport.Level.IGNORE)
                        .build())
                .withWhitelist(gaps)
                .build();
    }
}
