package io.leadstream.nurture.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks signing scheme (standardwebhooks.com) that outbound webhook deliveries follow: a secret
 * {@code whsec_<base64 key>}, and on every delivery the headers {@code webhook-id} (the same on every attempt of one
 * delivery, so the receiver can de-duplicate), {@code webhook-timestamp} (Unix seconds of this attempt) and
 * {@code webhook-signature} ({@code v1,<base64 HMAC-SHA256 of "id.timestamp.body" under the key>}). Receivers verify
 * with any Standard Webhooks library; {@link #verify} is the same check. Pure.
 */
public final class StandardWebhooks {

    public static final String SECRET_PREFIX = "whsec_";
    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";
    /** How far a timestamp may be from the receiver's clock (replayed or delayed deliveries are refused). */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private static final SecureRandom RANDOM = new SecureRandom();

    private StandardWebhooks() {
    }

    /** A new secret: 32 random bytes. */
    public static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** Whether {@code secret} is {@code whsec_} and the base64 of 24 to 64 bytes. */
    public static boolean validSecret(String secret) {
        try {
            int length = key(secret).length;
            return length >= 24 && length <= 64;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The three headers of one attempt of delivery {@code id}, sent at {@code at}. */
    public static Map<String, String> headers(String secret, String id, Instant at, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ID, id);
        headers.put(TIMESTAMP, String.valueOf(at.getEpochSecond()));
        headers.put(SIGNATURE, signature(secret, id, at.getEpochSecond(), body));
        return headers;
    }

    /** {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">}. */
    public static String signature(String secret, String id, long timestamp, byte[] body) {
        return "v1," + Base64.getEncoder().encodeToString(hmac(secret, id, timestamp, body));
    }

    /**
     * A receiver's check: the timestamp within {@link #TOLERANCE} of {@code now}, and one of the space-separated
     * {@code v1,} signatures the HMAC of this body (compared in constant time).
     */
    public static boolean verify(String secret, String id, String timestamp, String signatures, byte[] body,
            Instant now) {
        if (id == null || timestamp == null || signatures == null) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
            return false;
        }
        byte[] expected = hmac(secret, id, seconds, body);
        for (String candidate : signatures.strip().split(" +")) {
            if (!candidate.startsWith("v1,")) {
                continue;
            }
            try {
                if (MessageDigest.isEqual(expected, Base64.getDecoder().decode(candidate.substring(3)))) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                // not base64: not this one
            }
        }
        return false;
    }

    private static byte[] key(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("a secret starts with " + SECRET_PREFIX);
        }
        return Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
    }

    private static byte[] hmac(String secret, String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
