package io.leadstream.capture.access;

import jakarta.ws.rs.core.SecurityContext;

/**
 * Who is reading leads. Integrations, sales managers and admins see every lead; a sales rep (with none of
 * those roles) sees only the leads assigned to them (lead.assigned names the rep by Keycloak username, which is
 * the token's principal name).
 */
public record Viewer(String name, boolean seesAll) {

    public static Viewer of(SecurityContext security) {
        boolean all = security.isUserInRole("integration") || security.isUserInRole("sales-manager")
                || security.isUserInRole("lead-admin");
        return new Viewer(security.getUserPrincipal().getName(), all);
    }

    /**
     * A channel of capture's own (a webhook, a web form): recorded as the caller under {@code name}; its answers are
     * the channel's own and never show a lead they may not.
     */
    public static Viewer system(String name) {
        return new Viewer(name, true);
    }

    /** The rep whose leads are the only visible ones, or null when this viewer sees all. */
    public String onlyOwner() {
        return seesAll ? null : name;
    }
}
