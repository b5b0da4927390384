package io.leadstream.chassis.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.testing.KafkaResource;
import io.leadstream.chassis.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class ProblemJsonTest {

    @Test
    void shouldAnswerAMissingTokenWith401Problem() {
        given().contentType("application/json").body("{\"name\":\"x\"}").post("/test/items")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("https://leadstream.dev/problems/unauthorized"))
                .body("status", equalTo(401));
    }

    @Test
    @TestSecurity(user = "reader", roles = "reader")
    void shouldAnswerAMissingRoleWith403Problem() {
        given().contentType("application/json").body("{\"name\":\"x\"}").post("/test/items")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/forbidden"));
    }

    @Test
    @TestSecurity(user = "writer", roles = "writer")
    void shouldListEachInvalidFieldWithItsPath() {
        given().contentType("application/json").body("{\"name\":\"\",\"nested\":{\"code\":\" \"}}").post("/test/items")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/validation"))
                .body("errors", hasSize(2))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("nested.code"))
                .body("instance", equalTo("/test/items"));
    }

    @Test
    @TestSecurity(user = "writer", roles = "writer")
    void shouldNameTheQueryParameterThatIsOutOfRange() {
        given().get("/test/items/" + UUID.randomUUID() + "?limit=1000000")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("limit"));
    }

    @Test
    @TestSecurity(user = "writer", roles = "writer")
    void shouldAnswerAQueryParameterOfTheWrongTypeWith400ProblemNamingIt() {
        // hostile input (system-tests *HostileInputTest): JAX-RS alone answers limit=abc with 404
        given().get("/test/items/" + UUID.randomUUID() + "?limit=abc")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/validation"))
                .body("errors[0].field", equalTo("limit"));
        given().get("/test/items/not-an-id")
                .then().statusCode(404)
                .contentType("application/problem+json");
        // the path's value failed, not the query's (whose value the message also holds)
        given().get("/test/items/abc?limit=5&name=abc")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "writer", roles = "writer")
    void shouldAnswerANulCharacterPostgresqlCannotStoreWith400Problem() {
        // hostile input (system-tests *HostileInputTest): PostgreSQL refuses NUL in text, which was a 500
        given().contentType("application/json").body("{\"name\":\"nul\\u0000byte\"}").post("/test/items")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/unstorable-text"));
    }

    @Test
    @TestSecurity(user = "writer", roles = "writer")
    void shouldAnswerMalformedJsonWith400Problem() {
        given().contentType("application/json").body("{\"name\": ").post("/test/items")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/malformed-body"));
    }

    @Test
    @TestSecurity(user = "writer", roles = "writer")
    void shouldAnswerAWrongJsonTypeWith400ProblemNamingTheField() {
        given().contentType("application/json").body("{\"name\": {\"a\": 1}}").post("/test/items")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("name"));
    }

    @Test
    @TestSecurity(user = "writer", roles = "writer")
    void shouldAnswerAnUnknownIdWithTheDomain404Problem() {
        given().get("/test/items/" + UUID.randomUUID())
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/not-found"))
                .body("detail", containsString("item"));
    }

    @Test
    @TestSecurity(user = "writer", roles = "writer")
    void shouldSendRetryAfterAndExtraHeadersWhenTheDomainProblemAsksForThem() {
        given().contentType("application/json").body("{\"name\":\"x\"}").post("/test/items?fail=true")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .header("Retry-After", "7")
                .header("X-Test-Header", "kept")
                .body("type", equalTo("https://leadstream.dev/problems/test-failure"));
    }

    @Test
    void shouldAnswerAnUnknownPathWith404Problem() {
        given().get("/no/such/path")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    @TestSecurity(user = "writer", roles = "writer")
    void shouldAnswerAWrongMethodWith405Problem() {
        given().contentType("application/json").body("{}").put("/test/items")
                .then().statusCode(405)
                .contentType("application/problem+json")
                .body("type", endsWith("/method-not-allowed"));
    }

    @Test
    @TestSecurity(user = "writer", roles = "writer")
    void shouldAnswerAWrongContentTypeWith415Problem() {
        given().contentType("text/plain").body("name=x").post("/test/items")
                .then().statusCode(415)
                .contentType("application/problem+json")
                .body("type", endsWith("/unsupported-media-type"))
                .body("title", notNullValue());
    }
}
