package io.leadstream.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Production refuses to start on a secret published in this repository (docs/security.md, "Secrets"): capture's jar,
 * started as the local run starts it but without the local run's allow-published-secrets, stops at once and names
 * the keys, never their values. Its Kafka points nowhere and its ports are random, so it touches nothing of the
 * running suite but reading its database's schema.
 */
class PublishedSecretsTest {

    @Test
    void shouldRefuseToStartCaptureWithThePublishedSecretsAndNameThem() throws IOException, InterruptedException {
        Path repo = Path.of("").toAbsolutePath().getParent();
        Path jar = repo.resolve("capture-service/target/quarkus-app/quarkus-run.jar");
        assertThat(jar).exists();
        Path output = Files.createTempFile("published-secrets", ".log");
        Process capture = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx192m",
                "-Dquarkus.config.locations=file:" + repo.resolve("deploy/local/capture-service.properties"),
                "-Dquarkus.http.port=0", "-Dquarkus.management.port=9199", "-Dkafka.bootstrap.servers=127.0.0.1:1",
                "-Dleadstream.outbox.relay-enabled=false", "-Dleadstream.capture.email.imap.host=",
                "-jar", jar.toString()))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertThat(capture.waitFor(120, TimeUnit.SECONDS)).as("capture stopped by itself").isTrue();
            String log = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(capture.exitValue()).as(log).isNotZero();
            assertThat(log).contains("refusing to start: secrets with a value published in the Leadstream repository")
                    .contains("quarkus.datasource.password", "leadstream.capture.erasure.pseudonym-key",
                            "leadstream.capture.whatsapp.app-secret", "leadstream.capture.email.webhook-secret")
                    .doesNotContain("local-whatsapp-app-secret", "local-email-webhook-secret", "local-development-only");
        } finally {
            capture.destroyForcibly();
            Files.deleteIfExists(output);
        }
    }
}
