package io.leadstream.capture.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class WebhookSecretsTest {

    private static final byte[] BODY = "{\"object\":\"whatsapp_business_account\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldComputeTheHmacSha256MetaSends() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        assertThat(WebhookSecrets.signature("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void shouldAcceptOnlyTheSignatureOfTheseBytesUnderTheSecret() {
        String good = WebhookSecrets.signature("s3cret", BODY);
        assertThat(WebhookSecrets.validSignature(Optional.of("s3cret"), BODY, good)).isTrue();
        assertThat(WebhookSecrets.validSignature(Optional.of("s3cret"), BODY, good.toUpperCase().replace("SHA256=", "sha256=")))
                .as("hex in either case").isTrue();
        assertThat(WebhookSecrets.validSignature(Optional.of("other"), BODY, good)).isFalse();
        assertThat(WebhookSecrets.validSignature(Optional.of("s3cret"), "{}".getBytes(StandardCharsets.UTF_8), good)).isFalse();
        assertThat(WebhookSecrets.validSignature(Optional.of("s3cret"), BODY, good.substring(7))).isFalse();
        assertThat(WebhookSecrets.validSignature(Optional.of("s3cret"), BODY, "sha256=xyz")).isFalse();
        assertThat(WebhookSecrets.validSignature(Optional.of("s3cret"), BODY, null)).isFalse();
        assertThat(WebhookSecrets.validSignature(Optional.empty(), BODY, good)).as("unset secret: closed").isFalse();
        assertThat(WebhookSecrets.validSignature(Optional.of(" "), BODY, WebhookSecrets.signature(" ", BODY))).isFalse();
    }

    @Test
    void shouldMatchKeysExactly() {
        assertThat(WebhookSecrets.matches(Optional.of("k3y"), "k3y")).isTrue();
        assertThat(WebhookSecrets.matches(Optional.of("k3y"), "k3y ")).isFalse();
        assertThat(WebhookSecrets.matches(Optional.of("k3y"), null)).isFalse();
        assertThat(WebhookSecrets.matches(Optional.empty(), "")).isFalse();
    }
}
