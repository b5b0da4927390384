package io.leadstream.chassis.access;

import java.util.Set;
import java.util.function.Predicate;

/**
 * Who is reading leads, for record-level access in every service. Integrations, sales managers and admins see every
 * lead; a sales rep (with none of those roles) sees only the leads assigned to them (lead.assigned names the rep by
 * Keycloak username, which is the token's principal name). A partner's tenant is handled where partners are served.
 */
public record Viewer(String name, boolean seesAll) {

    /** The roles whose holders see every lead; anyone else (a sales rep) sees only the leads assigned to them. */
    public static final Set<String> SEE_ALL = Set.of("integration", "sales-manager", "lead-admin",
            // the narrow roles of the services' own accounts (distribution, nurture), which act on any lead
            "contact-lookup", "consent-writer");

    /** The caller named {@code name}, who sees all when {@code hasRole} holds for one of {@link #SEE_ALL}. */
    public static Viewer of(String name, Predicate<String> hasRole) {
        return new Viewer(name, SEE_ALL.stream().anyMatch(hasRole));
    }

    /**
     * A channel of the service's own (a webhook, a web form): recorded as the caller under {@code name}; its answers
     * are the channel's own and never show a lead they may not.
     */
    public static Viewer system(String name) {
        return new Viewer(name, true);
    }

    /** The rep whose leads are the only visible ones, or null when this viewer sees all. */
    public String onlyOwner() {
        return seesAll ? null : name;
    }

    /** May this viewer see a lead owned by {@code owner} (a rep's username, null while nobody owns it)? */
    public boolean sees(String owner) {
        return seesAll || name.equals(owner);
    }
}
