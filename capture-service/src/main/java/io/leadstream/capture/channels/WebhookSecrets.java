package io.leadstream.capture.channels;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks of the secrets public webhooks carry, in constant time ({@link MessageDigest#isEqual}), so that response
 * times tell an attacker nothing about how much of a guess was right. An unset or blank secret matches nothing.
 */
public final class WebhookSecrets {

    /** {@code X-Hub-Signature-256: sha256=<hex>} as Meta sends it. */
    public static final String SIGNATURE_PREFIX = "sha256=";

    private WebhookSecrets() {
    }

    /** Whether {@code given} equals the configured secret. */
    public static boolean matches(Optional<String> configured, String given) {
        if (configured.isEmpty() || configured.get().isBlank() || given == null) {
            return false;
        }
        return MessageDigest.isEqual(configured.get().getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether {@code header} is {@code sha256=} followed by the hex HMAC-SHA256 of exactly these bytes under
     * {@code secret} (the raw body as received: re-serialised JSON would not match Meta's signature).
     */
    public static boolean validSignature(Optional<String> secret, byte[] body, String header) {
        if (secret.isEmpty() || secret.get().isBlank() || header == null || body == null) {
            return false;
        }
        String value = header.strip();
        if (!value.toLowerCase(Locale.ROOT).startsWith(SIGNATURE_PREFIX)) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(value.substring(SIGNATURE_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmacSha256(secret.get(), body), given);
    }

    /** {@code sha256=<hex>} for {@code body}: what Meta would send (tests and tools sign with it). */
    public static String signature(String secret, byte[] body) {
        return SIGNATURE_PREFIX + HexFormat.of().formatHex(hmacSha256(secret, body));
    }

    static byte[] hmacSha256(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
