package io.leadstream.chassis.openapi;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;

import io.leadstream.chassis.problem.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Documents the problem answers every operation shares once, so the resources do not each repeat them: 401, 403 and
 * the 429 of a client's quota ({@code ratelimit.CallerQuota}) on every operation under {@code /api/} (all of which
 * need a bearer token, api.md), and on every operation the 503
 * with {@code Retry-After} that a request gets while the service cannot reach its database (the chassis'
 * {@code ProblemMappers}: a failure that will pass); where a resource documents none, the 400 of a malformed body or
 * parameter and the 415 of a body of another media type. Then {@link ContractLimits} fills in the bounds every service
 * enforces. Runs at build time.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class CommonProblemsFilter implements OASFilter {

    static final String SECURED_PREFIX = "/api/";
    static final String QUOTA = "over the calling client's quota (integration clients, and partners where the service has "
            + "a partner quota; people have none): nothing was done; send the request again after Retry-After seconds";
    static final String INVALID_BODY = "the body or a parameter is not valid (malformed JSON, a wrong type, a missing or "
            + "too long field): nothing was done; errors names the fields";
    static final String INVALID_PARAMETER = "a parameter is not valid (a wrong type, out of range): nothing was done";
    static final String UNSUPPORTED = "the body is not of a media type this operation reads: nothing was done";
    static final String UNAVAILABLE = "the service cannot reach its database (or another part that will be back) right "
            + "now; nothing was changed: send the request again after Retry-After seconds";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        boolean documented = false;
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            if (path.getKey().startsWith("/q/") || path.getValue().getOperations() == null) {
                continue;
            }
            for (Operation operation : path.getValue().getOperations().values()) {
                if (path.getKey().startsWith(SECURED_PREFIX)) {
                    problem(operation, "401", "no valid bearer token", false);
                    problem(operation, "403", "the token's roles do not allow this", false);
                    problem(operation, "429", QUOTA, true);
                }
                // what Quarkus and the chassis' mappers answer to a malformed request, where the resource says nothing
                if (operation.getRequestBody() != null) {
                    problemUnlessDocumented(operation, "400", INVALID_BODY);
                    problemUnlessDocumented(operation, "415", UNSUPPORTED);
                } else if (hasParameters(path.getValue(), operation)) {
                    problemUnlessDocumented(operation, "400", INVALID_PARAMETER);
                }
                problem(operation, "503", UNAVAILABLE, true);
                documented = true;
            }
        }
        if (documented) {
            ensureProblemSchema(openAPI);
        }
        ContractLimits.declare(openAPI); // last, so that the answers added here get their bounds too
    }

    private static boolean hasParameters(PathItem path, Operation operation) {
        return (operation.getParameters() != null && !operation.getParameters().isEmpty())
                || (path.getParameters() != null && !path.getParameters().isEmpty());
    }

    private static void problemUnlessDocumented(Operation operation, String status, String description) {
        if (operation.getResponses() == null || !operation.getResponses().hasAPIResponse(status)) {
            problem(operation, status, description, false);
        }
    }

    private static void problem(Operation operation, String status, String description, boolean retryAfter) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        if (retryAfter && operation.getResponses().hasAPIResponse(status)) {
            return; // the resource says more about its 503 or 429 (401 and 403 replace the generated "Not Authorized" ones)
        }
        var response = OASFactory.createAPIResponse()
                .description(description)
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem"))));
        if (retryAfter) {
            response.addHeader("Retry-After", OASFactory.createHeader().description("seconds to wait before trying again")
                    .schema(OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.INTEGER)).format("int32")
                            .minimum(java.math.BigDecimal.ZERO).maximum(java.math.BigDecimal.valueOf(Integer.MAX_VALUE))));
        }
        operation.getResponses().addAPIResponse(status, response);
    }

    /** Problem (and FieldError) exist in components even where no resource references them itself. */
    private static void ensureProblemSchema(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        if (schemas != null && schemas.containsKey("Problem")) {
            return;
        }
        openAPI.getComponents().addSchema("FieldError", OASFactory.createSchema()
                .type(java.util.List.of(Schema.SchemaType.OBJECT))
                .addProperty("field", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.STRING)))
                .addProperty("message", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.STRING))));
        Schema string = OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.STRING));
        openAPI.getComponents().addSchema("Problem", OASFactory.createSchema()
                .type(java.util.List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem detail")
                .addProperty("type", string).addProperty("title", string)
                .addProperty("status", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.INTEGER))
                        .format("int32").minimum(java.math.BigDecimal.valueOf(400)).maximum(java.math.BigDecimal.valueOf(599)))
                .addProperty("detail", string).addProperty("instance", string)
                .addProperty("errors", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.ARRAY))
                        .items(OASFactory.createSchema().ref("FieldError"))));
    }
}
