package io.leadstream.chassis.events;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Reads the {@link EventType} of event record classes. */
public final class EventTypes {

    /** An event's name and version, and the CloudEvents type they make. */
    public record Name(String name, int version) {

        /** {@code leadstream.lead.captured.v1}. */
        public String ceType() {
            return CloudEvents.type(name, version);
        }

        /** {@code lead.captured.v1}: the file name of its JSON Schema, without {@code .json}. */
        public String schemaName() {
            return name + ".v" + version;
        }

        /** Reads a CloudEvents type ({@code leadstream.lead.captured.v1}); null when it is not one of ours. */
        public static Name ofCeType(String ceType) {
            if (ceType == null || !ceType.startsWith("leadstream.")) {
                return null;
            }
            int v = ceType.lastIndexOf(".v");
            if (v < 0) {
                return null;
            }
            try {
                return new Name(ceType.substring("leadstream.".length(), v), Integer.parseInt(ceType.substring(v + 2)));
            } catch (NumberFormatException e) {
                return null;
            }
        }

        @Override
        public String toString() {
            return ceType();
        }
    }

    private static final Map<Class<?>, Name> CACHE = new ConcurrentHashMap<>();

    private EventTypes() {
    }

    /** The event type {@code type} declares; fails when it declares none or an invalid one. */
    public static Name of(Class<?> type) {
        return CACHE.computeIfAbsent(type, EventTypes::read);
    }

    private static Name read(Class<?> type) {
        EventType annotation = type.getAnnotation(EventType.class);
        if (annotation == null) {
            throw new IllegalArgumentException(type.getName() + " is not an event record: it has no @EventType");
        }
        Name name = new Name(annotation.value(), annotation.version());
        name.ceType(); // validates the name and version
        return name;
    }
}
