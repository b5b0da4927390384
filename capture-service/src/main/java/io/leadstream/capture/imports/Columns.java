package io.leadstream.capture.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;

/**
 * The columns a CSV header may name: the JSON field names of a request type (as Jackson reads it), matched
 * case-insensitively, nested fields as dotted paths ({@code address.city}), found by introspection so that a field
 * added to the request is importable without a change here. A row's cells become a JSON object of those fields,
 * which the caller converts to the request in one place.
 * <ul>
 * <li>text, number, boolean, date and enum fields: the cell as text (Jackson converts it as it would JSON text);</li>
 * <li>lists of such values: the cell split on {@code ;} ({@code Solar; Heat pumps}), or a JSON array if the cell
 * starts with {@code [};</li>
 * <li>maps: one column per key ({@code qualifiers.custom.budget}), or the map as a JSON object in one cell;</li>
 * <li>anything else (lists of objects): the cell as JSON.</li>
 * </ul>
 * Empty or blank cells are left out, as if the field were absent.
 */
public final class Columns {

    enum Kind {
        SCALAR, LIST, JSON, OBJECT, MAP
    }

    /** A field of the request type, or the keys of a map field. */
    private static final class Field {
        final String name;
        final Kind kind;
        final Map<String, Field> children = new LinkedHashMap<>(); // by lower-case name
        /** For a map of scalars: the kind of its values, which each {@code map.key} column has. */
        Kind values;

        Field(String name, Kind kind) {
            this.name = name;
            this.kind = kind;
        }
    }

    /** A column of a header: the path of JSON field names it fills and how its cells are read. */
    private record Column(List<String> path, Kind kind) {
    }

    private final ObjectMapper mapper;
    private final List<Column> columns;

    private Columns(ObjectMapper mapper, List<Column> columns) {
        this.mapper = mapper;
        this.columns = columns;
    }

    /**
     * Resolves a header against {@code type}'s fields; a 400 problem listing every column that names no field
     * (or names one twice, or is empty) before any row is read.
     */
    public static Columns of(List<String> header, Class<?> type, ObjectMapper mapper) {
        Field root = new Field("", Kind.OBJECT);
        describe(root, mapper.constructType(type), mapper, 0);
        List<Column> columns = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip();
            if (name.isEmpty()) {
                errors.add(new FieldError("column " + (i + 1), "has no name"));
                continue;
            }
            Column column = resolve(root, name);
            if (column == null) {
                errors.add(new FieldError(name, "is not a field of a lead; the columns are " + known(root)));
                continue;
            }
            String path = String.join(".", column.path());
            String clash = clash(seen, path);
            if (clash != null) {
                errors.add(new FieldError(name, clash.equals(path) ? "appears twice"
                        : "overlaps the column " + seen.get(clash)));
                continue;
            }
            seen.put(path, name);
            columns.add(column);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("import-header",
                    "the header row names " + errors.size() + " column(s) that cannot be imported", errors);
        }
        return new Columns(mapper, columns);
    }

    public int size() {
        return columns.size();
    }

    /** The row's cells (one per column, in header order) as the request's JSON fields. */
    public ObjectNode toJson(List<String> cells) {
        ObjectNode root = mapper.createObjectNode();
        for (int i = 0; i < columns.size(); i++) {
            String cell = cells.get(i);
            if (cell == null || cell.isBlank()) {
                continue;
            }
            Column column = columns.get(i);
            ObjectNode parent = root;
            List<String> path = column.path();
            for (String name : path.subList(0, path.size() - 1)) {
                JsonNode child = parent.get(name);
                parent = child instanceof ObjectNode object ? object : parent.putObject(name);
            }
            parent.set(path.get(path.size() - 1), value(column.kind(), cell));
        }
        return root;
    }

    private JsonNode value(Kind kind, String cell) {
        String trimmed = cell.strip();
        switch (kind) {
            case LIST -> {
                if (trimmed.startsWith("[")) {
                    return json(cell);
                }
                ArrayNode items = mapper.createArrayNode();
                for (String item : cell.split(";")) {
                    if (!item.isBlank()) {
                        items.add(item.strip());
                    }
                }
                return items;
            }
            case JSON, MAP, OBJECT -> {
                return json(cell);
            }
            default -> {
                return mapper.getNodeFactory().textNode(cell);
            }
        }
    }

    /** The cell as JSON; a cell that is not JSON is kept as text, which then fails conversion with the field's path. */
    private JsonNode json(String cell) {
        try {
            return mapper.readTree(cell);
        } catch (Exception e) {
            return mapper.getNodeFactory().textNode(cell);
        }
    }

    private static Column resolve(Field root, String header) {
        String[] names = header.split("\\.", -1);
        Field field = root;
        List<String> path = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            String name = names[i].strip();
            if (field.kind == Kind.MAP && i == names.length - 1 && field.values != null && !name.isEmpty()) {
                path.add(name); // a map key, as written
                return new Column(path, field.values);
            }
            Field child = field.children.get(name.toLowerCase(Locale.ROOT));
            if (child == null) {
                return null;
            }
            path.add(child.name);
            field = child;
        }
        return field.kind == Kind.OBJECT ? null : new Column(path, field.kind);
    }

    /** The column already seen that {@code path} repeats or overlaps ({@code address} and {@code address.city}). */
    private static String clash(Map<String, String> seen, String path) {
        for (String other : seen.keySet()) {
            if (other.equals(path) || other.startsWith(path + ".") || path.startsWith(other + ".")) {
                return other;
            }
        }
        return null;
    }

    private static String known(Field root) {
        TreeSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        collect(root, "", names);
        return String.join(", ", names);
    }

    private static void collect(Field field, String prefix, TreeSet<String> names) {
        for (Field child : field.children.values()) {
            String path = prefix + child.name;
            if (child.kind == Kind.OBJECT) {
                collect(child, path + ".", names);
            } else {
                names.add(child.kind == Kind.MAP && child.values != null ? path + ".<key>" : path);
            }
        }
    }

    private static void describe(Field parent, JavaType type, ObjectMapper mapper, int depth) {
        if (depth > 5) {
            return; // a type that contains itself: deeper paths are not importable from CSV
        }
        BeanDescription description = mapper.getDeserializationConfig().introspect(type);
        for (BeanPropertyDefinition property : description.findProperties()) {
            if (!property.couldDeserialize()) {
                continue;
            }
            JavaType propertyType = property.getPrimaryType();
            Field field;
            if (propertyType.isMapLikeType()) {
                field = new Field(property.getName(), Kind.MAP);
                if (isScalar(propertyType.getContentType())) {
                    field.values = Kind.SCALAR;
                }
            } else if (propertyType.isCollectionLikeType() || propertyType.isArrayType()) {
                field = new Field(property.getName(), isScalar(propertyType.getContentType()) ? Kind.LIST : Kind.JSON);
            } else if (JsonNode.class.isAssignableFrom(propertyType.getRawClass())) {
                field = new Field(property.getName(), Kind.JSON);
            } else if (isScalar(propertyType)) {
                field = new Field(property.getName(), Kind.SCALAR);
            } else {
                field = new Field(property.getName(), Kind.OBJECT);
                describe(field, propertyType, mapper, depth + 1);
            }
            parent.children.put(field.name.toLowerCase(Locale.ROOT), field);
        }
    }

    /** Text, numbers, booleans, enums, dates and other JDK value types: written as one cell. */
    private static boolean isScalar(JavaType type) {
        Class<?> raw = type.getRawClass();
        return raw.isPrimitive() || raw.isEnum() || raw.getName().startsWith("java.");
    }
}
