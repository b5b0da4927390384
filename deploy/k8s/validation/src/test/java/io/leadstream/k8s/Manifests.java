package io.leadstream.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * deploy/k8s as an operator deploys it: each overlay rendered by kustomize (the binary deploy/local/k8s-check.sh
 * installs, {@code -Dleadstream.kustomize}), and what the services themselves declare (their
 * application.properties), which the manifests are held to.
 */
final class Manifests {

    static final List<String> OVERLAYS = List.of("dev", "prod", "prod-keda");
    static final List<String> SERVICES = List.of("capture-service", "scoring-service", "distribution-service",
            "nurture-service", "insights-service");
    static final ObjectMapper YAML = new YAMLMapper();

    private static final Map<String, List<ObjectNode>> RENDERED = new ConcurrentHashMap<>();

    private Manifests() {
    }

    static Path repository() {
        return Path.of(System.getProperty("leadstream.repository", "../../..")).toAbsolutePath().normalize();
    }

    static Path k8s() {
        return repository().resolve("deploy/k8s");
    }

    /** Every object of an overlay, as kustomize renders it. */
    static List<ObjectNode> render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, Manifests::kustomize);
    }

    static Stream<ObjectNode> ofKind(String overlay, String kind) {
        return render(overlay).stream().filter(o -> kind.equals(o.path("kind").asText()));
    }

    static Optional<ObjectNode> find(String overlay, String kind, String name) {
        return ofKind(overlay, kind).filter(o -> name.equals(o.path("metadata").path("name").asText())).findFirst();
    }

    static ObjectNode get(String overlay, String kind, String name) {
        return find(overlay, kind, name)
                .orElseThrow(() -> new AssertionError(overlay + ": no " + kind + " named " + name));
    }

    /** A ConfigMap by the name it is referenced by (kustomize appends a hash of its content to generated ones). */
    static Optional<ObjectNode> configMap(String overlay, String generatedName) {
        return ofKind(overlay, "ConfigMap").filter(o -> {
            String name = o.path("metadata").path("name").asText();
            return name.equals(generatedName) || name.matches(java.util.regex.Pattern.quote(generatedName) + "-[a-z0-9]{10}");
        }).findFirst();
    }

    private static List<ObjectNode> kustomize(String overlay) {
        String binary = System.getProperty("leadstream.kustomize", "kustomize");
        Path dir = k8s().resolve("overlays").resolve(overlay);
        try {
            Process process = new ProcessBuilder(binary, "build", dir.toString()).redirectErrorStream(false).start();
            byte[] out;
            try (InputStream in = process.getInputStream()) {
                out = in.readAllBytes();
            }
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("kustomize build " + dir + " failed: " + err);
            }
            List<ObjectNode> objects = new ArrayList<>();
            try (var parser = new YAMLFactory().createParser(out)) {
                var values = YAML.readValues(parser, JsonNode.class);
                while (values.hasNext()) {
                    JsonNode node = values.next();
                    if (node != null && node.isObject()) {
                        objects.add((ObjectNode) node);
                    }
                }
            }
            if (objects.isEmpty()) {
                throw new AssertionError("kustomize build " + dir + " rendered nothing");
            }
            return List.copyOf(objects);
        } catch (IOException e) {
            throw new AssertionError("could not run " + binary + " (install it with deploy/local/k8s-check.sh, or set "
                    + "-Dleadstream.kustomize): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A service's application.properties: the settings without a profile (what runs in production). */
    static Properties applicationProperties(String service) {
        return withoutProfiles(repository().resolve(service).resolve("src/main/resources/application.properties"));
    }

    /** The chassis' shared settings (microprofile-config.properties), without profiles. */
    static Properties chassisProperties() {
        return withoutProfiles(repository().resolve("chassis/src/main/resources/META-INF/microprofile-config.properties"));
    }

    private static Properties withoutProfiles(Path file) {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        properties.stringPropertyNames().stream().filter(k -> k.startsWith("%")).toList().forEach(properties::remove);
        return properties;
    }

    /** The environment variable Quarkus reads for a property (SmallRye Config's rule). */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }
}
