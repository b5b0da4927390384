package io.leadstream.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The alerts as Prometheus loads them: the PrometheusRule's rules pass {@code promtool check rules}, its unit tests
 * (deploy/k8s/base/observability/alerts.test.yaml: each alert fires on what should fire it and stays silent
 * otherwise) pass {@code promtool test rules}, and every alert's runbook is a heading of docs/operations.md.
 */
class AlertRulesTest {

    @TempDir
    Path dir;

    @Test
    void shouldPassPromtoolsCheckAndUnitTests() throws Exception {
        JsonNode rule = Manifests.get("prod", "PrometheusRule", "leadstream-alerts");
        Files.writeString(dir.resolve("leadstream-alerts.rules.yaml"), Manifests.YAML.writeValueAsString(rule.path("spec")));
        Files.copy(Manifests.k8s().resolve("base/observability/alerts.test.yaml"), dir.resolve("alerts.test.yaml"));

        assertThat(promtool("check", "rules", "leadstream-alerts.rules.yaml")).contains("SUCCESS");
        assertThat(promtool("test", "rules", "alerts.test.yaml")).contains("SUCCESS");
    }

    @Test
    void shouldGiveEveryAlertARunbookInTheOperationsGuide() throws IOException {
        String guide = Files.readString(Manifests.repository().resolve("docs/operations.md"));
        List<String> anchors = new ArrayList<>();
        guide.lines().filter(l -> l.startsWith("#")).forEach(l -> anchors.add(anchor(l.replaceFirst("^#+\\s*", ""))));
        List<String> missing = new ArrayList<>();
        for (JsonNode group : Manifests.get("prod", "PrometheusRule", "leadstream-alerts").path("spec").path("groups")) {
            for (JsonNode r : group.path("rules")) {
                if (!r.has("alert")) {
                    continue;
                }
                String url = r.path("annotations").path("runbook_url").asText();
                String anchor = url.contains("docs/operations.md#") ? url.substring(url.indexOf('#') + 1) : "";
                if (!anchors.contains(anchor)) {
                    missing.add(r.path("alert").asText() + " -> " + url);
                }
            }
        }
        assertThat(missing).as("alerts whose runbook_url names no heading of docs/operations.md").isEmpty();
    }

    /** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes. */
    private static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
    }

    private String promtool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("leadstream.promtool", "promtool"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("promtool %s:%n%s", String.join(" ", args), out).isZero();
        return out;
    }
}
