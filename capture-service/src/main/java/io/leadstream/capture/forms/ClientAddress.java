package io.leadstream.capture.forms;

import io.netty.util.NetUtil;

/**
 * The address a request came from, for per-client rate limits and consent proof. Behind a trusted proxy
 * ({@code leadstream.capture.forms.trust-forwarded-for}) the right-most {@code X-Forwarded-For} entry, the one
 * the proxy itself appended (entries further left are whatever the client sent); otherwise the socket's peer.
 * Anything that is not an IP literal falls back to the socket's peer.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(String socketAddress, String forwardedFor, boolean trustForwardedFor) {
        if (trustForwardedFor && forwardedFor != null && !forwardedFor.isBlank()) {
            String[] hops = forwardedFor.split(",");
            String last = hops[hops.length - 1].strip();
            if (NetUtil.isValidIpV4Address(last) || NetUtil.isValidIpV6Address(last)) {
                return last;
            }
        }
        return socketAddress;
    }
}
