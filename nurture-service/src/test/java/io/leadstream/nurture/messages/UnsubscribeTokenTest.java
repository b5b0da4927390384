package io.leadstream.nurture.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import io.leadstream.nurture.templates.Channel;

import org.junit.jupiter.api.Test;

class UnsubscribeTokenTest {

    static final String KEY = "a-test-key-that-is-long-enough-for-hmac";
    static final UnsubscribeToken TOKEN = new UnsubscribeToken(UUID.fromString("9b2f0c1e-8a5e-4c43-9d6f-1c2b3a4d5e6f"),
            "marketing", Channel.EMAIL, UUID.fromString("7e8f9a0b-1c2d-4e3f-8a9b-0c1d2e3f4a5b"));

    @Test
    void shouldReadBackWhatItSigned() {
        String signed = TOKEN.sign(KEY);
        assertThat(signed).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(UnsubscribeToken.verify(signed, KEY)).contains(TOKEN);
    }

    @Test
    void shouldRefuseATokenSignedWithAnotherKeyOrChanged() {
        String signed = TOKEN.sign(KEY);
        assertThat(UnsubscribeToken.verify(signed, KEY + "x")).isEmpty();
        String otherLead = new UnsubscribeToken(UUID.randomUUID(), "marketing", Channel.EMAIL, TOKEN.messageId())
                .sign(KEY);
        // the payload of one token with the signature of another
        String swapped = otherLead.substring(0, otherLead.indexOf('.')) + signed.substring(signed.indexOf('.'));
        assertThat(UnsubscribeToken.verify(swapped, KEY)).isEmpty();
        assertThat(UnsubscribeToken.verify(signed.substring(0, signed.length() - 2), KEY)).isEmpty();
    }

    @Test
    void shouldRefuseGarbage() {
        assertThat(UnsubscribeToken.verify(null, KEY)).isEmpty();
        assertThat(UnsubscribeToken.verify("", KEY)).isEmpty();
        assertThat(UnsubscribeToken.verify("abc", KEY)).isEmpty();
        assertThat(UnsubscribeToken.verify(".abc", KEY)).isEmpty();
        assertThat(UnsubscribeToken.verify("!!!.???", KEY)).isEmpty();
        assertThat(UnsubscribeToken.verify("x".repeat(600), KEY)).isEmpty();
    }
}
