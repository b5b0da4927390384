package io.leadstream.nurture.messages;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import io.leadstream.nurture.templates.Channel;

/**
 * What a one-click unsubscribe link stands for — this lead withdraws consent for this purpose on this channel, from
 * this message — signed with HMAC-SHA256 so that nobody can unsubscribe somebody else. The token is
 * {@code base64url(payload) "." base64url(mac)}; it carries ids and codes only.
 */
public record UnsubscribeToken(UUID leadId, String purpose, Channel channel, UUID messageId) {

    public String sign(String key) {
        String payload = leadId + "|" + purpose + "|" + channel.name() + "|" + messageId;
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(mac(key, payload));
    }

    /** The token's meaning when it is well-formed and signed with {@code key}; empty otherwise. */
    public static Optional<UnsubscribeToken> verify(String token, String key) {
        if (token == null || token.length() > 512) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            String payload = new String(b64.decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(mac(key, payload), b64.decode(token.substring(dot + 1)))) {
                return Optional.empty();
            }
            String[] parts = payload.split("\\|", -1);
            if (parts.length != 4) {
                return Optional.empty();
            }
            return Optional.of(new UnsubscribeToken(UUID.fromString(parts[0]), parts[1], Channel.valueOf(parts[2]),
                    UUID.fromString(parts[3])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] mac(String key, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
