package io.leadstream.chassis.testing;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;

/**
 * Keeps the committed OpenAPI document ({@code docs/api/<service>.yaml}) equal to what the code serves
 * at {@code /q/openapi}. A difference fails the test with a hint; run the service's tests with
 * {@code -Dleadstream.openapi.update=true} to rewrite the file after an intended change, then review
 * and commit it.
 */
public final class OpenApiContract {

    public static final String UPDATE_PROPERTY = "leadstream.openapi.update";

    private OpenApiContract() {
    }

    /** The repository's {@code docs/api/<service>.yaml}, found from the module directory the tests run in. */
    public static Path committedDocument(String service) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs/api")) && !Files.exists(dir.resolve(".git"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("docs/api").resolve(service + ".yaml");
    }

    /**
     * An operationId says what the operation does, as the method name of a generated client: a verb and what it acts
     * on ({@code getLead}, {@code listFollowUps}), never a bare verb such as {@code get} or {@code update}.
     */
    static final Pattern OPERATION_ID = Pattern.compile("^(get|list|search|count|create|replace|patch|put|define|erase|"
            + "delete|record|merge|submit|preflight|confirm|receive|verify|log|import|claim|reassign|share|accept|"
            + "decline|simulate|train|promote|start|schedule|complete|send|enrol|stop|move|preview|retry|"
            + "unsubscribe)[A-Z][A-Za-z]*$|^unsubscribe$");

    /**
     * Fetches the served document, checks that its operationIds are unique and say what they do
     * ({@link #OPERATION_ID}), and compares it with the committed one. Returns the served text.
     */
    public static String assertServedDocumentMatchesCommitted(String service) {
        String served = normalise(given().accept("application/yaml").get(Management.url("/q/openapi?format=yaml"))
                .then().statusCode(200).extract().asString());
        assertOperationIdsNameTheirOperation(served);
        Path committed = committedDocument(service);
        try {
            if (Boolean.getBoolean(UPDATE_PROPERTY)) {
                Files.createDirectories(committed.getParent());
                Files.writeString(committed, served, StandardCharsets.UTF_8);
                return served;
            }
            if (!Files.exists(committed)) {
                throw new AssertionError(committed + " is missing: run the tests with -D" + UPDATE_PROPERTY
                        + "=true to write it, then commit it");
            }
            String expected = normalise(Files.readString(committed, StandardCharsets.UTF_8));
            if (!expected.equals(served)) {
                throw new AssertionError("the OpenAPI document served at /q/openapi differs from " + committed
                        + " (first difference at line " + firstDifferentLine(expected, served) + "). If the API change "
                        + "is intended, run the tests with -D" + UPDATE_PROPERTY + "=true and commit the file.");
            }
            return served;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every operationId of {@code document} (YAML) is unique and matches {@link #OPERATION_ID}. */
    static void assertOperationIdsNameTheirOperation(String document) {
        OpenAPI api = new OpenAPIV3Parser().readContents(document).getOpenAPI();
        Map<String, String> seen = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            String where = method + " " + path;
            String id = operation.getOperationId();
            if (id == null || !OPERATION_ID.matcher(id).matches()) {
                problems.add(where + ": operationId " + id + " does not say what it does (a verb and its object)");
            } else if (seen.putIfAbsent(id, where) != null) {
                problems.add(where + ": operationId " + id + " is also " + seen.get(id));
            }
        }));
        if (!problems.isEmpty()) {
            throw new AssertionError("operationIds (set them with @Operation(operationId = ...)):\n  "
                    + String.join("\n  ", problems));
        }
    }

    static String normalise(String text) {
        String unix = text.replace("\r\n", "\n").stripTrailing();
        return unix + "\n";
    }

    static int firstDifferentLine(String a, String b) {
        String[] left = a.split("\n", -1);
        String[] right = b.split("\n", -1);
        int n = Math.min(left.length, right.length);
        for (int i = 0; i < n; i++) {
            if (!left[i].equals(right[i])) {
                return i + 1;
            }
        }
        return n + 1;
    }
}
