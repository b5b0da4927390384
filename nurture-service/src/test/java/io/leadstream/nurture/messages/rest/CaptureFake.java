package io.leadstream.nurture.messages.rest;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * capture-service and Keycloak's token endpoint, as far as nurture's lead directory uses them: {@code POST /token}
 * gives a token to the client {@code nurture-service} with its secret (client credentials); with that token only,
 * {@code GET /api/leads/{id}} answers the lead a test put in {@link #LEADS} (404 for any other), and
 * {@code POST /api/leads/{id}/consents} records the entry in {@link #CONSENTS} (404 for an unknown lead).
 */
public class CaptureFake implements QuarkusTestResourceLifecycleManager {

    static final String SECRET = "fake-secret";
    static final String TOKEN = "fake-token-1";
    /** The leads capture knows: id → its LeadView JSON. */
    static final Map<UUID, String> LEADS = new ConcurrentHashMap<>();
    /** Every consent entry posted: "leadId body". */
    static final List<String> CONSENTS = new CopyOnWriteArrayList<>();
    /** Every request answered: "METHOD path authorization". */
    static final List<String> SEEN = new CopyOnWriteArrayList<>();
    /** When set, every lead request is answered with this status (capture failing). */
    public static volatile Integer failWith;

    private HttpServer server;

    /** Each known lead's phone number (unique, so that what a channel got can be told apart by lead). */
    static final Map<UUID, String> PHONES = new ConcurrentHashMap<>();

    /** A lead capture knows, with an address for every channel, in {@code timeZone} (null: none known). */
    public static UUID lead(String timeZone) {
        return lead(timeZone, "en");
    }

    /** A lead capture knows, in {@code timeZone}, speaking {@code language}. */
    static UUID lead(String timeZone, String language) {
        UUID id = UUID.randomUUID();
        String phone = "+44207" + (1_000_000 + (int) (Math.random() * 8_999_999));
        PHONES.put(id, phone);
        LEADS.put(id, """
                {"id":"%s","firstName":"Ada","lastName":"Lovelace","email":"ada-%s@example.com",
                 "phone":"%s","company":"Analytical Engines Ltd","country":"GB","language":"%s",
                 "timeZone":%s,"source":"web","qualifiers":{"products":["heat-pumps"]}}"""
                .formatted(id, id, phone, language, timeZone == null ? "null" : "\"" + timeZone + "\""));
        return id;
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("quarkus.rest-client.capture.url", url,
                "quarkus.oidc-client.auth-server-url", url,
                "quarkus.oidc-client.discovery-enabled", "false",
                "quarkus.oidc-client.token-path", "/token",
                "quarkus.oidc-client.credentials.secret", SECRET);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        SEEN.add(method + " " + path + " " + auth);
        String basic = "Basic " + Base64.getEncoder().encodeToString(("nurture-service:" + SECRET)
                .getBytes(StandardCharsets.UTF_8));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (path.equals("/token")) {
            boolean ok = basic.equals(auth) && body.contains("grant_type=client_credentials");
            reply(exchange, ok ? 200 : 401, ok ? "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\","
                    + "\"expires_in\":300}" : "{\"error\":\"invalid_client\"}");
            return;
        }
        if (!("Bearer " + TOKEN).equals(auth)) {
            reply(exchange, 401, "{}");
            return;
        }
        if (failWith != null) {
            reply(exchange, failWith, "{\"status\":" + failWith + "}");
            return;
        }
        String[] parts = path.split("/"); // "", "api", "leads", id[, "consents"]
        UUID id = parts.length >= 4 ? parse(parts[3]) : null;
        String lead = id == null ? null : LEADS.get(id);
        if (lead == null) {
            reply(exchange, 404, "{\"status\":404}");
        } else if (parts.length == 4 && method.equals("GET")) {
            reply(exchange, 200, lead);
        } else if (parts.length == 5 && parts[4].equals("consents") && method.equals("POST")) {
            CONSENTS.add(id + " " + body);
            reply(exchange, 201, "{}");
        } else {
            reply(exchange, 405, "{}");
        }
    }

    private static UUID parse(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
