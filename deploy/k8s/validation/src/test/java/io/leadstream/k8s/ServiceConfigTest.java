package io.leadstream.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Each service gets on Kubernetes every setting it needs there: every property that points at this machine in its
 * application.properties (or the chassis') is overridden by its ConfigMaps or its Deployment, and no secret is in a
 * ConfigMap: the database's and Kafka's credentials come from their operators' Secrets, the rest from
 * {@code <service>-config-creds}.
 */
class ServiceConfigTest {

    static final List<String> overlays = Manifests.OVERLAYS;

    private static final Pattern LOCAL = Pattern.compile("127\\.0\\.0\\.1|localhost");
    private static final Pattern REFERENCE = Pattern.compile("^\\$\\{([^:}]+)(:.*)?}$");

    @ParameterizedTest
    @FieldSource("overlays")
    void shouldOverrideEverySettingThatPointsAtThisMachine(String overlay) {
        for (String service : Manifests.SERVICES) {
            Properties properties = new Properties();
            properties.putAll(Manifests.chassisProperties());
            properties.putAll(Manifests.applicationProperties(service));
            Map<String, String> env = environment(overlay, service);
            List<String> missing = new ArrayList<>();
            for (String key : new TreeSet<>(properties.stringPropertyNames())) {
                String value = properties.getProperty(key);
                if (!LOCAL.matcher(value).find() || env.containsKey(Manifests.envName(key))) {
                    continue;
                }
                Matcher reference = REFERENCE.matcher(value.trim());
                if (reference.matches() && env.containsKey(Manifests.envName(reference.group(1)))) {
                    continue; // ${other.key:local default}: the other key is set
                }
                missing.add(key + "=" + value);
            }
            assertThat(missing).as("%s %s: local settings not overridden on Kubernetes", overlay, service).isEmpty();
            assertThat(env).as(overlay + " " + service).containsKeys("QUARKUS_HTTP_PORT", "QUARKUS_MANAGEMENT_PORT",
                    "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD", "KAFKA_SASL_JAAS_CONFIG",
                    "QUARKUS_OIDC_TOKEN_ISSUER");
            assertThat(env.get("QUARKUS_DATASOURCE_REACTIVE_URL")).as(overlay + " " + service + ": its own database")
                    .endsWith("/" + service.replace("-service", ""));
        }
    }

    @ParameterizedTest
    @FieldSource("overlays")
    void shouldKeepEverySecretOutOfTheConfigMaps(String overlay) {
        for (String service : Manifests.SERVICES) {
            Set<String> secrets = new TreeSet<>();
            for (String list : List.of(
                    Manifests.chassisProperties().getProperty("leadstream.security.secret-keys", ""),
                    Manifests.applicationProperties(service).getProperty("leadstream.security.service-secret-keys", ""))) {
                for (String key : list.split(",")) {
                    if (!key.isBlank()) {
                        secrets.add(Manifests.envName(key.trim()));
                    }
                }
            }
            secrets.add("KAFKA_SASL_JAAS_CONFIG");
            Map<String, String> plain = configMapEnvironment(overlay, service);
            assertThat(plain.keySet()).as("%s %s: secrets in a ConfigMap", overlay, service).doesNotContainAnyElementsOf(secrets);
            JsonNode app = Manifests.get(overlay, "Deployment", service).path("spec").path("template").path("spec")
                    .path("containers").get(0);
            for (JsonNode e : app.path("env")) {
                if (secrets.contains(e.path("name").asText())) {
                    assertThat(e.has("valueFrom")).as("%s %s: %s from a Secret", overlay, service, e.path("name").asText()).isTrue();
                }
            }
        }
    }

    /** What the container sees: its ConfigMaps, in envFrom order, then its own env (a Secret's keys named only). */
    static Map<String, String> environment(String overlay, String service) {
        Map<String, String> env = configMapEnvironment(overlay, service);
        JsonNode app = Manifests.get(overlay, "Deployment", service).path("spec").path("template").path("spec")
                .path("containers").get(0);
        app.path("env").forEach(e -> env.put(e.path("name").asText(),
                e.has("valueFrom") ? "<from " + e.path("valueFrom") + ">" : e.path("value").asText()));
        return env;
    }

    static Map<String, String> configMapEnvironment(String overlay, String service) {
        Map<String, String> env = new HashMap<>();
        JsonNode app = Manifests.get(overlay, "Deployment", service).path("spec").path("template").path("spec")
                .path("containers").get(0);
        for (JsonNode from : app.path("envFrom")) {
            if (from.has("configMapRef")) {
                Manifests.find(overlay, "ConfigMap", from.path("configMapRef").path("name").asText())
                        .ifPresent(cm -> cm.path("data").fields().forEachRemaining(f -> env.put(f.getKey(), f.getValue().asText())));
            }
        }
        return env;
    }
}
