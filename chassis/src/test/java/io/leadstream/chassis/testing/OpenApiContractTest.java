package io.leadstream.chassis.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OpenApiContractTest {

    private static String document(String leadId, String formId) {
        return """
                openapi: 3.1.0
                info: {title: t, version: "1"}
                paths:
                  /api/leads/{id}:
                    get: {operationId: %s, responses: {"200": {description: ok}}}
                  /api/forms/{key}:
                    get: {operationId: %s, responses: {"200": {description: ok}}}
                """.formatted(leadId, formId);
    }

    @Test
    void shouldAcceptUniqueIdsThatNameTheirOperation() {
        assertThatCode(() -> OpenApiContract.assertOperationIdsNameTheirOperation(document("getLead", "getForm")))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseAnIdUsedTwice() {
        assertThatThrownBy(() -> OpenApiContract.assertOperationIdsNameTheirOperation(document("getLead", "getLead")))
                .hasMessageContaining("operationId getLead is also");
    }

    @Test
    void shouldRefuseABareVerb() {
        assertThatThrownBy(() -> OpenApiContract.assertOperationIdsNameTheirOperation(document("get", "getForm")))
                .hasMessageContaining("GET /api/leads/{id}: operationId get does not say what it does");
    }
}
