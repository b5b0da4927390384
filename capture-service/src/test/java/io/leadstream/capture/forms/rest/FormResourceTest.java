package io.leadstream.capture.forms.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.leadstream.capture.testing.FormRows;
import io.leadstream.chassis.testing.GreenMailResource;
import io.leadstream.chassis.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Admins' web forms: POST /api/forms, GET/PUT /api/forms/{formKey} (lead-admin only), validated per field. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(GreenMailResource.class)
class FormResourceTest {

    static final String CONTACT_FORM = """
            {"name":"Contact us","allowedOrigins":["https://WWW.Example.com:443","http://localhost:8000"],
             "fields":{"your_email":"email","first":"firstName","last":"lastName","org":"company"},
             "redirectUrl":"https://www.example.com/thanks"}""";

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldCreateAFormWithAGeneratedKeyAndDefaultsAndReadItBack() {
        Response created = given().contentType("application/json").body(CONTACT_FORM).post("/api/forms");
        created.then().statusCode(201)
                .body("key", matchesPattern("[A-Za-z0-9_-]{16}"))
                .body("postUrl", endsWith("/forms/" + created.path("key")))
                .body("allowedOrigins", contains("https://www.example.com", "http://localhost:8000"))
                .body("fields.your_email", equalTo("email"))
                .body("doubleOptIn", equalTo(false))
                .body("honeypotField", equalTo("website"))
                .body("source", equalTo("web"))
                .body("active", equalTo(true))
                .body("quota.perForm.permits", equalTo(100))
                .body("quota.perForm.windowSeconds", equalTo(60))
                .body("quota.perClient.permits", equalTo(10))
                .body("quota.perClient.windowSeconds", equalTo(60))
                .body("createdBy", equalTo("admin"));
        String key = created.path("key");
        assertThat(created.header("Location")).endsWith("/api/forms/" + key);

        given().get("/api/forms/" + key).then().statusCode(200)
                .body("key", equalTo(key))
                .body("name", equalTo("Contact us"))
                .body("redirectUrl", equalTo("https://www.example.com/thanks"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldReplaceAFormWithPutKeepingItsKey() {
        String key = FormRows.createForm(CONTACT_FORM);

        given().contentType("application/json").body("""
                {"name":"Newsletter","allowedOrigins":["https://news.example.com"],
                 "fields":{"e":"email","f":"firstName","l":"lastName"},
                 "redirectUrl":"https://news.example.com/thanks","doubleOptIn":true,
                 "consent":{"purpose":"newsletter","textVersion":"nl-2026-01","field":"ok"},
                 "quota":{"perForm":{"permits":5,"windowSeconds":10},"perClient":{"permits":2,"windowSeconds":3600}},
                 "honeypotField":"url","source":"Newsletter","active":false}""")
                .put("/api/forms/" + key).then().statusCode(200)
                .body("key", equalTo(key))
                .body("doubleOptIn", equalTo(true))
                .body("consent.purpose", equalTo("newsletter"))
                .body("consent.field", equalTo("ok"))
                .body("quota.perClient.windowSeconds", equalTo(3600))
                .body("source", equalTo("newsletter"))
                .body("active", equalTo(false));

        JsonPath read = given().get("/api/forms/" + key).then().statusCode(200).extract().jsonPath();
        assertThat(read.getString("name")).isEqualTo("Newsletter");
        assertThat(read.getMap("fields")).containsOnlyKeys("e", "f", "l");
        assertThat(read.getString("honeypotField")).isEqualTo("url");
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldRejectAnInvalidFormNamingEveryField() {
        List<String> fields = given().contentType("application/json").body("""
                {"name":"Bad","allowedOrigins":["*","https://example.com/contact","ftp://example.com"],
                 "fields":{"first":"firstName","last":"lastName","mail":"emailAddress","src":"source"},
                 "redirectUrl":"javascript:alert(1)","doubleOptIn":true,
                 "quota":{"perClient":{"permits":0,"windowSeconds":60}}}""")
                .post("/api/forms")
                .then().statusCode(400).contentType("application/problem+json")
                .extract().jsonPath().getList("errors.field");
        assertThat(fields).contains("quota.perClient.permits");

        List<String> domain = given().contentType("application/json").body("""
                {"name":"Bad","allowedOrigins":["*","https://example.com/contact","ftp://example.com"],
                 "fields":{"first":"firstName","last":"lastName","mail":"emailAddress","src":"source"},
                 "redirectUrl":"javascript:alert(1)","doubleOptIn":true}""")
                .post("/api/forms")
                .then().statusCode(400).contentType("application/problem+json")
                .extract().jsonPath().getList("errors.field");
        assertThat(domain).containsExactlyInAnyOrder("allowedOrigins[0]", "allowedOrigins[1]", "allowedOrigins[2]",
                "fields.mail", "fields.src", "redirectUrl", "consent");
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldRequireTheLeadsRequiredFieldsAndAContactToBeMapped() {
        given().contentType("application/json").body("""
                {"name":"Too little","fields":{"org":"company"},"redirectUrl":"https://example.com/thanks"}""")
                .post("/api/forms")
                .then().statusCode(400)
                .body("errors.message", hasItems(
                        "must map a form field to firstName: every lead has one",
                        "must map a form field to lastName: every lead has one",
                        "must map a form field to email or phone: every lead has one"));

        given().contentType("application/json").body("""
                {"name":"Consent without email","fields":{"f":"firstName","l":"lastName","p":"phone"},
                 "redirectUrl":"https://example.com/thanks",
                 "consent":{"purpose":"marketing","textVersion":"m-1"}}""")
                .post("/api/forms")
                .then().statusCode(400)
                .body("errors.field", contains("fields"))
                .body("errors[0].message", equalTo("must map a form field to email: the consent is for email"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldAnswer404ForAnUnknownForm() {
        given().get("/api/forms/nope").then().statusCode(404).contentType("application/problem+json");
        given().contentType("application/json").body(CONTACT_FORM).put("/api/forms/nope").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "manager1", roles = { "sales-manager", "integration" })
    void shouldRefuseFormsToEveryRoleButLeadAdmin() {
        given().contentType("application/json").body(CONTACT_FORM).post("/api/forms")
                .then().statusCode(403).contentType("application/problem+json");
        given().get("/api/forms/any").then().statusCode(403);
        given().contentType("application/json").body(CONTACT_FORM).put("/api/forms/any").then().statusCode(403);
    }

    @Test
    void shouldRefuseFormsWithoutAToken() {
        given().contentType("application/json").body(CONTACT_FORM).post("/api/forms")
                .then().statusCode(401).contentType("application/problem+json");
    }
}
