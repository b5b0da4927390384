package io.leadstream.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every path of every service's committed OpenAPI document reaches that service through the ingress, as
 * ingress-nginx matches regular-expression paths (each a case-insensitive prefix, the longest first); /q/* reaches
 * nothing.
 */
class IngressRoutesTest {

    record Route(Pattern path, int length, String service) {
    }

    @Test
    void shouldRouteEveryDocumentedPathToItsService() throws IOException {
        List<Route> routes = routes();
        List<String> wrong = new ArrayList<>();
        for (String service : Manifests.SERVICES) {
            JsonNode document = Manifests.YAML.readTree(Manifests.repository().resolve("docs/api/" + service + ".yaml").toFile());
            document.path("paths").fieldNames().forEachRemaining(path -> {
                String concrete = path.replaceAll("\\{[^}]+}", "0b6f1a52-4c1e-4a8e-9d0e-3f2b1c0d9e8a");
                String reached = reach(routes, concrete);
                if (!service.equals(reached)) {
                    wrong.add(path + " -> " + reached + " (documented by " + service + ")");
                }
            });
        }
        assertThat(wrong).isEmpty();
        assertThat(reach(routes, "/q/metrics")).isNull();
        assertThat(reach(routes, "/q/health/ready")).isNull();
    }

    @Test
    void shouldServeTheApiAndKeycloakOverTls() {
        for (String name : List.of("leadstream-api", "leadstream-auth")) {
            JsonNode ingress = Manifests.get("prod", "Ingress", name);
            String host = ingress.path("spec").path("rules").get(0).path("host").asText();
            assertThat(ingress.path("spec").path("tls").get(0).path("hosts").toString()).as(name).contains(host);
            assertThat(ingress.path("spec").path("tls").get(0).path("secretName").asText()).as(name).isNotBlank();
        }
        assertThat(Manifests.get("prod", "Ingress", "leadstream-auth").toString()).as("Keycloak's admin console stays inside")
                .doesNotContain("\"path\":\"/\"").doesNotContain("/admin");
    }

    private static List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        JsonNode ingress = Manifests.get("prod", "Ingress", "leadstream-api");
        for (JsonNode rule : ingress.path("spec").path("rules")) {
            for (JsonNode path : rule.path("http").path("paths")) {
                String regex = path.path("path").asText();
                routes.add(new Route(Pattern.compile("^" + regex, Pattern.CASE_INSENSITIVE), regex.length(),
                        path.path("backend").path("service").path("name").asText()));
            }
        }
        routes.sort(Comparator.comparingInt(Route::length).reversed());
        return routes;
    }

    private static String reach(List<Route> routes, String path) {
        return routes.stream().filter(r -> r.path().matcher(path).find()).map(Route::service).findFirst().orElse(null);
    }
}
