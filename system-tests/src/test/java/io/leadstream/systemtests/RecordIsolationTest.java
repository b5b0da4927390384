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
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * API1 (S1) for sales reps: every operation a rep may call on a lead, in every service, answers 404 to a rep the lead
 * is not assigned to, as for a lead that does not exist, and changes nothing; the rep it is assigned to gets the same
 * operations answered. The operations are those of docs/security.md's role table that take a lead (or a record of a
 * lead: an activity, a follow-up, an enrolment, a message) and that sales-rep may call: one missing from the requests
 * below fails the test, so a new one is walked too. Partners' isolation (another partner's submission or share is 404)
 * is PartnerApiTest's and PartnerSharingTest's.
 */
class RecordIsolationTest {

    /** A request the owner may make, with a body that is valid, so that only ownership decides. */
    record Call(String method, String path, String contentType, String body) {
    }

    @Test
    void shouldAnswer404ToAnotherRepOnEveryOperationOnALead() {
        String manager = Suite.userToken("manager");
        String admin = Suite.userToken("admin");
        String email = "isolated." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String location = given().auth().oauth2(Suite.crmApp()).contentType("application/json").body("""
                {"firstName":"Iris","lastName":"Isolated","email":"%s","phone":"%s","company":"Walls Ltd",
                 "source":"api","language":"en","timeZone":"%s"}""".formatted(email, Suite.uniquePhone(),
                        NurtureTest.daytimeZone()))
                .post(Suite.CAPTURE + "/api/leads").then().statusCode(201).extract().header("Location");
        String lead = location.substring(location.lastIndexOf('/') + 1);
        given().auth().oauth2(Suite.crmApp()).contentType("application/json").body("""
                {"purpose":"marketing","channel":"email","status":"GRANTED",
                 "proof":{"method":"verbal","textVersion":"isolation","source":"system-test","address":"%s"}}"""
                .formatted(email)).post(location + "/consents").then().statusCode(201);
        String ownerName = await().atMost(Suite.JOURNEY).pollInterval(Duration.ofMillis(250)).until(
                () -> given().auth().oauth2(manager).get(Suite.NURTURE + "/api/leads/" + lead + "/stage")
                        .then().extract().<String>path("owner"), o -> o != null);
        String owner = Suite.userToken(ownerName);
        String other = Suite.userToken(ownerName.equals("rep1") ? "rep2" : "rep1");
        await().atMost(Suite.JOURNEY).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            given().auth().oauth2(owner).get(location).then().statusCode(200);
            given().auth().oauth2(owner).get(Suite.SCORING + "/api/scores/" + lead).then().statusCode(200);
        });

        // records of the lead, made by its owner
        String nurture = Suite.NURTURE + "/api/leads/" + lead;
        String activity = given().auth().oauth2(owner).contentType("application/json")
                .body("{\"kind\":\"NOTE\",\"text\":\"first contact planned\"}").post(nurture + "/activities")
                .then().statusCode(201).extract().path("activityId");
        String followUp = given().auth().oauth2(owner).contentType("application/json")
                .body("{\"dueAt\":\"%s\",\"note\":\"call back\"}".formatted(Instant.now().plus(Duration.ofDays(3))))
                .post(nurture + "/follow-ups").then().statusCode(201).extract().path("followUpId");
        String sequence = given().auth().oauth2(admin).contentType("application/json").body("""
                {"name":"Isolation %s","steps":[{"delayBusinessDays":30,"channel":"EMAIL","templateKey":"thank-you"}]}"""
                .formatted(UUID.randomUUID())).post(Suite.NURTURE + "/api/sequences").then().statusCode(201)
                .extract().path("id");
        String enrolment = given().auth().oauth2(owner).contentType("application/json")
                .body("{\"sequenceId\":\"" + sequence + "\"}").post(nurture + "/enrolments")
                .then().statusCode(201).extract().path("id");
        // consent.changed has reached nurture once an email can go out (in the lead's daytime: no quiet hours)
        String message = await().atMost(Suite.JOURNEY).pollInterval(Duration.ofMillis(500)).until(
                () -> given().auth().oauth2(owner).contentType("application/json")
                        .header("Idempotency-Key", "isolation-" + lead)
                        .body("{\"channel\":\"EMAIL\",\"subject\":\"Hello\",\"text\":\"Thank you for asking\"}")
                        .post(nurture + "/messages").then().extract().<String>path("messageId"), id -> id != null);
        String template = given().auth().oauth2(owner).queryParam("key", "thank-you").queryParam("channel", "EMAIL")
                .queryParam("language", "en").get(Suite.NURTURE + "/api/templates")
                .then().statusCode(200).extract().path("items[0].id");

        Map<String, Call> calls = new LinkedHashMap<>();
        String json = "application/json";
        calls.put("capture GET /api/leads/{id}", new Call("GET", location, null, null));
        calls.put("capture PATCH /api/leads/{id}", new Call("PATCH", location, "application/merge-patch+json",
                "{\"company\":\"Taken Over Ltd\"}"));
        calls.put("capture GET /api/leads/{id}/consents", new Call("GET", location + "/consents", null, null));
        calls.put("capture POST /api/leads/{id}/consents", new Call("POST", location + "/consents", json, """
                {"purpose":"marketing","channel":"sms","status":"GRANTED",
                 "proof":{"method":"verbal","textVersion":"isolation","source":"system-test"}}"""));
        calls.put("scoring GET /api/scores/{leadId}", new Call("GET", Suite.SCORING + "/api/scores/" + lead, null, null));
        calls.put("scoring GET /api/scores/{leadId}/history",
                new Call("GET", Suite.SCORING + "/api/scores/" + lead + "/history", null, null));
        calls.put("distribution GET /api/assignments/{leadId}",
                new Call("GET", Suite.DISTRIBUTION + "/api/assignments/" + lead, null, null));
        calls.put("nurture GET /api/leads/{leadId}/stage", new Call("GET", nurture + "/stage", null, null));
        calls.put("nurture POST /api/leads/{leadId}/stage", new Call("POST", nurture + "/stage", json,
                "{\"to\":\"CONTACTED\"}"));
        calls.put("nurture GET /api/leads/{leadId}/timeline", new Call("GET", nurture + "/timeline", null, null));
        calls.put("nurture POST /api/leads/{leadId}/activities", new Call("POST", nurture + "/activities", json,
                "{\"kind\":\"NOTE\",\"text\":\"not my lead\"}"));
        calls.put("nurture GET /api/leads/{leadId}/activities", new Call("GET", nurture + "/activities", null, null));
        calls.put("nurture GET /api/leads/{leadId}/activities/{activityId}",
                new Call("GET", nurture + "/activities/" + activity, null, null));
        calls.put("nurture POST /api/leads/{leadId}/follow-ups", new Call("POST", nurture + "/follow-ups", json,
                "{\"dueAt\":\"%s\",\"note\":\"not my lead\"}".formatted(Instant.now().plus(Duration.ofDays(2)))));
        calls.put("nurture GET /api/follow-ups/{followUpId}",
                new Call("GET", Suite.NURTURE + "/api/follow-ups/" + followUp, null, null));
        calls.put("nurture POST /api/follow-ups/{followUpId}/complete",
                new Call("POST", Suite.NURTURE + "/api/follow-ups/" + followUp + "/complete", json,
                        "{\"outcome\":\"not my lead\"}"));
        calls.put("nurture POST /api/leads/{leadId}/enrolments", new Call("POST", nurture + "/enrolments", json,
                "{\"sequenceId\":\"" + sequence + "\"}"));
        calls.put("nurture GET /api/leads/{leadId}/enrolments", new Call("GET", nurture + "/enrolments", null, null));
        calls.put("nurture GET /api/leads/{leadId}/enrolments/{id}",
                new Call("GET", nurture + "/enrolments/" + enrolment, null, null));
        calls.put("nurture DELETE /api/leads/{leadId}/enrolments/{id}",
                new Call("DELETE", nurture + "/enrolments/" + enrolment, null, null));
        calls.put("nurture POST /api/leads/{leadId}/messages", new Call("POST", nurture + "/messages", json,
                "{\"channel\":\"EMAIL\",\"subject\":\"Hello\",\"text\":\"not my lead\"}"));
        calls.put("nurture GET /api/leads/{leadId}/messages/{messageId}",
                new Call("GET", nurture + "/messages/" + message, null, null));
        calls.put("nurture POST /api/templates/{id}/preview",
                new Call("POST", Suite.NURTURE + "/api/templates/" + template + "/preview", json,
                        "{\"leadId\":\"" + lead + "\"}"));

        assertThat(calls.keySet()).as("operations a rep may call on a lead, each walked here")
                .containsAll(repOperationsOnALead());

        List<String> leaks = new ArrayList<>();
        for (Map.Entry<String, Call> call : calls.entrySet()) {
            Response answer = send(other, call.getValue());
            if (answer.statusCode() != 404 || !answer.contentType().startsWith("application/problem+json")) {
                leaks.add(call.getKey() + ": " + answer.statusCode() + " to another rep");
            }
        }
        assertThat(leaks).isEmpty();

        // nothing the other rep sent changed the lead
        given().auth().oauth2(owner).get(location).then().statusCode(200)
                .body("company", org.hamcrest.Matchers.equalTo("Walls Ltd"));
        given().auth().oauth2(owner).get(nurture + "/stage").then().statusCode(200)
                .body("stage", org.hamcrest.Matchers.equalTo("OPEN"));
        given().auth().oauth2(owner).get(nurture + "/activities").then().statusCode(200)
                .body("items.text", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("not my lead")));
        given().auth().oauth2(owner).get(nurture + "/enrolments/" + enrolment).then().statusCode(200)
                .body("state", org.hamcrest.Matchers.equalTo("ACTIVE"));
        given().auth().oauth2(owner).get(Suite.NURTURE + "/api/follow-ups/" + followUp).then().statusCode(200)
                .body("completedAt", org.hamcrest.Matchers.nullValue());

        // the owner reads what the other rep was refused
        for (Map.Entry<String, Call> call : calls.entrySet()) {
            if (call.getValue().method().equals("GET")) {
                assertThat(send(owner, call.getValue()).statusCode()).as(call.getKey() + " for its owner")
                        .isEqualTo(200);
            }
        }
    }

    /** The role table's operations that sales-rep may call and that name a lead or a lead's record in their path. */
    static Set<String> repOperationsOnALead() {
        Set<String> operations = new java.util.TreeSet<>();
        RoleTableTest.roleTable().forEach((operation, roles) -> {
            String path = operation.split(" ", 3)[2];
            boolean onALead = path.matches(".*/leads/\\{(id|leadId)}.*|/api/scores/\\{leadId}.*"
                    + "|/api/assignments/\\{leadId}.*|/api/follow-ups/\\{followUpId}.*|/api/templates/\\{id}/preview");
            if (onALead && roles.contains("sales-rep") && !path.startsWith("/api/partner/")) {
                operations.add(operation);
            }
        });
        return operations;
    }

    private static Response send(String token, Call call) {
        RequestSpecification request = given().auth().oauth2(token);
        if (call.body() != null) {
            request = request.contentType(call.contentType()).body(call.body());
        }
        return request.request(call.method(), call.path());
    }
}
