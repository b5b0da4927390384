package io.leadstream.insights.funnel;

import java.util.Arrays;
import java.util.List;

/**
 * nurture's eight stages: the pipeline OPEN → CONTACTED → NURTURING → QUALIFIED → NEGOTIATION → CUSTOMER (the main
 * path, in order), and the two ways out of it, INACTIVE and UNQUALIFIED.
 */
public enum Stage {
    OPEN(true),
    CONTACTED(true),
    NURTURING(true),
    QUALIFIED(true),
    NEGOTIATION(true),
    CUSTOMER(true),
    INACTIVE(false),
    UNQUALIFIED(false);

    private final boolean mainPath;

    Stage(boolean mainPath) {
        this.mainPath = mainPath;
    }

    public boolean mainPath() {
        return mainPath;
    }

    /** The six stages of the main path, in order. */
    public static List<Stage> pipeline() {
        return Arrays.stream(values()).filter(Stage::mainPath).toList();
    }

    /** The stage of this name, or null for a name nurture does not have. */
    public static Stage of(String name) {
        for (Stage s : values()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }
}
