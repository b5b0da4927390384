package io.leadstream.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

/**
 * Against the running suite with real tokens: the same person submitted again by email (other case) and by phone
 * (other format) is merged into one lead, not doubled; an admin erases it and it answers 410.
 */
class DeduplicationAndErasureTest {

    private static Response post(String body) {
        return given().auth().oauth2(Suite.crmApp()).contentType("application/json").body(body)
                .post(Suite.CAPTURE + "/api/leads");
    }

    @Test
    void shouldMergeADuplicateByEmailAndByPhoneThenEraseTheLead() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String phone = Suite.uniquePhone();
        String email = "dedup." + unique + "@analytical.example";
        String id = post("""
                {"firstName":"Ada","lastName":"Lovelace","email":"%s","phone":"%s","source":"api"}"""
                .formatted(email, phone)).then().statusCode(201).extract().path("id");

        Response byEmail = post("""
                {"firstName":"Ada","lastName":"Lovelace","email":"  %s ","company":"Analytical Engines","source":"web"}"""
                .formatted(email.toUpperCase()));
        assertThat(byEmail.statusCode()).isEqualTo(200);
        assertThat(byEmail.<String>path("duplicateOf")).isEqualTo(id);

        Response byPhone = post("""
                {"firstName":"A.","lastName":"Lovelace","phone":"%s","source":"call"}"""
                .formatted(phone.replace("+1 ", "+1-").replace(' ', '-')));
        assertThat(byPhone.statusCode()).isEqualTo(200);
        assertThat(byPhone.<String>path("duplicateOf")).isEqualTo(id);

        List<String> found = given().auth().oauth2(Suite.crmApp()).queryParam("q", "dedup." + unique)
                .get(Suite.CAPTURE + "/api/leads").then().statusCode(200).extract().jsonPath().getList("items.id");
        assertThat(found).as("one lead, not three").containsExactly(id);
        given().auth().oauth2(Suite.crmApp()).get(Suite.CAPTURE + "/api/leads/" + id).then().statusCode(200)
                .body("company", org.hamcrest.Matchers.equalTo("Analytical Engines"))
                .body("merges", org.hamcrest.Matchers.equalTo(2));

        String admin = Suite.userToken("admin");
        given().auth().oauth2(Suite.crmApp()).delete(Suite.CAPTURE + "/api/leads/" + id)
                .then().statusCode(403);
        given().auth().oauth2(admin).delete(Suite.CAPTURE + "/api/leads/" + id).then().statusCode(202);
        given().auth().oauth2(Suite.crmApp()).get(Suite.CAPTURE + "/api/leads/" + id)
                .then().statusCode(410).contentType("application/problem+json");
    }
}
