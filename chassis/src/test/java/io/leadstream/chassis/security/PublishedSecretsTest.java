package io.leadstream.chassis.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PublishedSecretsTest {

    private static final Set<String> PUBLISHED = Set.of("capture", "local-development-only");

    @Test
    void shouldNameEveryKeyWhoseValueIsPublished() {
        Map<String, String> config = Map.of(
                "quarkus.datasource.password", "capture",
                "leadstream.capture.erasure.pseudonym-key", " local-development-only ",
                "quarkus.oidc-client.credentials.secret", "k7f2-our-own");
        assertThat(PublishedSecrets.published(key -> Optional.ofNullable(config.get(key)),
                List.of("quarkus.datasource.password", "leadstream.capture.erasure.pseudonym-key",
                        "quarkus.oidc-client.credentials.secret", "leadstream.capture.google-ads.key"),
                PUBLISHED))
                .containsExactly("leadstream.capture.erasure.pseudonym-key", "quarkus.datasource.password");
    }

    @Test
    void shouldAcceptSecretsOfOurOwnAndUnsetOnes() {
        assertThat(PublishedSecrets.published(key -> key.endsWith("password") ? Optional.of("Capture") : Optional.empty(),
                List.of("quarkus.datasource.password", "leadstream.capture.google-ads.key"), PUBLISHED)).isEmpty();
    }
}
