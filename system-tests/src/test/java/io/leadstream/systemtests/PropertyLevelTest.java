package io.leadstream.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.response.Response;

/**
 * Property level (API3, issue 15): every write of the five committed documents that takes a JSON body (POST, PUT,
 * PATCH; the hostile-input properties' operations, with their exclusions) is sent a valid body plus every
 * never-writable field ({@code id}, {@code score}, {@code owner}, {@code stage}, {@code tenant}, {@code createdAt},
 * {@code version}) its schema does not declare, each with a value no service would produce. The answer is a refusal or
 * a success that does not carry the injected values back; never a 5xx, always as the document says. Generated bodies
 * are mostly refused on their merits, so a second walk sends hand-made valid bodies to the writes on a real lead, where
 * the request is taken and the injected fields must be ignored (or, for capture's patch, refused by name).
 */
class PropertyLevelTest {

    record Target(String baseUrl, List<HostileInput.Operation> operations, Map<String, List<String>> knownIds) {
    }

    @Test
    void shouldNeverWriteAFieldNoRequestMayWriteInAnyGeneratedBody() {
        CaptureHostileInputTest.makeALead();
        List<Target> targets = List.of(
                new Target(Suite.CAPTURE, CaptureHostileInputTest.OPERATIONS, CaptureHostileInputTest.known),
                new Target(Suite.SCORING, ScoringHostileInputTest.OPERATIONS, Map.of()),
                new Target(Suite.DISTRIBUTION, DistributionHostileInputTest.OPERATIONS, Map.of()),
                new Target(Suite.NURTURE, NurtureHostileInputTest.OPERATIONS, Map.of()),
                new Target(Suite.INSIGHTS, InsightsHostileInputTest.OPERATIONS, Map.of()));
        Map<String, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Target target : targets) {
            for (HostileInput.Operation operation : target.operations()) {
                if (!operation.hasJsonBody() || operation.use() != HostileInput.Use.ANY) {
                    continue;
                }
                HostileInput.Call call = HostileInput.build(target.baseUrl(), operation,
                        HostileInput.Kind.EXTRA_FIELDS, 1, target.knownIds());
                try {
                    statuses.put(operation.key(), HostileInput.checked(call).status());
                } catch (AssertionError e) {
                    failures.add(e.getMessage());
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(statuses).as("the JSON writes walked").hasSizeGreaterThan(20);
    }

    /** A valid body with every never-writable field added (those its own schema has, such as a stage move's, kept). */
    private static String hostile(String json) throws Exception {
        ObjectNode body = (ObjectNode) HostileInput.JSON.readTree(json);
        HostileInput.NEVER_WRITABLE.forEach((field, value) -> {
            if (!body.has(field)) {
                body.set(field, value);
            }
        });
        return HostileInput.JSON.writeValueAsString(body);
    }

    private static void taken(String operation, Response answer, int status, Map<String, List<String>> found) {
        assertThat(answer.statusCode()).as(operation + " answered " + answer.asString()).isEqualTo(status);
        found.put(operation, HostileInput.written(new HostileInput.Answer(answer.statusCode(), answer.contentType(),
                answer.asString())));
    }

    @Test
    void shouldTakeValidWritesOnARealLeadWithoutTheFieldsNoRequestMayWrite() throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String email = "api3-" + unique + "@hostile.example";
        String manager = Suite.userToken("manager");
        Map<String, List<String>> written = new LinkedHashMap<>();

        Response created = given().auth().oauth2(Suite.crmApp()).contentType("application/json").body(hostile("""
                {"firstName":"Ada","lastName":"Api","email":"%s","company":"Property Level Ltd","source":"api",
                 "language":"en","timeZone":"%s","qualifiers":{"products":["boilers"]}}"""
                .formatted(email, NurtureTest.daytimeZone()))).post(Suite.CAPTURE + "/api/leads");
        taken("capture POST /api/leads", created, 201, written);
        String location = created.header("Location");
        String lead = location.substring(location.lastIndexOf('/') + 1);
        taken("capture GET /api/leads/{id}", given().auth().oauth2(Suite.crmApp()).get(location), 200, written);

        given().auth().oauth2(Suite.crmApp()).contentType("application/merge-patch+json")
                .body(hostile("{\"company\":\"Patched Ltd\"}")).patch(location).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItems("id", "score", "owner", "stage", "tenant"));

        taken("capture POST /api/leads/{id}/consents", given().auth().oauth2(Suite.crmApp())
                .contentType("application/json").body(hostile("""
                        {"purpose":"marketing","channel":"email","status":"GRANTED",
                         "proof":{"method":"verbal","textVersion":"api3","source":"system-test","address":"%s"}}"""
                        .formatted(email))).post(location + "/consents"), 201, written);
        taken("capture POST /api/partner/leads", given().auth().oauth2(PartnerApiTest.acme())
                .contentType("application/json").header("Idempotency-Key", "api3-" + unique).body(hostile("""
                        {"firstName":"Pat","lastName":"Partner","email":"pat-%s@hostile.example","source":"partner"}"""
                        .formatted(unique))).post(Suite.CAPTURE + "/api/partner/leads"), 201, written);

        String ownerName = await().atMost(Suite.JOURNEY).pollInterval(Duration.ofMillis(250)).until(
                () -> given().auth().oauth2(manager).get(Suite.NURTURE + "/api/leads/" + lead + "/stage")
                        .then().extract().<String>path("owner"), o -> o != null);
        String owner = Suite.userToken(ownerName);
        String nurture = Suite.NURTURE + "/api/leads/" + lead;
        taken("nurture POST /api/leads/{leadId}/activities", given().auth().oauth2(owner)
                .contentType("application/json").body(hostile("{\"kind\":\"NOTE\",\"text\":\"first contact\"}"))
                .post(nurture + "/activities"), 201, written);
        taken("nurture POST /api/leads/{leadId}/follow-ups", given().auth().oauth2(owner)
                .contentType("application/json").body(hostile("{\"dueAt\":\"%s\",\"note\":\"call back\",\"owner\":\"%s\"}" // owner: the schema's own
                        .formatted(Instant.now().plus(Duration.ofDays(3)), ownerName))).post(nurture + "/follow-ups"), 201,
                written);
        taken("nurture POST /api/leads/{leadId}/stage", given().auth().oauth2(owner).contentType("application/json")
                .body(hostile("{\"to\":\"CONTACTED\"}")).post(nurture + "/stage"), 200, written);
        taken("nurture GET /api/leads/{leadId}/stage", given().auth().oauth2(owner).get(nurture + "/stage"), 200,
                written);
        taken("distribution POST /api/shares", given().auth().oauth2(manager).contentType("application/json")
                .body(hostile("""
                        {"leadId":"%s","partnerId":"acme","acceptWithin":"PT1H","fields":["products"]}""".formatted(lead)))
                .post(Suite.DISTRIBUTION + "/api/shares"), 201, written);
        taken("distribution GET /api/assignments/{leadId}", given().auth().oauth2(manager)
                .get(Suite.DISTRIBUTION + "/api/assignments/" + lead), 200, written);

        assertThat(written).allSatisfy((operation, found) -> assertThat(found).as(operation).isEmpty());
    }
}
