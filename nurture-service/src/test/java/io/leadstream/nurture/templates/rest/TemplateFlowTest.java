package io.leadstream.nurture.templates.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.nurture.templates.Channel;
import io.leadstream.nurture.templates.MessageTemplate;
import io.leadstream.nurture.templates.ShippedExamples;
import io.leadstream.nurture.templates.Templates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class TemplateFlowTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Pool pool;
    @Inject
    ShippedExamples examples;
    @Inject
    Templates templates;

    private static Response post(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/templates");
    }

    private static String idOf(String key, String channel, String language) {
        return given().get("/api/templates?key=" + key + "&channel=" + channel + "&language=" + language)
                .then().statusCode(200).body("items", hasSize(1)).extract().path("items[0].id");
    }

    private long count(String sql, Object... params) {
        return pool.preparedQuery(sql).execute(Tuple.from(params)).await().atMost(WAIT).iterator().next().getLong(0);
    }

    private static String uniqueKey() {
        return "test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldListTheShippedExamplesToReps() {
        given().get("/api/templates?key=thank-you&channel=EMAIL").then().statusCode(200)
                .body("items.language", equalTo(List.of("de", "en", "es", "ro", "ru")))
                .body("items.key", everyItem(equalTo("thank-you")))
                .body("items.createdBy", everyItem(equalTo("nurture-service")))
                .body("items.subject", everyItem(notNullValue()))
                .body("items.body", everyItem(containsString("{unsubscribeUrl}")))
                .body("nextCursor", nullValue());
        given().get("/api/templates?key=meeting-invitation&language=ru").then().statusCode(200)
                .body("items.channel", equalTo(List.of("EMAIL", "SMS", "WHATSAPP")))
                .body("items[1].subject", nullValue());
        List<String> keys = given().get("/api/templates?limit=200").then().statusCode(200)
                .extract().path("items.key");
        assertThat(keys).hasSizeGreaterThanOrEqualTo(60).isSorted()
                .contains("product-introduction", "meeting-invitation", "thank-you", "new-product-launch");
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldPageThroughEveryTemplateOfAChannelOnce() {
        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = given().queryParam("channel", "SMS").queryParam("limit", 7)
                    .queryParam("cursor", cursor == null ? "" : cursor).get("/api/templates");
            page.then().statusCode(200).body("items.channel", everyItem(equalTo("SMS")));
            List<String> keys = page.path("items.key");
            List<String> languages = page.path("items.language");
            assertThat(keys.size()).isLessThanOrEqualTo(7);
            for (int i = 0; i < keys.size(); i++) {
                assertThat(seen.add(keys.get(i) + "/" + languages.get(i))).isTrue();
                order.add(keys.get(i) + "/" + languages.get(i));
            }
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null && pages < 50);
        assertThat(seen).hasSizeGreaterThanOrEqualTo(20);
        assertThat(order).isSorted();
        assertThat(pages).isGreaterThanOrEqualTo(3);
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldRefuseBadFiltersWith400() {
        given().get("/api/templates?channel=FAX&language=english&limit=0").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("limit"));
        given().get("/api/templates?channel=FAX&language=xx").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("channel", "language"));
        given().get("/api/templates?cursor=nonsense").then().statusCode(400).body("errors.field", hasItems("cursor"));
    }

    @Test
    @TestSecurity(user = "admin1", roles = "lead-admin")
    void shouldCreateReadAndChangeATemplateWithVersions() {
        String key = uniqueKey();
        String id = post("""
                {"key":"%s","channel":"EMAIL","language":"es","name":"Oferta","subject":"Oferta para {lead.company}",
                 "body":"<p>Hola, {lead.firstName}:</p><p>{vars.offer}</p><a href=\\"{unsubscribeUrl}\\">Baja</a>"}"""
                .formatted(key)).then().statusCode(201)
                .header("Location", matchesPattern(".*/api/templates/[0-9a-f-]{36}$"))
                .header("ETag", "\"1\"")
                .body("key", equalTo(key)).body("channel", equalTo("EMAIL")).body("language", equalTo("es"))
                .body("version", equalTo(1)).body("createdBy", equalTo("admin1")).body("updatedBy", equalTo("admin1"))
                .extract().path("id");
        given().get("/api/templates/" + id).then().statusCode(200).header("ETag", "\"1\"")
                .body("subject", equalTo("Oferta para {lead.company}"));

        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("""
                {"name":"Oferta 2","subject":"Nueva oferta","body":"<p>{vars.offer}</p>{unsubscribeUrl}"}""")
                .put("/api/templates/" + id).then().statusCode(200).header("ETag", "\"2\"")
                .body("version", equalTo(2)).body("name", equalTo("Oferta 2")).body("key", equalTo(key))
                .body("subject", equalTo("Nueva oferta"));
        // an edit made against version 1 comes too late
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("""
                {"name":"stale","subject":"x","body":"<p>x</p>"}""")
                .put("/api/templates/" + id).then().statusCode(412).contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/template-modified"));
        given().contentType(ContentType.JSON).header("If-Match", "yesterday").body("""
                {"name":"x","subject":"x","body":"<p>x</p>"}""")
                .put("/api/templates/" + id).then().statusCode(400).body("errors.field", hasItems("If-Match"));
        // without If-Match the last write wins, and still counts
        given().contentType(ContentType.JSON).body("""
                {"name":"Oferta 3","subject":"Oferta","body":"<p>{lead.fullName}</p>"}""")
                .put("/api/templates/" + id).then().statusCode(200).body("version", equalTo(3));
        given().get("/api/templates/" + id).then().statusCode(200).header("ETag", "\"3\"")
                .body("name", equalTo("Oferta 3"));
    }

    @Test
    @TestSecurity(user = "admin1", roles = "lead-admin")
    void shouldRefuseASecondTemplateOfTheSameKeyChannelAndLanguageWith409() {
        post("""
                {"key":"thank-you","channel":"SMS","language":"en","name":"Again","body":"Thanks!"}""")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/duplicate-template"));
        assertThat(count("select count(*) from message_template where template_key = $1 and channel = $2 "
                + "and language = $3", "thank-you", "SMS", "en")).isEqualTo(1);
    }

    @Test
    @TestSecurity(user = "admin1", roles = "lead-admin")
    void shouldNameEveryOffendingFieldQuteErrorsWithTheirLineAndUnknownVariables() {
        String key = uniqueKey();
        post("""
                {"key":"%s","channel":"SMS","language":"en","name":"x","subject":"no subject for SMS",
                 "body":"Hi {lead.firstName}\\nyour {lead.shoeSize} and {unsubscribeUrl}"}""".formatted(key))
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/validation"))
                .body("errors.field", hasItems("subject", "body"))
                .body("errors.message", hasItems(containsString("line 2: unknown variable {lead.shoeSize}"),
                        containsString("line 2: unknown variable {unsubscribeUrl}")));
        post("""
                {"key":"%s","channel":"EMAIL","language":"en","name":"x","subject":"ok",
                 "body":"<p>one</p>\\n<p>{#if lead.company}\\nnever closed</p>"}""".formatted(key))
                .then().statusCode(400)
                .body("errors.field", equalTo(List.of("body")))
                .body("errors[0].message", matchesPattern("line \\d+: invalid Qute: .*"));
        post("""
                {"key":"Bad Key","channel":"FAX","language":"klingon","name":""}""").then().statusCode(400)
                .body("errors.field", hasItems("key", "channel", "language", "name", "body"));
        post("{\"key\": 5, \"body\": {}}").then().statusCode(400).contentType("application/problem+json");
        assertThat(count("select count(*) from message_template where template_key = $1", key)).isZero();
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldLetOnlyAdminsWrite() {
        String id = idOf("thank-you", "WHATSAPP", "de");
        post("""
                {"key":"%s","channel":"SMS","language":"en","name":"x","body":"hi"}""".formatted(uniqueKey()))
                .then().statusCode(403).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"name\":\"x\",\"body\":\"hi\"}").put("/api/templates/" + id)
                .then().statusCode(403).contentType("application/problem+json");
        given().get("/api/templates/" + id).then().statusCode(200).body("version", equalTo(1));
    }

    @Test
    @TestSecurity(user = "acme", roles = "partner")
    void shouldRefusePartnersWith403() {
        given().get("/api/templates").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void shouldAnswerWithoutTokenWith401() {
        given().get("/api/templates").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldPreviewAnEmailWithGivenAndSampleValuesEscapedAndListWhatIsMissing() {
        String id = idOf("meeting-invitation", "EMAIL", "es");
        given().contentType(ContentType.JSON).body("""
                {"variables":{"lead.firstName":"<Eva & Co>","vars.meetingLink":null,"vars.meetingTime":"11:30"}}""")
                .post("/api/templates/" + id + "/preview").then().statusCode(200)
                .body("channel", equalTo("EMAIL")).body("language", equalTo("es"))
                .body("subject", equalTo("Invitación: reunión con Leadstream el 2027-01-12"))
                .body("html", containsString("Hola, &lt;Eva &amp; Co&gt;:"))
                .body("html", containsString("11:30"))
                .body("html", containsString("href=\"https://leadstream.example/unsubscribe?t=sample\""))
                .body("text", containsString("Hola, <Eva & Co>:"))
                .body("text", containsString("Jordan Lee"))
                .body("missing", equalTo(List.of("vars.meetingLink")))
                .body("smsSegments", nullValue());
        // no body at all: the samples
        given().contentType(ContentType.JSON).post("/api/templates/" + id + "/preview").then().statusCode(200)
                .body("html", containsString("Hola, Ana:")).body("missing", empty());
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldPreviewAnSmsWithItsSegments() {
        given().contentType(ContentType.JSON).body("{\"variables\":{}}")
                .post("/api/templates/" + idOf("thank-you", "SMS", "ru") + "/preview").then().statusCode(200)
                .body("text", containsString("Здравствуйте, Ana!"))
                .body("html", nullValue()).body("subject", nullValue())
                .body("smsEncoding", equalTo("UCS-2")).body("smsSegments", equalTo(2))
                .body("smsLength", notNullValue());
        given().contentType(ContentType.JSON).body("{\"variables\":{\"lead.firstName\":\"Max\"}}")
                .post("/api/templates/" + idOf("thank-you", "SMS", "en") + "/preview").then().statusCode(200)
                .body("text", containsString("Hi Max, thank you"))
                .body("smsEncoding", equalTo("GSM-7")).body("smsSegments", equalTo(1));
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldRefuseAnUnknownPreviewVariableAndAnUnknownTemplate() {
        given().contentType(ContentType.JSON).body("{\"variables\":{\"lead.shoeSize\":\"42\"}}")
                .post("/api/templates/" + idOf("thank-you", "SMS", "en") + "/preview").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("variables.lead.shoeSize")));
        given().contentType(ContentType.JSON).post("/api/templates/" + UUID.randomUUID() + "/preview").then()
                .statusCode(404).contentType("application/problem+json");
        given().get("/api/templates/" + UUID.randomUUID()).then().statusCode(404)
                .body("type", equalTo("https://leadstream.dev/problems/not-found"));
    }

    @Test
    @TestSecurity(user = "admin1", roles = "lead-admin")
    void shouldSeedOnlyWhatIsAbsentAndNeverOverwriteAnAdminsEdit() throws Exception {
        String id = idOf("new-product-launch", "WHATSAPP", "de");
        given().contentType(ContentType.JSON).body("""
                {"name":"Neu","body":"Unsere Neuheit: {vars.productName}"}""").put("/api/templates/" + id)
                .then().statusCode(200).body("version", equalTo(2));
        assertThat(examples.seed()).isZero();
        given().get("/api/templates/" + id).then().statusCode(200)
                .body("body", equalTo("Unsere Neuheit: {vars.productName}")).body("version", equalTo(2));

        // three examples an admin removed by hand come back, once, however many replicas seed at the same time
        pool.preparedQuery("delete from message_template where template_key = 'new-product-launch' and language = 'ro'")
                .execute().await().atMost(WAIT);
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(examples::seed);
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(examples::seed);
        assertThat(first.get() + second.get()).isEqualTo(3);
        assertThat(examples.seed()).isZero();
        assertThat(count("select count(*) from message_template where created_by = $1", "nurture-service"))
                .isEqualTo(60);
        given().get("/api/templates/" + id).then().statusCode(200).body("version", equalTo(2));
    }

    @Test
    void shouldPickTheLeadsLanguageAndFallBackToEnglish() throws Throwable {
        Optional<MessageTemplate> romanian = VertxContextSupport.subscribeAndAwait(
                () -> templates.pick("meeting-invitation", Channel.EMAIL, "ro-RO"));
        assertThat(romanian).get().extracting(t -> t.language).isEqualTo("ro");
        Optional<MessageTemplate> portuguese = VertxContextSupport.subscribeAndAwait(
                () -> templates.pick("meeting-invitation", Channel.SMS, "pt-BR"));
        assertThat(portuguese).get().satisfies(t -> {
            assertThat(t.language).isEqualTo("en");
            assertThat(t.channel).isEqualTo(Channel.SMS);
        });
        assertThat(VertxContextSupport.subscribeAndAwait(() -> templates.pick("meeting-invitation", Channel.WHATSAPP,
                null))).get().extracting(t -> t.language).isEqualTo("en");
        assertThat(VertxContextSupport.subscribeAndAwait(() -> templates.pick("no-such-key", Channel.EMAIL, "es")))
                .isEmpty();
    }
}
