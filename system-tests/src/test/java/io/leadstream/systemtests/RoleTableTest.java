package io.leadstream.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * API5 (S3): every operation of the five committed OpenAPI documents, called with a real token of every role, is
 * allowed or refused as docs/security.md's "Roles per operation" table says, and the table names every operation.
 * <p>
 * Allowed means anything but 401 or 403 (and never a 5xx): the calls use ids that do not exist and bodies that are not
 * JSON, so an allowed call ends in 404 or 400 without changing anything. Refused means 403 problem+json, given before
 * the body is read. Three operations start work an unknown id cannot stop (training and promoting the scoring model,
 * rebuilding insights): for those only the refusals are checked here; ScoringTest and the insights service tests use
 * them with an admin token.
 */
class RoleTableTest {

    static final List<String> SERVICES = List.of("capture", "scoring", "distribution", "nurture", "insights");
    static final Pattern ROW = Pattern.compile("^\\| (\\w+) \\| ([A-Z]+) \\| `([^`]+)` \\| ([^|]+) \\|");
    static final Set<String> STARTS_WORK = Set.of("scoring POST /api/scoring/model/train",
            "scoring POST /api/scoring/model/promote", "insights POST /api/insights/rebuild");

    /** Who calls: the roles their token carries and the services whose audience it names. */
    record Caller(String name, Set<String> roles, Set<String> services, Supplier<String> token) {
    }

    static List<Caller> callers() {
        return List.of(
                new Caller("admin", Set.of("lead-admin"), Set.copyOf(SERVICES), () -> Suite.userToken("admin")),
                new Caller("manager", Set.of("sales-manager"), Set.copyOf(SERVICES), () -> Suite.userToken("manager")),
                new Caller("rep1", Set.of("sales-rep"), Set.copyOf(SERVICES), () -> Suite.userToken("rep1")),
                new Caller("crm-app", Set.of("integration"), Set.copyOf(SERVICES), Suite::crmApp),
                new Caller("partner-acme", Set.of("partner"), Set.copyOf(SERVICES),
                        () -> Suite.clientToken("partner-acme", "partner-acme-secret")),
                // the services' own accounts name capture alone in their audience
                new Caller("distribution-service", Set.of("contact-lookup"), Set.of("capture"),
                        () -> Suite.clientToken("distribution-service", "distribution-service-local-secret")),
                new Caller("nurture-service", Set.of("contact-lookup", "consent-writer"), Set.of("capture"),
                        () -> Suite.clientToken("nurture-service", "nurture-service-local-secret")));
    }

    @Test
    void shouldAllowAndRefuseEveryOperationAsTheRoleTableSays() {
        Map<String, Set<String>> table = roleTable();
        Map<String, JsonNode> operations = operations();

        assertThat(operations.keySet()).as("operations missing from docs/security.md's role table")
                .isSubsetOf(table.keySet());
        assertThat(table.keySet()).as("rows of the role table that no OpenAPI document has")
                .isSubsetOf(operations.keySet());

        List<String> differences = new ArrayList<>();
        int calls = 0;
        for (Map.Entry<String, JsonNode> operation : operations.entrySet()) {
            Set<String> allowed = table.get(operation.getKey());
            if (allowed.contains("public")) {
                continue;
            }
            String[] parts = operation.getKey().split(" ", 3);
            for (Caller caller : callers()) {
                if (!caller.services().contains(parts[0])) {
                    continue;
                }
                boolean expected = caller.roles().stream().anyMatch(allowed::contains);
                if (expected && STARTS_WORK.contains(operation.getKey())) {
                    continue;
                }
                Response answer = call(caller, parts[0], parts[1], parts[2], operation.getValue());
                calls++;
                int status = answer.statusCode();
                boolean refused = status == 403 && answer.contentType().startsWith("application/problem+json");
                if (expected ? status == 401 || status == 403 || status >= 500 : !refused) {
                    differences.add(operation.getKey() + " as " + caller.name() + ": " + status + " (expected "
                            + (expected ? "allowed" : "403 problem+json") + ")");
                }
            }
        }
        assertThat(differences).as("operations whose answer differs from the role table (%d calls)", calls).isEmpty();
        assertThat(calls).isGreaterThan(400);
    }

    private static Response call(Caller caller, String service, String method, String path, JsonNode operation) {
        String url = base(service) + fill(path);
        RequestSpecification request = given().auth().oauth2(caller.token().get()).redirects().follow(false);
        JsonNode content = operation.path("requestBody").path("content");
        if (!content.isMissingNode() && content.size() > 0) {
            // not what the operation reads: an allowed caller gets 400, nothing is stored
            request = request.contentType(content.fieldNames().next()).body("{");
        }
        return request.request(method, url);
    }

    /** Path parameters become ids that exist nowhere. */
    private static String fill(String path) {
        Matcher parameter = Pattern.compile("\\{[^}]+}").matcher(path);
        StringBuilder filled = new StringBuilder();
        while (parameter.find()) {
            parameter.appendReplacement(filled, UUID.randomUUID().toString());
        }
        return parameter.appendTail(filled).toString();
    }

    private static String base(String service) {
        return switch (service) {
            case "capture" -> Suite.CAPTURE;
            case "scoring" -> Suite.SCORING;
            case "distribution" -> Suite.DISTRIBUTION;
            case "nurture" -> Suite.NURTURE;
            case "insights" -> Suite.INSIGHTS;
            default -> throw new IllegalArgumentException(service);
        };
    }

    /** "service METHOD path" → allowed roles, from docs/security.md. */
    static Map<String, Set<String>> roleTable() {
        Map<String, Set<String>> table = new LinkedHashMap<>();
        for (String line : lines(Suite.repository().resolve("docs/security.md"))) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                Set<String> roles = Arrays.stream(row.group(4).split(",")).map(String::strip)
                        .collect(Collectors.toCollection(LinkedHashSet::new));
                assertThat(table.put(row.group(1) + " " + row.group(2) + " " + row.group(3), roles))
                        .as("a row named twice: %s", line).isNull();
            }
        }
        return table;
    }

    /** "service METHOD path" → the operation, from docs/api/<service>-service.yaml. */
    static Map<String, JsonNode> operations() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Map<String, JsonNode> operations = new LinkedHashMap<>();
        for (String service : SERVICES) {
            try {
                JsonNode paths = yaml.readTree(Suite.repository().resolve("docs/api/" + service + "-service.yaml").toFile())
                        .path("paths");
                for (Iterator<Map.Entry<String, JsonNode>> p = paths.fields(); p.hasNext();) {
                    Map.Entry<String, JsonNode> path = p.next();
                    for (Iterator<Map.Entry<String, JsonNode>> o = path.getValue().fields(); o.hasNext();) {
                        Map.Entry<String, JsonNode> operation = o.next();
                        if (operation.getValue().has("responses")) {
                            operations.put(service + " " + operation.getKey().toUpperCase() + " " + path.getKey(),
                                    operation.getValue());
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return operations;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
