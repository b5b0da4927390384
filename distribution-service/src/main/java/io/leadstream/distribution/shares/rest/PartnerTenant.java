package io.leadstream.distribution.shares.rest;

import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.leadstream.chassis.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The calling partner: the token's {@code partner_id} claim (a hard-coded claim mapper on each partner's Keycloak
 * client), never the path or the body.
 */
final class PartnerTenant {

    static final String CLAIM = "partner_id";

    private PartnerTenant() {
    }

    /** The partner id; a 403 problem for a token with the partner role but no partner named. */
    static String of(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            Object value = token.getClaim(CLAIM);
            String partner = value instanceof JsonString json ? json.getString() : value instanceof String s ? s : null;
            if (partner != null && !partner.isBlank()) {
                return partner;
            }
        }
        throw new ProblemException(403, "partner-tenant-missing", "Forbidden", "the token has the partner role but no "
                + CLAIM + " claim, so it names no partner");
    }
}
