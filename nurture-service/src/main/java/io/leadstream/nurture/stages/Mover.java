package io.leadstream.nurture.stages;

import java.util.Set;
import java.util.function.Predicate;

import io.leadstream.chassis.access.Viewer;

/**
 * Who moves a lead's stage: what they may see (a rep only the leads they own) and whether they are a manager (the
 * moves {@link StageMachine} keeps for managers).
 */
public record Mover(Viewer viewer, boolean manager) {

    /** The roles that may make the manager-only moves. */
    public static final Set<String> MANAGERS = Set.of("sales-manager", "lead-admin");

    /** The caller named {@code name} with the roles {@code hasRole} holds for. */
    public static Mover of(String name, Predicate<String> hasRole) {
        return new Mover(Viewer.of(name, hasRole), MANAGERS.stream().anyMatch(hasRole));
    }

    public String name() {
        return viewer.name();
    }
}
