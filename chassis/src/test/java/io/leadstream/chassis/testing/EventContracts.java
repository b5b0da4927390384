package io.leadstream.chassis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.leadstream.chassis.events.DomainEvent;
import io.leadstream.chassis.events.EventTypes;
import io.leadstream.chassis.inbox.EventHandlers;

/**
 * Event contracts, one line per event. The producing service owns each event's JSON Schema, with at least one
 * example in its {@code examples} ({@code <service>/src/main/resources/events/<name>.v<n>.json}); consumers keep
 * their own record types (architecture.md, "Events"). These checks hold both sides to that schema:
 *
 * <pre>
 * EventContracts.assertPublishes(LeadScored.class);                        // producer
 * EventContracts.assertConsumes(LeadCapturedEvent.class, "capture-service"); // consumer
 * EventContracts.assertCovers(consumer.handlers(), "capture-service");       // consumer's handler table
 * </pre>
 *
 * Records are written and read as Quarkus' default {@link ObjectMapper} does (ISO dates, unknown properties
 * ignored when reading).
 */
public final class EventContracts {

    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectMapper STRICT = MAPPER.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private EventContracts() {
    }

    /**
     * The producer's side of {@code type}'s event: its schema is in this module's {@code events/}; every example in
     * it is valid, is read by {@code type} without a property left over, and written back valid; {@code type} has
     * every property the schema requires and none it does not declare; and every {@code sample} (an event as the
     * code builds it) is written valid.
     */
    public static void assertPublishes(Class<? extends DomainEvent> type, DomainEvent... samples) {
        EventTypes.Name name = EventTypes.of(type);
        Schema schema = Schema.fromClasspath(name);
        List<String> problems = new ArrayList<>();
        compare(MAPPER.constructType(type), schema.root(), schema, "", true, problems);
        for (JsonNode example : schema.examples()) {
            try {
                Object read = STRICT.treeToValue(example, type);
                problems.addAll(schema.errors(MAPPER.valueToTree(read), "example written back by " + type.getSimpleName()));
            } catch (IOException | IllegalArgumentException e) {
                problems.add(type.getSimpleName() + " cannot read the example " + example + ": " + e.getMessage());
            }
        }
        for (DomainEvent sample : samples) {
            if (!type.isInstance(sample)) {
                problems.add("sample " + sample + " is not a " + type.getSimpleName());
                continue;
            }
            problems.addAll(schema.errors(MAPPER.valueToTree(sample), "sample " + sample));
        }
        fail(name, type, problems);
    }

    /**
     * The consumer's side: {@code type} reads {@code producer}'s event named by its {@code @EventType}; every
     * property it reads is one the producer's schema declares, with a compatible JSON type; and every example of the
     * schema is valid and read by {@code type}. Answers the examples as read, for further assertions.
     */
    public static <T> List<T> assertConsumes(Class<T> type, String producer) {
        return assertConsumes(type, eventsOf(producer));
    }

    /** As {@link #assertConsumes(Class, String)}, with the producer's schemas in {@code schemas}. */
    public static <T> List<T> assertConsumes(Class<T> type, Path schemas) {
        EventTypes.Name name = EventTypes.of(type);
        Schema schema = Schema.fromDirectory(schemas, name);
        List<String> problems = new ArrayList<>();
        compare(MAPPER.constructType(type), schema.root(), schema, "", false, problems);
        List<T> read = new ArrayList<>();
        for (JsonNode example : schema.examples()) {
            try {
                read.add(MAPPER.treeToValue(example, type));
            } catch (IOException | IllegalArgumentException e) {
                problems.add(type.getSimpleName() + " cannot read the example " + example + ": " + e.getMessage());
            }
        }
        fail(name, type, problems);
        return read;
    }

    /**
     * Every event type {@code producer} publishes (its {@code events/} schemas: one topic per producer) is either
     * handled or ignored, with a reason, by {@code handlers}; and the table names no type the producer does not
     * publish.
     */
    public static void assertCovers(EventHandlers handlers, String producer) {
        assertCovers(handlers, eventsOf(producer));
    }

    /** As {@link #assertCovers(EventHandlers, String)}, with the producer's schemas in {@code schemas}. */
    public static void assertCovers(EventHandlers handlers, Path schemas) {
        String producer = schemas.toString();
        Set<String> published = new TreeSet<>();
        try (Stream<Path> files = Files.list(schemas)) {
            files.map(file -> file.getFileName().toString()).filter(file -> file.endsWith(".json"))
                    .map(file -> "leadstream." + file.substring(0, file.length() - ".json".length()))
                    .forEach(published::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + producer + "'s event schemas", e);
        }
        Set<String> declared = new HashSet<>(handlers.handled().keySet());
        declared.addAll(handlers.ignored().keySet());
        Set<String> missing = new TreeSet<>(published);
        missing.removeAll(declared);
        Set<String> unknown = new TreeSet<>(declared);
        unknown.removeAll(published);
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw new AssertionError(handlers.consumer() + " reads " + producer + "'s topic but "
                    + (missing.isEmpty() ? "" : "neither handles nor ignores (with a reason) " + missing)
                    + (!missing.isEmpty() && !unknown.isEmpty() ? ", and " : "")
                    + (unknown.isEmpty() ? "" : "names types " + producer + " does not publish: " + unknown));
        }
    }

    /** Where {@code producer} (a module, e.g. {@code capture-service}) keeps its events' schemas. */
    /**
     * {@code data} is a valid event of CloudEvents type {@code ceType} ({@code leadstream.lead.captured.v1}) as
     * {@code producer} publishes it: for recorded or hand-written event sequences a consumer's tests replay, so that
     * they cannot drift from what the producer sends.
     */
    public static void assertValid(String producer, String ceType, JsonNode data) {
        String name = io.leadstream.chassis.events.CloudEvents.eventName(ceType);
        int version = Integer.parseInt(ceType.substring(ceType.lastIndexOf(".v") + 2));
        Schema schema = Schema.fromDirectory(eventsOf(producer), new EventTypes.Name(name, version));
        List<String> errors = schema.errors(data, ceType + " " + data);
        if (!errors.isEmpty()) {
            throw new AssertionError(String.join("\n", errors));
        }
    }

    static Path eventsOf(String producer) {
        return Repository.root().resolve(producer).resolve("src/main/resources/events");
    }

    private static void fail(EventTypes.Name name, Class<?> type, List<String> problems) {
        if (!problems.isEmpty()) {
            throw new AssertionError(type.getSimpleName() + " does not fit the schema of " + name + ":\n  - "
                    + String.join("\n  - ", problems));
        }
    }

    /**
     * Compares a Java type with the schema node describing it. {@code exact}: the producer, who must write every
     * required property and nothing undeclared; otherwise a consumer, who may read any subset of what is declared.
     */
    private static void compare(JavaType type, JsonNode node, Schema schema, String path, boolean exact,
            List<String> problems) {
        node = schema.resolve(node);
        Class<?> raw = type.getRawClass();
        String where = path.isEmpty() ? "the event" : path;
        Set<String> kinds = kinds(node);
        String expected = jsonKind(type);
        if (expected == null) {
            return; // JsonNode, Object: reads anything
        }
        if (!kinds.isEmpty() && !kinds.contains(expected) && !("number".equals(expected) && kinds.contains("integer"))
                && !("integer".equals(expected) && kinds.contains("number"))) {
            problems.add(where + " is " + raw.getSimpleName() + " (" + expected + ") but the schema says " + kinds);
            return;
        }
        if ("array".equals(expected)) {
            JavaType item = type.getContentType();
            if (item != null && node.has("items")) {
                compare(item, node.get("items"), schema, path + "[]", exact, problems);
            }
        } else if ("object".equals(expected) && !Map.class.isAssignableFrom(raw) && !JsonNode.class.isAssignableFrom(raw)) {
            JsonNode properties = node.path("properties");
            Set<String> javaProperties = new LinkedHashSet<>();
            for (BeanPropertyDefinition property : properties(type, exact)) {
                String child = path.isEmpty() ? property.getName() : path + "." + property.getName();
                javaProperties.add(property.getName());
                if (!properties.has(property.getName())) {
                    problems.add(child + " is " + (exact ? "written" : "read") + " but the schema does not declare it");
                    continue;
                }
                compare(property.getPrimaryType(), properties.get(property.getName()), schema, child, exact, problems);
            }
            if (exact) {
                for (Iterator<JsonNode> it = node.path("required").elements(); it.hasNext();) {
                    String required = it.next().asText();
                    if (!javaProperties.contains(required)) {
                        problems.add((path.isEmpty() ? required : path + "." + required)
                                + " is required by the schema but " + raw.getSimpleName() + " has no such property");
                    }
                }
            }
        }
    }

    private static List<BeanPropertyDefinition> properties(JavaType type, boolean written) {
        BeanDescription description = written ? MAPPER.getSerializationConfig().introspect(type)
                : MAPPER.getDeserializationConfig().introspect(type);
        return description.findProperties().stream()
                .filter(p -> written ? p.couldSerialize() : p.couldDeserialize() || p.hasConstructorParameter())
                .toList();
    }

    /** The JSON type a Java type is written as; null for "anything". */
    private static String jsonKind(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (raw == Object.class || JsonNode.class.isAssignableFrom(raw)) {
            return null;
        }
        if (raw == String.class || raw == UUID.class || raw.isEnum() || Temporal.class.isAssignableFrom(raw)
                || raw == java.net.URI.class || raw == java.util.Currency.class || raw == java.time.Duration.class
                || raw == java.time.ZoneId.class || CharSequence.class.isAssignableFrom(raw)) {
            return "string";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "boolean";
        }
        if (raw == int.class || raw == long.class || raw == short.class || raw == Integer.class || raw == Long.class
                || raw == Short.class || raw == BigInteger.class) {
            return "integer";
        }
        if (raw == double.class || raw == float.class || raw == Double.class || raw == Float.class
                || raw == BigDecimal.class) {
            return "number";
        }
        if (type.isArrayType() || Collection.class.isAssignableFrom(raw)) {
            return "array";
        }
        return "object";
    }

    private static Set<String> kinds(JsonNode node) {
        Set<String> kinds = new LinkedHashSet<>();
        JsonNode type = node.path("type");
        if (type.isTextual()) {
            kinds.add(type.asText());
        } else if (type.isArray()) {
            type.forEach(t -> kinds.add(t.asText()));
        }
        kinds.remove("null");
        return kinds;
    }

    /** One event's JSON Schema. */
    private record Schema(JsonNode root, JsonSchema validator, String location) {

        static Schema fromClasspath(EventTypes.Name name) {
            String resource = "/events/" + name.schemaName() + ".json";
            try (var in = EventContracts.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new AssertionError("no schema " + resource + " in this module (src/main/resources" + resource
                            + "): the producer owns its events' schemas");
                }
                return of(MAPPER.readTree(in), "src/main/resources" + resource);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static Schema fromDirectory(Path schemas, EventTypes.Name name) {
            Path file = schemas.resolve(name.schemaName() + ".json");
            if (!Files.exists(file)) {
                throw new AssertionError("no producer publishes " + name + " here: there is no " + file);
            }
            try {
                return of(MAPPER.readTree(file.toFile()), file.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static Schema of(JsonNode root, String location) {
            JsonSchema validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root);
            Schema schema = new Schema(root, validator, location);
            if (!root.path("examples").isArray() || root.path("examples").isEmpty()) {
                throw new AssertionError(location + " has no examples: give at least one realistic event in \"examples\"");
            }
            for (JsonNode example : root.path("examples")) {
                List<String> errors = schema.errors(example, "the example " + example);
                if (!errors.isEmpty()) {
                    throw new AssertionError(location + ": " + String.join("; ", errors));
                }
            }
            return schema;
        }

        List<JsonNode> examples() {
            List<JsonNode> examples = new ArrayList<>();
            root.path("examples").forEach(examples::add);
            return examples;
        }

        List<String> errors(JsonNode json, String what) {
            Set<ValidationMessage> messages = validator.validate(json);
            return messages.stream().map(m -> what + " is invalid: " + m.getMessage()).toList();
        }

        /** Follows a local {@code $ref} ({@code #/$defs/...}). */
        JsonNode resolve(JsonNode node) {
            JsonNode ref = node.path("$ref");
            if (ref.isTextual() && ref.asText().startsWith("#/")) {
                return resolve(root.at(ref.asText().substring(1)));
            }
            return node instanceof ObjectNode ? node : MAPPER.createObjectNode();
        }
    }
}
