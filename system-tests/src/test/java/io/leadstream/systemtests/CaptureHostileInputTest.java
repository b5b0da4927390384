package io.leadstream.systemtests;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile input (S7) against capture-service: generated bodies, path and query parameters for every operation of
 * docs/api/capture-service.yaml (see {@link HostileInput}), each answered without a 5xx, as the document says, errors
 * as problem+json.
 * <p>
 * Valid bodies create leads (…@hostile.example) and forms with random keys; nothing else of the suite changes: ids in
 * paths are random, or the one lead made here (never for the erasure or the merge).
 */
class CaptureHostileInputTest {

    static final Map<String, String> EXCLUDED = Map.of(
            // a CSV/NDJSON stream, not a JSON body; BulkImportTest covers its limits, and a third import at once is
            // the documented 503 (imports-busy), which this property would count as a server error
            "POST /api/leads/import", "not a JSON body; BulkImportTest");

    static final List<HostileInput.Operation> OPERATIONS = HostileInput.operations("capture", EXCLUDED,
            // qualifiers are the suite's configuration: a new one appears on every lead's qualifier list
            Set.of("PUT /api/qualifiers/{key}"));

    static Map<String, List<String>> known = Map.of();

    @BeforeContainer
    static void makeALead() {
        String location = given().auth().oauth2(Suite.userToken("admin")).contentType("application/json")
                .body(Map.of("firstName", "Hostile", "lastName", "Input", "source", "api",
                        "email", "hostile-" + UUID.randomUUID().toString().substring(0, 8) + "@hostile.example"))
                .post(Suite.CAPTURE + "/api/leads").then().statusCode(201).extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        // read, patched, consented, searched for duplicates: never erased nor merged (those get random ids only)
        known = Map.of("GET /api/leads/{id}", List.of(id), "PATCH /api/leads/{id}", List.of(id),
                "POST /api/leads/{id}/consents", List.of(id), "GET /api/leads/{id}/consents", List.of(id),
                "GET /api/leads/{id}/duplicates", List.of(id));
    }

    @Property
    void shouldAnswerHostileInputWithoutAServerErrorAndAsDocumented(@ForAll("calls") HostileInput.Call call) {
        HostileInput.check(call);
    }

    @Provide
    Arbitrary<HostileInput.Call> calls() {
        return HostileInput.calls(Suite.CAPTURE, OPERATIONS, known);
    }
}
