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
 * Documents the 401 and 403 problem answers once for every operation under {@code /api/} (all of which
 * need a bearer token, api.md), so the resources do not each repeat them. Runs at build time.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class SecuredOperationsFilter implements OASFilter {

    static final String SECURED_PREFIX = "/api/";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        boolean secured = false;
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            if (!path.getKey().startsWith(SECURED_PREFIX) || path.getValue().getOperations() == null) {
                continue;
            }
            for (Operation operation : path.getValue().getOperations().values()) {
                problem(operation, "401", "no valid bearer token");
                problem(operation, "403", "the token's roles do not allow this");
                secured = true;
            }
        }
        if (secured) {
            ensureProblemSchema(openAPI);
        }
    }

    private static void problem(Operation operation, String status, String description) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        operation.getResponses().addAPIResponse(status, OASFactory.createAPIResponse()
                .description(description)
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem")))));
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
                .addProperty("status", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.INTEGER)))
                .addProperty("detail", string).addProperty("instance", string)
                .addProperty("errors", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.ARRAY))
                        .items(OASFactory.createSchema().ref("FieldError"))));
    }
}
