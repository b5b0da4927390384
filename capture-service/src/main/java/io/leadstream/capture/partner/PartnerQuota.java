package io.leadstream.capture.partner;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.chassis.ratelimit.RateLimit;
import io.leadstream.chassis.ratelimit.RateLimiter;
import io.smallrye.mutiny.Uni;
import io.quarkus.runtime.Startup;

/**
 * The per-partner quota of the partner API: one token bucket per partner tenant (the chassis
 * {@link RateLimiter}: in the database, so that it holds across replicas), sized by {@code leadstream.capture.partner.quota."<partner_id>"}
 * or else {@code quota.default} (120 requests per minute when unset). Every partner request takes a permit,
 * reads as well as submissions. Read at start-up, so a malformed quota stops the service instead of a request.
 */
@ApplicationScoped
@Startup
public class PartnerQuota {

    /** The configuration key of the quota for partners without one of their own. */
    public static final String DEFAULT_KEY = "default";
    public static final RateLimit FALLBACK = RateLimit.of(120, Duration.ofMinutes(1));

    private final RateLimiter limiter;
    private final RateLimit defaultLimit;
    private final Map<String, RateLimit> perPartner = new HashMap<>();

    public PartnerQuota(RateLimiter limiter, PartnerConfig config) {
        this.limiter = limiter;
        config.quota().forEach((partner, value) -> perPartner.put(partner, parse(partner, value)));
        RateLimit configuredDefault = perPartner.remove(DEFAULT_KEY);
        this.defaultLimit = configuredDefault != null ? configuredDefault : FALLBACK;
    }

    /** The partner's quota: its own, else the default. */
    public RateLimit limitFor(String partnerId) {
        return perPartner.getOrDefault(partnerId, defaultLimit);
    }

    /** Takes one permit from the partner's bucket; the decision says whether it was allowed and carries the headers. */
    public Uni<RateLimiter.Decision> take(String partnerId) {
        return limiter.acquire("partner:" + partnerId, limitFor(partnerId));
    }

    /** {@code 120/1m} → 120 per minute; anything else is a start-up error naming the key. */
    static RateLimit parse(String partner, String value) {
        try {
            return RateLimit.parse(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("leadstream.capture.partner.quota.\"" + partner + "\"=" + value
                    + " is not <permits>/<window> such as 120/1m: " + e.getMessage(), e);
        }
    }
}
