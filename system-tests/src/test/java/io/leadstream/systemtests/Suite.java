package io.leadstream.systemtests;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.restassured.path.json.JsonPath;

/**
 * Where the running suite is (deploy/local/up.sh defaults; override with -Dleadstream.<name>=url) and
 * real tokens from its Keycloak. The credentials are the realm file's local-only demo ones.
 */
final class Suite {

    static final String CAPTURE = url("capture", "http://127.0.0.1:8081");
    static final String SCORING = url("scoring", "http://127.0.0.1:8082");
    static final String DISTRIBUTION = url("distribution", "http://127.0.0.1:8083");
    static final String NURTURE = url("nurture", "http://127.0.0.1:8084");
    static final String INSIGHTS = url("insights", "http://127.0.0.1:8085");
    static final String KEYCLOAK = url("keycloak", "http://127.0.0.1:8180");
    static final String KAFKA = System.getProperty("leadstream.kafka", "127.0.0.1:9092");
    static final String TOKEN_ENDPOINT = KEYCLOAK + "/realms/leads/protocol/openid-connect/token";

    /** The journey must complete within this time (issue 2). */
    static final Duration JOURNEY = Duration.ofSeconds(15);

    /** Tokens by who they are for, kept until a minute before they expire (the realm gives 15 minutes). */
    private static final Map<String, Token> TOKENS = new ConcurrentHashMap<>();

    private record Token(String value, java.time.Instant renewAfter) {
    }

    private Suite() {
    }

    private static String url(String name, String fallback) {
        return System.getProperty("leadstream." + name, fallback);
    }

    /** A service's management interface (metrics, OpenAPI): its HTTP port + 1000, as deploy/local runs them. */
    /** The repository's root (where docs/ is), found from the directory the tests run in. */
    static java.nio.file.Path repository() {
        java.nio.file.Path start = java.nio.file.Path.of("").toAbsolutePath();
        for (java.nio.file.Path dir = start; dir != null; dir = dir.getParent()) {
            if (java.nio.file.Files.exists(dir.resolve("docs/security.md"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no docs/security.md above " + start);
    }

    static String management(String serviceUrl) {
        java.net.URI uri = java.net.URI.create(serviceUrl);
        return uri.getScheme() + "://" + uri.getHost() + ":" + (uri.getPort() + 1000);
    }

    /** A service account token (client credentials grant). */
    static String clientToken(String clientId, String secret) {
        return token("client:" + clientId, () -> given()
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId)
                .formParam("client_secret", secret)
                .post(TOKEN_ENDPOINT));
    }

    /** The cached token, or a new one when there is none or it expires within a minute (the system tests run longer). */
    private static String token(String who, java.util.function.Supplier<io.restassured.response.Response> request) {
        return TOKENS.compute(who, (k, cached) -> {
            if (cached != null && java.time.Instant.now().isBefore(cached.renewAfter())) {
                return cached;
            }
            io.restassured.path.json.JsonPath answer = request.get().then().statusCode(200).extract().jsonPath();
            return new Token(answer.getString("access_token"),
                    java.time.Instant.now().plusSeconds(Math.max(0, answer.getLong("expires_in") - 60)));
        }).value();
    }

    /** A person's token through the public CLI client (password grant; local use only). */
    static String userToken(String username) {
        return token("user:" + username, () -> given()
                .formParam("grant_type", "password")
                .formParam("client_id", "leadstream-cli")
                .formParam("username", username)
                .formParam("password", username)
                .post(TOKEN_ENDPOINT));
    }

    /**
     * A phone number no earlier run has used: the suite de-duplicates on phone, and PostgreSQL keeps its
     * data between runs. A Washington DC number with a random exchange (220-299, never an N11 code) and line; never dialled.
     */
    static String uniquePhone() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        return String.format("+1 202 %03d %04d", random.nextInt(220, 300), random.nextInt(0, 10000));
    }

    /**
     * capture-service's local-only settings (webhook secrets), from the file deploy/local passes to the service:
     * {@code -Dleadstream.capture-config=path}, else {@code ../deploy/local/capture-service.properties} (the tests run
     * in system-tests/).
     */
    static String captureSetting(String name) {
        java.nio.file.Path file = java.nio.file.Path.of(System.getProperty("leadstream.capture-config",
                "../deploy/local/capture-service.properties"));
        java.util.Properties properties = new java.util.Properties();
        try (java.io.Reader reader = java.nio.file.Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
        }
        String value = properties.getProperty(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not set in " + file.toAbsolutePath());
        }
        return value;
    }

    /**
     * Mails {@code text} from {@code address} ({@code name}) to the local alias mailbox capture reads (GreenMail's SMTP
     * on {@code -Dleadstream.smtp.port}, 3025 by default).
     */
    static void mailToAlias(String address, String name, String subject, String text) throws Exception {
        java.util.Properties smtp = new java.util.Properties();
        smtp.put("mail.smtp.host", "127.0.0.1");
        smtp.put("mail.smtp.port", System.getProperty("leadstream.smtp.port", "3025"));
        jakarta.mail.internet.MimeMessage mail = new jakarta.mail.internet.MimeMessage(
                jakarta.mail.Session.getInstance(smtp));
        mail.setFrom(new jakarta.mail.internet.InternetAddress(address, name, "UTF-8"));
        mail.setRecipients(jakarta.mail.Message.RecipientType.TO, captureSetting("leadstream.capture.email.imap.user"));
        mail.setSubject(subject, "UTF-8");
        mail.setText(text, "UTF-8");
        jakarta.mail.Transport.send(mail);
    }

    /** The one lead capture holds with this email address, once it is there. */
    static String leadWithEmail(String address) {
        return org.awaitility.Awaitility.await().atMost(JOURNEY).pollInterval(Duration.ofMillis(500)).until(() -> {
            java.util.List<String> ids = given().auth().oauth2(crmApp()).queryParam("q", address)
                    .get(CAPTURE + "/api/leads").then().statusCode(200).extract().jsonPath().getList("items.id");
            return ids.size() == 1 ? ids.get(0) : null;
        }, id -> id != null);
    }

    static String crmApp() {
        return clientToken("crm-app", "crm-app-secret");
    }

    /** distribution's assignment rules in force (read with an admin token). */
    static JsonPath rulesInForce(String admin) {
        return given().auth().oauth2(admin).get(DISTRIBUTION + "/api/assignment/rules")
                .then().statusCode(200).extract().jsonPath();
    }

    /** The rules in force {@code before}, with {@code rule} put in front of them. */
    static void putRulesFirst(String admin, JsonPath before, Map<String, Object> rule) {
        List<Object> rules = new ArrayList<>();
        rules.add(rule);
        rules.addAll(before.getList("rules"));
        putRules(admin, rules, before);
    }

    static void putRules(String admin, List<Object> rules, JsonPath before) {
        given().auth().oauth2(admin).contentType("application/json")
                .body(Map.of("rules", rules, "fallback", before.getMap("fallback")))
                .put(DISTRIBUTION + "/api/assignment/rules").then().statusCode(200);
    }

    /**
     * Stops ({@code stop}), kills ({@code kill}) or starts ({@code start}, returning once it is ready) one part of the
     * running local suite, through {@code deploy/local/component.sh}: a service, {@code kafka} or {@code postgresql}.
     */
    static void component(String action, String name) {
        component(action, name, "");
    }

    /**
     * As {@link #component(String, String)}; a service started this way gets {@code systemProperties} ("-Dname=value
     * …") for this run only (deploy/local's {@code LEADSTREAM_SERVICE_EXTRA_OPTS}).
     */
    static void component(String action, String name, String systemProperties) {
        java.nio.file.Path script = java.nio.file.Path.of(System.getProperty("leadstream.component-script",
                "../deploy/local/component.sh"));
        try {
            ProcessBuilder builder = new ProcessBuilder(script.toString(), action, name).redirectErrorStream(true);
            builder.environment().put("LEADSTREAM_SERVICE_EXTRA_OPTS", systemProperties);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            System.out.print(output);
            if (process.waitFor() != 0) {
                throw new AssertionError(script + " " + action + " " + name + " failed:\n" + output);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs the psql {@code script} (from standard input, so meta-commands such as {@code \gexec} work) as the
     * service's own role (password = name, as deploy/local makes it) on {@code database}; answers psql's output
     * (unaligned, tuples only), and fails on any error.
     */
    static String psql(String role, String database, String script) {
        ProcessBuilder psql = new ProcessBuilder("psql", "-h", System.getProperty("leadstream.pg-host", "127.0.0.1"),
                "-p", System.getProperty("leadstream.pg-port", "5432"), "-U", role, "-d", database, "-At",
                "-v", "ON_ERROR_STOP=1").redirectErrorStream(true);
        psql.environment().put("PGPASSWORD", role);
        try {
            Process process = psql.start();
            try (var in = process.getOutputStream()) {
                in.write(script.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new AssertionError("psql on " + database + " failed: " + output + "\n" + script);
            }
            return output;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A producer on the suite's broker (String keys and values, acks from every replica). */
    static org.apache.kafka.clients.producer.KafkaProducer<String, String> producer() {
        return new org.apache.kafka.clients.producer.KafkaProducer<>(Map.of(
                org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA,
                org.apache.kafka.clients.producer.ProducerConfig.ACKS_CONFIG, "all"),
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer());
    }

    /** A consumer of the suite's broker that commits nothing (assign and seek it). */
    static org.apache.kafka.clients.consumer.KafkaConsumer<String, String> consumer() {
        return new org.apache.kafka.clients.consumer.KafkaConsumer<>(Map.of(
                org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA,
                org.apache.kafka.clients.consumer.ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer());
    }
}
