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

    /**
     * How far along the main path this stage is: 1 for OPEN to 6 for CUSTOMER; a way out (INACTIVE, UNQUALIFIED) is 1,
     * since it is entered from OPEN or later. A lead's greatest rank is the furthest stage it reached.
     */
    public int rank() {
        return mainPath ? ordinal() + 1 : 1;
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
