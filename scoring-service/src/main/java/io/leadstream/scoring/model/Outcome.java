package io.leadstream.scoring.model;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * One lead whose outcome is known: its non-personal attributes and whether it was won (reached stage CUSTOMER) or
 * lost (UNQUALIFIED). Attribute values may be null (missing); the map is copied, so later changes to the caller's
 * map do not change the example.
 */
public record Outcome(Map<String, Object> attributes, boolean won) {

    public Outcome {
        if (attributes == null) {
            throw new IllegalArgumentException("an outcome needs its attributes (an empty map if none are known)");
        }
        attributes = Collections.unmodifiableMap(new HashMap<>(attributes));
    }
}
