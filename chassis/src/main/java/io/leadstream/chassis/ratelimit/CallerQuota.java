package io.leadstream.chassis.ratelimit;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The quota of each client that holds a role under {@code leadstream.quota} (integration clients: 600 requests a
 * minute by default), on every {@code /api/} operation of the service, kept in the service's database by the
 * {@link RateLimiter} so that every replica takes from the same bucket. A client is the token's principal (a client
 * credentials token: its service account). Its answers carry {@code RateLimit-Limit}, {@code -Remaining},
 * {@code -Reset} and {@code -Policy}; over the quota it gets 429 problem+json with {@code Retry-After} before the
 * operation runs. People (reps, managers, admins) have no quota here; partners have capture's own partner quota and,
 * where a service sets {@code leadstream.quota.partner}, this one.
 */
@ApplicationScoped
public class CallerQuota {

    static final String DECISION = CallerQuota.class.getName() + ".decision";
    static final String OFF = "off";
    /** The operations a client's quota counts: every one that needs a token (api.md). */
    static final String API = "/api/";

    private final RateLimiter limiter;
    private final CurrentIdentityAssociation identities;
    private final Map<String, RateLimit> byRole = new LinkedHashMap<>();

    public CallerQuota(RateLimiter limiter, CurrentIdentityAssociation identities, QuotaConfig config) {
        this.limiter = limiter;
        this.identities = identities;
        config.quota().forEach((role, value) -> {
            if (!OFF.equalsIgnoreCase(value.strip())) {
                try {
                    byRole.put(role, RateLimit.parse(value));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("leadstream.quota." + role + "=" + value + ": " + e.getMessage(), e);
                }
            }
        });
    }

    /** Takes a permit for a caller with a quota; over it, the 429 problem (the exception mappers write it). */
    @ServerRequestFilter
    public Uni<Void> take(ContainerRequestContext request) {
        if (byRole.isEmpty() || !request.getUriInfo().getPath().startsWith(API)) {
            return Uni.createFrom().voidItem();
        }
        return identities.getDeferredIdentity()
                .onFailure().recoverWithNull() // no valid token: the security check answers 401
                .chain(identity -> {
                    Map.Entry<String, RateLimit> quota = quotaOf(identity);
                    if (quota == null) {
                        return Uni.createFrom().voidItem();
                    }
                    String client = quota.getKey() + ":" + identity.getPrincipal().getName();
                    return limiter.acquire(client, quota.getValue()).invoke(decision -> {
                        request.setProperty(DECISION, decision);
                        decision.orThrow(quota.getKey() + " client quota");
                    }).replaceWithVoid();
                });
    }

    /** The RateLimit headers on the answer to a caller with a quota, whatever its status. */
    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(DECISION) instanceof RateLimiter.Decision decision && decision.allowed()) {
            decision.headers().forEach((name, value) -> response.getHeaders().putSingle(name, value));
        }
    }

    private Map.Entry<String, RateLimit> quotaOf(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return null;
        }
        return byRole.entrySet().stream().filter(entry -> identity.hasRole(entry.getKey())).findFirst().orElse(null);
    }
}
