package io.leadstream.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.restassured.path.json.JsonPath;

/**
 * A real browser posts a web form: a page served on a local port (its own origin) holds a form whose action is
 * capture-service's {@code /forms/{formKey}}; headless Chromium (Debian's, driven by playwright-core from
 * {@code system-tests/browser/}) fills it in and clicks submit; the browser must end on the form's thanks page and
 * the lead must be stored, then scored and assigned like any other lead. deploy/local/test.sh installs the browser.
 */
class WebFormBrowserTest {

    private static final Path SCRIPT = Path.of("browser", "submit-form.mjs");

    private HttpServer site;
    private String origin;
    private final List<String> requested = new CopyOnWriteArrayList<>();
    private volatile String formHtml = "";

    @BeforeEach
    void serveTheSite() throws IOException {
        site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/contact", exchange -> send(exchange, formHtml));
        site.createContext("/thanks", exchange -> send(exchange,
                "<!DOCTYPE html><html><head><title>Thanks</title></head><body><h1>Thank you!</h1></body></html>"));
        site.start();
        origin = "http://127.0.0.1:" + site.getAddress().getPort();
    }

    @AfterEach
    void stopTheSite() {
        site.stop(0);
    }

    private void send(HttpExchange exchange, String html) throws IOException {
        requested.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
        try (InputStream ignored = exchange.getRequestBody()) {
            byte[] body = html.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } finally {
            exchange.close();
        }
    }

    @Test
    void shouldStoreScoreAndAssignALeadAHeadlessBrowserPostsThroughAWebForm() throws Exception {
        assertThat(SCRIPT).as("system-tests/browser/submit-form.mjs (run from the system-tests module)").exists();
        assertThat(Path.of("browser", "node_modules", "playwright-core")).as("playwright-core is installed: "
                + "deploy/local/test.sh does it (ensure_browser in deploy/local/lib.sh: npm ci in system-tests/browser)")
                .exists();
        String admin = Suite.userToken("admin");
        String key = given().auth().oauth2(admin).contentType("application/json").body("""
                {"name":"Browser test %s","allowedOrigins":["%s"],
                 "fields":{"first_name":"firstName","last_name":"lastName","your_email":"email","tel":"phone",
                           "organisation":"company"},
                 "redirectUrl":"%s/thanks"}""".formatted(UUID.randomUUID(), origin, origin))
                .post(Suite.CAPTURE + "/api/forms")
                .then().statusCode(201).extract().path("key");
        formHtml = """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Contact us</title>
                <style>.hp { position: absolute; left: -10000px; }</style></head>
                <body>
                <form method="post" action="%s/forms/%s">
                  <label>First name <input name="first_name" required></label>
                  <label>Last name <input name="last_name" required></label>
                  <label>Email <input type="email" name="your_email" required></label>
                  <label>Phone <input type="tel" name="tel"></label>
                  <label>Company <input name="organisation"></label>
                  <div class="hp" aria-hidden="true"><label>Website <input name="website" tabindex="-1"
                    autocomplete="off"></label></div>
                  <button type="submit">Send</button>
                </form>
                </body></html>
                """.formatted(Suite.CAPTURE, key);

        String unique = UUID.randomUUID().toString().substring(0, 8);
        String email = "katherine." + unique + "@nasa.example";
        String finalUrl = browser(origin + "/contact", "first_name=Katherine", "last_name=Johnson",
                "your_email=" + email, "tel=" + Suite.uniquePhone(), "organisation=Langley Research");

        assertThat(finalUrl).isEqualTo(origin + "/thanks?lead=submitted");
        assertThat(requested).contains("GET /contact", "GET /thanks?lead=submitted");

        String crm = Suite.crmApp();
        JsonPath found = given().auth().oauth2(crm).queryParam("q", email).get(Suite.CAPTURE + "/api/leads")
                .then().statusCode(200).extract().jsonPath();
        assertThat(found.getList("items")).hasSize(1);
        assertThat(found.getString("items[0].email")).isEqualTo(email);
        assertThat(found.getString("items[0].firstName")).isEqualTo("Katherine");
        assertThat(found.getString("items[0].source")).isEqualTo("web");
        String leadId = found.getString("items[0].id");

        String manager = Suite.userToken("manager");
        await().atMost(Suite.JOURNEY).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonPath score = given().auth().oauth2(crm).get(Suite.SCORING + "/api/scores/" + leadId)
                    .then().statusCode(200).extract().jsonPath();
            assertThat(score.getInt("score")).isBetween(0, 100);
            JsonPath assignment = given().auth().oauth2(manager).get(Suite.DISTRIBUTION + "/api/assignments/" + leadId)
                    .then().statusCode(200).extract().jsonPath();
            assertThat(assignment.getString("repId")).isIn("rep1", "rep2", "rep3");
        });
    }

    /** Runs submit-form.mjs in headless Chromium; the URL the browser ended on. */
    private static String browser(String page, String... fields) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", SCRIPT.toString(), page));
        command.addAll(List.of(fields));
        Path out = Files.createTempFile("submit-form", ".out");
        Path err = Files.createTempFile("submit-form", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("the browser did not finish in 2 minutes: " + Files.readString(err));
            }
            assertThat(process.exitValue()).as("submit-form.mjs failed: " + Files.readString(err)).isZero();
            return Files.readString(out).strip();
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
