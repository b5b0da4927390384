package io.leadstream.distribution.shares.rest;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * capture-service and Keycloak's token endpoint, as far as distribution's contact client uses them: {@code POST /token}
 * gives a token to the client {@code distribution-service} with its secret (client credentials), {@code GET
 * /api/leads/{id}} answers with that token only — Ada Lovelace for {@link #KNOWN}, 404 for any other lead.
 */
public class CaptureStub implements QuarkusTestResourceLifecycleManager {

    static final UUID KNOWN = UUID.fromString("9b2f0c1e-8a5e-4c43-9d6f-1c2b3a4d5e6f");
    static final String SECRET = "stub-secret";
    static final String TOKEN = "stub-token-1";
    /** Every request the stub answered: "METHOD path authorization". */
    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    private HttpServer server;

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
        SEEN.add(exchange.getRequestMethod() + " " + path + " " + auth);
        String basic = "Basic " + Base64.getEncoder().encodeToString(("distribution-service:" + SECRET)
                .getBytes(StandardCharsets.UTF_8));
        if (path.equals("/token")) {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean ok = basic.equals(auth) && form.contains("grant_type=client_credentials");
            reply(exchange, ok ? 200 : 401, ok ? "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\","
                    + "\"expires_in\":300}" : "{\"error\":\"invalid_client\"}");
        } else if (!("Bearer " + TOKEN).equals(auth)) {
            reply(exchange, 401, "{}");
        } else if (path.equals("/api/leads/" + KNOWN)) {
            reply(exchange, 200, """
                    {"id":"%s","firstName":"Ada","lastName":"Lovelace","email":"ada@example.com",
                     "phone":"+442071838750","company":"Analytical Engines Ltd","country":"GB","source":"web",
                     "qualifiers":{"products":["heat-pumps"]},"partnerId":null}""".formatted(KNOWN));
        } else {
            reply(exchange, 404, "{\"status\":404}");
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
