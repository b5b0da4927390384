package io.leadstream.distribution.routing;

import java.util.Set;

/** Placeholder until the reps step lands its region table: countries only. */
public final class Territories {

    private Territories() {
    }

    public static boolean covers(Set<String> territories, String country) {
        return territories.isEmpty() || territories.contains(country);
    }

    public static boolean isKnown(String code) {
        return code != null && code.matches("[A-Z]{2}");
    }
}
