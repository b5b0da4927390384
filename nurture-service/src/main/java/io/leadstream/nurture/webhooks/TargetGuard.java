package io.leadstream.nurture.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where an outbound webhook may be sent (OWASP API7, server-side request forgery): an absolute {@code https} (or
 * {@code http}) URL whose host resolves only to public addresses. Loopback, private (10/8, 172.16/12, 192.168/16,
 * fc00::/7), link-local (169.254/16 — cloud metadata — and fe80::/10), carrier-grade NAT (100.64/10), unspecified,
 * multicast and IPv4-mapped forms of them are refused, unless an admin allowed private targets for the subscription
 * explicitly. Checked when a subscription is saved and again before every delivery (a name may resolve elsewhere
 * later). Resolving a name blocks: call it off the event loop.
 */
public final class TargetGuard {

    /** The answer: allowed, or why not. */
    public record Verdict(boolean allowed, String reason) {

        static final Verdict ALLOWED = new Verdict(true, null);

        static Verdict refused(String reason) {
            return new Verdict(false, reason);
        }
    }

    /** Resolves a host name to its addresses (a seam for tests and for a resolver of one's own). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Resolver resolver;

    public TargetGuard(Resolver resolver) {
        this.resolver = resolver;
    }

    /** With the JVM's resolver. */
    public static TargetGuard system() {
        return new TargetGuard(InetAddress::getAllByName);
    }

    /** Whether a delivery may go to {@code url}; {@code allowPrivate}: an admin allowed non-public targets. */
    public Verdict check(String url, boolean allowPrivate) {
        Verdict form = form(url);
        if (!form.allowed() || allowPrivate) {
            return form;
        }
        URI uri = URI.create(url);
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return Verdict.refused("its host does not resolve");
        }
        for (InetAddress address : addresses) {
            String kind = nonPublic(address);
            if (kind != null) {
                return Verdict.refused("its host resolves to a " + kind + " address (" + address.getHostAddress()
                        + "); an admin may allow private targets for this subscription");
            }
        }
        return Verdict.ALLOWED;
    }

    /** Whether {@code url} is an absolute http(s) URL with a host and no user information (pure: resolves nothing). */
    public static Verdict form(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            return Verdict.refused("not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Verdict.refused("must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return Verdict.refused("names no host");
        }
        if (uri.getUserInfo() != null) {
            return Verdict.refused("may not carry a user name or password");
        }
        return Verdict.ALLOWED;
    }

    /** What kind of non-public address this is, or null for a public one. */
    static String nonPublic(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            if (isMappedV4(b)) {
                try {
                    return nonPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return "malformed";
                }
            }
            if ((b[0] & 0xfe) == 0xfc) {
                return "private (unique local)";
            }
        }
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        if (address instanceof Inet4Address v4) {
            byte[] b = v4.getAddress();
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 100 && second >= 64 && second <= 127) {
                return "carrier-grade NAT";
            }
            if (first == 0) {
                return "unspecified";
            }
        }
        return null;
    }

    private static boolean isMappedV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
