package io.leadstream.chassis.openapi;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Declares in the contract the bounds that every service enforces whether or not a field names its own (OWASP API4:
 * unbounded strings, arrays and integers invite resource exhaustion), so that each string, array and integer of the
 * five documents has one. A bound the code declares itself ({@code @Size}, {@code @Max}, an enum) is never touched;
 * this fills in only what is missing, and only with a bound that really holds:
 * <ul>
 * <li>a string in a body: {@value #BODY_CHARS} characters, the largest JSON body a service reads
 * ({@code quarkus.http.limits.max-body-size=1M}; a longer one is a 413 before any code runs); formatted strings
 * their format's longest form (a UUID 36, an e-mail address 254, a date-time 64: anything longer does not parse);</li>
 * <li>a string in a path or query: {@value #LINE_CHARS}, the limit on the request line
 * ({@code quarkus.http.limits.max-initial-line-length}; a longer one is a 414); in a request header {@value #HEADER_CHARS},
 * the limit on all headers together ({@code max-header-size}; 431);</li>
 * <li>an array: {@value #BODY_ITEMS} items, the most a 1 MiB body can hold ({@code [0,0,…]});</li>
 * <li>an integer: the range of its format (int32 where the schema says so, otherwise int64: a larger number does not
 * bind to the Java field and is a 400).</li>
 * </ul>
 * It also documents the {@code RateLimit-*} headers ({@code ratelimit.RateLimiter}) on the 2xx and 4xx answers of every
 * operation that can answer 429.
 */
final class ContractLimits {

    static final int BODY_CHARS = 1_048_576;
    static final int BODY_ITEMS = BODY_CHARS / 2;
    static final int LINE_CHARS = 4_096;
    static final int HEADER_CHARS = 20_480;
    private static final Map<String, Integer> FORMAT_CHARS = Map.of("uuid", 36, "email", 254, "date-time", 64,
            "date", 32, "time", 32, "duration", 64, "uri", 2_048);

    private ContractLimits() {
    }

    static void declare(OpenAPI openAPI) {
        Set<Schema> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        if (openAPI.getComponents() != null && openAPI.getComponents().getSchemas() != null) {
            openAPI.getComponents().getSchemas().values().forEach(schema -> bound(schema, BODY_CHARS, seen));
        }
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            parameters(path.getParameters(), seen);
            if (path.getOperations() == null) {
                continue;
            }
            for (Operation operation : path.getOperations().values()) {
                parameters(operation.getParameters(), seen);
                if (operation.getRequestBody() != null) {
                    content(operation.getRequestBody().getContent(), seen);
                }
                if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
                    continue;
                }
                boolean limited = operation.getResponses().hasAPIResponse("429");
                for (Map.Entry<String, APIResponse> response : operation.getResponses().getAPIResponses().entrySet()) {
                    if (limited && (response.getKey().startsWith("2") || response.getKey().startsWith("4"))) {
                        rateLimitHeaders(openAPI, response.getValue());
                    }
                    content(response.getValue().getContent(), seen);
                    if (response.getValue().getHeaders() != null) {
                        for (Header header : response.getValue().getHeaders().values()) {
                            bound(header.getSchema(), LINE_CHARS, seen);
                        }
                    }
                }
            }
        }
    }

    /** The quota headers, once in components; the answers refer to them. */
    private static final List<Map.Entry<String, String>> RATE_LIMIT_HEADERS = List.of(
            Map.entry("RateLimit-Limit", "requests allowed per window"),
            Map.entry("RateLimit-Remaining", "requests left in this window"),
            Map.entry("RateLimit-Reset", "seconds until the window starts again"),
            Map.entry("RateLimit-Policy", "the quota as <permits>;w=<window seconds>"));

    private static void rateLimitHeaders(OpenAPI openAPI, APIResponse response) {
        for (Map.Entry<String, String> header : RATE_LIMIT_HEADERS) {
            String name = header.getKey();
            if (openAPI.getComponents().getHeaders() == null || !openAPI.getComponents().getHeaders().containsKey(name)) {
                Schema schema = name.equals("RateLimit-Policy")
                        ? OASFactory.createSchema().addType(Schema.SchemaType.STRING).maxLength(64)
                        : OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32")
                                .minimum(BigDecimal.ZERO).maximum(BigDecimal.valueOf(Integer.MAX_VALUE));
                openAPI.getComponents().addHeader(name, OASFactory.createHeader()
                        .description(header.getValue() + " (sent when the caller has a quota here)").schema(schema));
            }
            if (response.getHeaders() == null || !response.getHeaders().containsKey(name)) {
                response.addHeader(name, OASFactory.createHeader().ref(name));
            }
        }
    }

    private static void parameters(List<Parameter> parameters, Set<Schema> seen) {
        if (parameters != null) {
            parameters.forEach(parameter -> bound(parameter.getSchema(),
                    parameter.getIn() == Parameter.In.HEADER ? HEADER_CHARS : LINE_CHARS, seen));
        }
    }

    private static void content(Content content, Set<Schema> seen) {
        if (content == null || content.getMediaTypes() == null) {
            return;
        }
        for (MediaType mediaType : content.getMediaTypes().values()) {
            bound(mediaType.getSchema(), BODY_CHARS, seen);
        }
    }

    /** Fills in the missing bounds of a schema and of every schema inside it; a reference is bounded where it points. */
    static void bound(Schema schema, int chars, Set<Schema> seen) {
        if (schema == null || schema.getRef() != null || !seen.add(schema)) {
            return;
        }
        List<Schema.SchemaType> types = schema.getType() == null ? List.of() : schema.getType();
        boolean fixed = schema.getEnumeration() != null || schema.getConstValue() != null;
        if (types.contains(Schema.SchemaType.STRING) && !fixed && schema.getMaxLength() == null) {
            schema.setMaxLength(schema.getFormat() == null ? chars : FORMAT_CHARS.getOrDefault(schema.getFormat(), chars));
        }
        if (types.contains(Schema.SchemaType.ARRAY) && schema.getMaxItems() == null) {
            schema.setMaxItems(BODY_ITEMS);
        }
        if (types.contains(Schema.SchemaType.INTEGER) && !fixed) {
            if (schema.getFormat() == null) {
                schema.setFormat("int64");
            }
            boolean int32 = "int32".equals(schema.getFormat());
            if (schema.getMinimum() == null && schema.getExclusiveMinimum() == null) {
                schema.setMinimum(BigDecimal.valueOf(int32 ? Integer.MIN_VALUE : Long.MIN_VALUE));
            }
            if (schema.getMaximum() == null && schema.getExclusiveMaximum() == null) {
                schema.setMaximum(BigDecimal.valueOf(int32 ? Integer.MAX_VALUE : Long.MAX_VALUE));
            }
        }
        bound(schema.getItems(), chars, seen);
        bound(schema.getNot(), chars, seen);
        bound(schema.getAdditionalPropertiesSchema(), chars, seen);
        for (List<Schema> list : java.util.Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf(),
                schema.getPrefixItems())) {
            if (list != null) {
                list.forEach(inner -> bound(inner, chars, seen));
            }
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(inner -> bound(inner, chars, seen));
        }
    }
}
