package io.leadstream.chassis.events;

import java.util.Locale;
import java.util.regex.Pattern;

/** Naming rules for Leadstream's CloudEvents (architecture.md, "Events"). */
public final class CloudEvents {

    /**
     * The CloudEvents extension attribute (Kafka header {@code ce_sequence}) that numbers a publishing service's
     * events per lead: 1, 2, … in the order they committed (docs/events.md, "Order").
     */
    public static final String SEQUENCE = "sequence";

    private static final Pattern EVENT_NAME = Pattern.compile("[a-z]+(-[a-z]+)*(\\.[a-z]+(-[a-z]+)*)+");

    private CloudEvents() {
    }

    /** {@code lead.captured} → {@code leadstream.lead.captured.v1}. */
    public static String type(String eventName, int version) {
        if (eventName == null || !EVENT_NAME.matcher(eventName).matches()) {
            throw new IllegalArgumentException("event name must look like 'lead.captured', was: " + eventName);
        }
        if (version < 1) {
            throw new IllegalArgumentException("event version starts at 1, was: " + version);
        }
        return "leadstream." + eventName.toLowerCase(Locale.ROOT) + ".v" + version;
    }

    /** {@code leadstream.lead.captured.v1} → {@code lead.captured}; anything else is returned unchanged. */
    public static String eventName(String ceType) {
        if (ceType == null || !ceType.startsWith("leadstream.")) {
            return ceType;
        }
        String rest = ceType.substring("leadstream.".length());
        int lastDot = rest.lastIndexOf('.');
        if (lastDot > 0 && rest.substring(lastDot + 1).matches("v\\d+")) {
            return rest.substring(0, lastDot);
        }
        return rest;
    }
}
