package io.leadstream.capture.access;

import java.util.Set;

/**
 * Who is reading leads. Integrations, sales managers and admins see every lead; a sales rep (with none of
 * those roles) sees only the leads assigned to them (lead.assigned names the rep by Keycloak username, which is
 * the token's principal name).
 */
public record Viewer(String name, boolean seesAll) {

    /** The roles whose holders see every lead; anyone else (a sales rep) sees only the leads assigned to them. */
    public static final Set<String> SEE_ALL = Set.of("integration", "sales-manager", "lead-admin");

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
