package io.leadstream.benchmarks.pipeline;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The running suite as the generator sees it: capture's URL, a client-credentials token of the {@code crm-app}
 * integration (renewed every minute), and the leads it sends. Every lead is new (a run id in its email); with
 * {@link #duplicateOf} a request repeats an earlier lead's email, which capture merges (200).
 */
final class Suite {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] FIRST = { "Ada", "Grace", "Katherine", "Dorothy", "Mary", "Annie", "Hedy", "Radia",
        "Frances", "Barbara", "Margaret", "Joan", "Evelyn", "Lynn" };
    private static final String[] LAST = { "Lovelace", "Hopper", "Johnson", "Vaughan", "Jackson", "Easley", "Lamarr",
        "Perlman", "Allen", "Liskov", "Hamilton", "Clarke", "Boyd", "Conway" };

    final String capture;
    final String tokenUrl;
    final String run = UUID.randomUUID().toString().substring(0, 8);
    final HttpClient http;
    private volatile String token;
    private volatile long tokenAt;

    Suite(Main.Options o, int connections) {
        this.capture = o.get("capture", "http://127.0.0.1:8081");
        this.tokenUrl = o.get("token-url", "http://127.0.0.1:8180/realms/leads/protocol/openid-connect/token");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(java.util.concurrent.Executors.newFixedThreadPool(Math.max(2, Math.min(connections, 16))))
                .build();
    }

    String token() throws IOException, InterruptedException {
        if (token == null || System.nanoTime() - tokenAt > Duration.ofSeconds(60).toNanos()) {
            synchronized (this) {
                if (token == null || System.nanoTime() - tokenAt > Duration.ofSeconds(60).toNanos()) {
                    String form = "grant_type=client_credentials&client_id=crm-app&client_secret="
                            + URLEncoder.encode("crm-app-secret", StandardCharsets.UTF_8);
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(tokenUrl))
                            .header("content-type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        throw new IOException("Keycloak answered " + r.statusCode() + " for a token: " + r.body());
                    }
                    token = JSON.readTree(r.body()).path("access_token").asText();
                    tokenAt = System.nanoTime();
                }
            }
        }
        return token;
    }

    /** Lead number {@code n} of this run: a new person (some with a phone), from the API. */
    String lead(long n) {
        return lead(n, n);
    }

    /** Lead {@code n}'s request, with the email of lead {@code as} (the same person again when they differ). */
    String lead(long n, long as) {
        // Chicago numbers, in a space of their own: the system tests draw theirs from Washington's (+1 202), and the
        // leads a benchmark leaves behind must never be the person a system test sends
        long k = Math.floorMod(run.hashCode() + as, 600_000L);
        String phone = n % 2 == 0 ? ",\"phone\":\"+1 312 %03d %04d\"".formatted(230 + k / 10_000, k % 10_000) : "";
        // varied people: 196 names, and a company of each person's own (a handful of names over a handful of
        // companies made every lead a fuzzy suspect of hundreds of earlier ones, which no real inflow looks like)
        String first = FIRST[(int) (as % FIRST.length)];
        String last = LAST[(int) (as / FIRST.length % LAST.length)];
        return """
                {"firstName":"%s","lastName":"%s","email":"%s.%s.%d@load.example","company":"%s Engines %d Ltd",\
                "country":"GB","source":"api","jobTitle":"Head of Operations"%s}""".formatted(first, last,
                first.toLowerCase(java.util.Locale.ROOT), run, as, last, k, phone);
    }

    /** Every {@code every}-th request repeats an earlier lead (capture merges it); 0 for none. */
    static long duplicateOf(long n, int every) {
        return every > 0 && n > every && n % every == 0 ? n - every / 2 : n;
    }

    HttpRequest.Builder post(String body) throws IOException, InterruptedException {
        return HttpRequest.newBuilder(URI.create(capture + "/api/leads"))
                .timeout(Duration.ofSeconds(30))
                .header("authorization", "Bearer " + token())
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }
}
