package io.leadstream.nurture.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StandardWebhooksTest {

    /** The example of the Standard Webhooks specification (and of Svix's libraries, which follow it). */
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldSignAsTheSpecificationsExample() {
        assertThat(StandardWebhooks.signature(SECRET, ID, 1614265330, BODY))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        assertThat(StandardWebhooks.headers(SECRET, ID, Instant.ofEpochSecond(1614265330), BODY)).containsExactly(
                Map.entry("webhook-id", ID), Map.entry("webhook-timestamp", "1614265330"),
                Map.entry("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
    }

    @Test
    void shouldVerifyOnlyTheBodyIdAndRecentTimeThatWereSigned() {
        Instant at = Instant.ofEpochSecond(1614265330);
        String signature = StandardWebhooks.signature(SECRET, ID, at.getEpochSecond(), BODY);

        assertThat(StandardWebhooks.verify(SECRET, ID, "1614265330", signature, BODY, at.plusSeconds(299))).isTrue();
        // one of several signatures (a secret being rotated) is enough
        assertThat(StandardWebhooks.verify(SECRET, ID, "1614265330", "v1,bm90IGl0 " + signature, BODY, at)).isTrue();
        assertThat(StandardWebhooks.verify(SECRET, ID, "1614265330", signature, BODY, at.plusSeconds(301))).isFalse();
        assertThat(StandardWebhooks.verify(SECRET, ID, "1614265330", signature,
                "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8), at)).isFalse();
        assertThat(StandardWebhooks.verify(SECRET, "msg_other", "1614265330", signature, BODY, at)).isFalse();
        assertThat(StandardWebhooks.verify(SECRET, ID, "1614265331", signature, BODY, at)).isFalse();
        assertThat(StandardWebhooks.verify(StandardWebhooks.newSecret(), ID, "1614265330", signature, BODY, at))
                .isFalse();
        assertThat(StandardWebhooks.verify(SECRET, ID, "soon", signature, BODY, at)).isFalse();
        assertThat(StandardWebhooks.verify(SECRET, ID, "1614265330", "v2," + signature.substring(3), BODY, at))
                .isFalse();
    }

    @Test
    void shouldMakeSecretsOfThirtyTwoRandomBytesAndTellWellFormedOnes() {
        String secret = StandardWebhooks.newSecret();

        assertThat(secret).startsWith("whsec_").isNotEqualTo(StandardWebhooks.newSecret());
        assertThat(StandardWebhooks.validSecret(secret)).isTrue();
        assertThat(StandardWebhooks.validSecret(SECRET)).isTrue();
        assertThat(StandardWebhooks.validSecret("whsec_c2hvcnQ=")).isFalse();
        assertThat(StandardWebhooks.validSecret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).isFalse();
        assertThat(StandardWebhooks.validSecret("whsec_not base64!")).isFalse();
        assertThat(StandardWebhooks.validSecret(null)).isFalse();
    }
}
