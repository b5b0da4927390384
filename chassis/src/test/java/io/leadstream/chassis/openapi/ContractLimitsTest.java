package io.leadstream.chassis.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.junit.jupiter.api.Test;

class ContractLimitsTest {

    private static Schema of(Schema.SchemaType type) {
        return OASFactory.createSchema().type(List.of(type));
    }

    private static Operation operation(String... statuses) {
        var responses = OASFactory.createAPIResponses();
        for (String status : statuses) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(status));
        }
        return OASFactory.createOperation().responses(responses);
    }

    @Test
    void shouldFillInOnlyTheMissingBoundsWithTheOnesThePlatformEnforces() {
        Schema declared = of(Schema.SchemaType.STRING).maxLength(100);
        Schema choice = of(Schema.SchemaType.STRING).enumeration(List.of("A", "B"));
        Schema free = of(Schema.SchemaType.STRING);
        Schema uuid = of(Schema.SchemaType.STRING).format("uuid");
        Schema count = of(Schema.SchemaType.INTEGER).format("int32").minimum(BigDecimal.ZERO);
        Schema bare = of(Schema.SchemaType.INTEGER);
        Schema tags = of(Schema.SchemaType.ARRAY).items(of(Schema.SchemaType.STRING));
        Schema reference = OASFactory.createSchema().ref("Other");
        OpenAPI openAPI = OASFactory.createOpenAPI().components(OASFactory.createComponents().addSchema("Thing",
                of(Schema.SchemaType.OBJECT).addProperty("declared", declared).addProperty("choice", choice)
                        .addProperty("free", free).addProperty("uuid", uuid).addProperty("count", count)
                        .addProperty("bare", bare).addProperty("tags", tags).addProperty("other", reference)));

        ContractLimits.declare(openAPI);

        assertThat(declared.getMaxLength()).isEqualTo(100);
        assertThat(choice.getMaxLength()).isNull();
        assertThat(free.getMaxLength()).isEqualTo(ContractLimits.BODY_CHARS);
        assertThat(uuid.getMaxLength()).isEqualTo(36);
        assertThat(count.getMinimum()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(count.getMaximum()).isEqualByComparingTo(BigDecimal.valueOf(Integer.MAX_VALUE));
        assertThat(bare.getFormat()).isEqualTo("int64");
        assertThat(bare.getMinimum()).isEqualByComparingTo(BigDecimal.valueOf(Long.MIN_VALUE));
        assertThat(bare.getMaximum()).isEqualByComparingTo(BigDecimal.valueOf(Long.MAX_VALUE));
        assertThat(tags.getMaxItems()).isEqualTo(ContractLimits.BODY_ITEMS);
        assertThat(tags.getItems().getMaxLength()).isEqualTo(ContractLimits.BODY_CHARS);
        assertThat(reference.getMaxLength()).isNull();
        assertThat(reference.getMaxItems()).isNull();
    }

    @Test
    void shouldBoundParametersByTheRequestLineAndHeaders() {
        Parameter query = OASFactory.createParameter().name("q").in(Parameter.In.QUERY)
                .schema(of(Schema.SchemaType.STRING));
        Parameter header = OASFactory.createParameter().name("Idempotency-Key").in(Parameter.In.HEADER)
                .schema(of(Schema.SchemaType.STRING));
        OpenAPI openAPI = OASFactory.createOpenAPI().paths(OASFactory.createPaths().addPathItem("/api/things",
                OASFactory.createPathItem().GET(operation("200").addParameter(query).addParameter(header))));

        ContractLimits.declare(openAPI);

        assertThat(query.getSchema().getMaxLength()).isEqualTo(ContractLimits.LINE_CHARS);
        assertThat(header.getSchema().getMaxLength()).isEqualTo(ContractLimits.HEADER_CHARS);
    }

    @Test
    void shouldDocumentTheQuotaHeadersOnTheAnswersOfOperationsThatCanAnswer429() {
        Operation limited = operation("200", "404", "429", "503");
        Operation unlimited = operation("200");
        OpenAPI openAPI = OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/api/things", OASFactory.createPathItem().POST(limited))
                .addPathItem("/webhooks/thing", OASFactory.createPathItem().POST(unlimited)));

        ContractLimits.declare(openAPI);

        for (String status : List.of("200", "404", "429")) {
            assertThat(limited.getResponses().getAPIResponse(status).getHeaders()).as(status)
                    .containsOnlyKeys("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy");
            assertThat(limited.getResponses().getAPIResponse(status).getHeaders().get("RateLimit-Limit").getRef())
                    .isEqualTo("#/components/headers/RateLimit-Limit");
        }
        assertThat(limited.getResponses().getAPIResponse("503").getHeaders()).isNull();
        assertThat(unlimited.getResponses().getAPIResponse("200").getHeaders()).isNull();
        assertThat(openAPI.getComponents().getHeaders().get("RateLimit-Reset").getSchema().getMaximum())
                .isEqualByComparingTo(BigDecimal.valueOf(Integer.MAX_VALUE));
    }
}
