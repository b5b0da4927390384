package io.leadstream.insights.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.insights.rollups.RollupRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code rebuild} rows (state and progress of each rebuild) and the fresh read models: the tables of the facts
 * ({@code lead_fact}, {@code stage_entry}) are created empty in schema {@value #SCHEMA} with the same columns,
 * defaults, constraints and indexes, filled there ({@link #useFreshTables}: the same upserts as the live consumers',
 * with that schema first on the search path), and moved into {@code public} in place of the old ones
 * ({@link #swap}).
 */
@ApplicationScoped
public class RebuildRepository {

    static final String SCHEMA = "insights_rebuild";
    /** The read models a rebuild replaces: every table the event handlers write, and the rollups derived from them. */
    static final List<String> TABLES = Stream.concat(Stream.of("lead_fact", "stage_entry"),
            RollupRepository.TABLES.stream()).toList();

    private static final String COLUMNS = "id, state, requested_by, started_at, replayed_at, swapped_at, finished_at, "
            + "heartbeat_at, applied, ignored, skipped, partitions, error";

    private static final String INDEXES = """
            select c.relname as table_name, i.relname as index_name, pg_get_indexdef(i.oid) as definition
            from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class c on c.oid = x.indrelid
            join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = $1 and c.relname = any($2)""";

    /** The triggers of the tables (the rollups' marks of dirty days); a table's copy has none of its own. */
    private static final String TRIGGERS = """
            select c.relname as table_name, pg_get_triggerdef(t.oid) as definition
            from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'public' and c.relname = any($1) and not t.tgisinternal""";

    private final Pool pool;

    public RebuildRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Starts a rebuild unless one is running: a running one whose instance has said nothing for {@code abandonedAfter}
     * is marked failed first. Empty when another one runs.
     */
    public Uni<Optional<Rebuild>> start(UUID id, String requestedBy, Instant now, Duration abandonedAfter) {
        return pool.withTransaction(c -> abandonStale(c, now, abandonedAfter)
                .chain(() -> c.preparedQuery("insert into rebuild (id, state, requested_by, started_at, heartbeat_at) "
                        + "values ($1, 'REPLAYING', $2, $3, $3) on conflict do nothing returning " + COLUMNS)
                        .execute(Tuple.of(id, requestedBy, utc(now))))
                .map(rows -> rows.size() == 0 ? Optional.<Rebuild>empty()
                        : Optional.of(read(rows.iterator().next()))));
    }

    /** The latest rebuild (a stale running one shown as abandoned). */
    public Uni<Optional<Rebuild>> latest(Instant now, Duration abandonedAfter) {
        return pool.withTransaction(c -> abandonStale(c, now, abandonedAfter)
                .chain(() -> c.query("select " + COLUMNS + " from rebuild order by started_at desc limit 1").execute())
                .map(rows -> rows.size() == 0 ? Optional.<Rebuild>empty()
                        : Optional.of(read(rows.iterator().next()))));
    }

    private Uni<Void> abandonStale(SqlConnection c, Instant now, Duration abandonedAfter) {
        return c.preparedQuery("update rebuild set state = 'FAILED', finished_at = $1, error = 'abandoned: the instance "
                + "running it stopped (no heartbeat since ' || heartbeat_at || '); start another' "
                + "where state in ('REPLAYING', 'SWAPPING', 'FINISHING') and heartbeat_at < $2")
                .execute(Tuple.of(utc(now), utc(now.minus(abandonedAfter)))).replaceWithVoid();
    }

    /** How far it has got (and that its instance is alive). */
    public Uni<Void> progress(UUID id, Rebuild.State state, long applied, long ignored, long skipped,
            List<Rebuild.Partition> partitions, Instant now) {
        JsonArray json = new JsonArray();
        partitions.forEach(p -> json.add(new JsonObject().put("topic", p.topic()).put("partition", p.partition())
                .put("start", p.start()).put("position", p.position()).put("end", p.end())));
        return pool.preparedQuery("update rebuild set state = $2, applied = $3, ignored = $4, skipped = $5, "
                + "partitions = $6, heartbeat_at = $7, "
                + "replayed_at = case when $2 <> 'REPLAYING' then coalesce(replayed_at, $7) end, "
                + "swapped_at = case when $2 in ('FINISHING', 'DONE') then coalesce(swapped_at, $7) end, "
                + "finished_at = case when $2 = 'DONE' then $7 end where id = $1")
                .execute(Tuple.tuple().addUUID(id).addString(state.name()).addLong(applied).addLong(ignored)
                        .addLong(skipped).addJsonArray(json).addOffsetDateTime(utc(now)))
                .replaceWithVoid();
    }

    public Uni<Void> failed(UUID id, String error, Instant now) {
        return pool.preparedQuery("update rebuild set state = 'FAILED', error = $2, finished_at = $3, heartbeat_at = $3 "
                + "where id = $1").execute(Tuple.of(id, error, utc(now))).replaceWithVoid();
    }

    /**
     * Empty copies of the read models in {@value #SCHEMA} (any left by an earlier rebuild dropped first), with the
     * triggers of the originals (which then write that schema's marks of dirty days).
     */
    public Uni<Void> createFreshTables() {
        StringBuilder sql = new StringBuilder("create schema if not exists " + SCHEMA + ";");
        sql.append("drop table if exists ").append(String.join(", ", TABLES.stream().map(t -> SCHEMA + "." + t)
                .toList())).append(";");
        TABLES.forEach(t -> sql.append("create table ").append(SCHEMA).append('.').append(t).append(" (like public.")
                .append(t).append(" including all);"));
        return pool.withTransaction(c -> c.query(sql.toString()).execute()
                .chain(() -> c.preparedQuery(TRIGGERS).execute(Tuple.of((Object) TABLES.toArray(String[]::new))))
                .chain(triggers -> {
                    StringBuilder copies = new StringBuilder();
                    for (Row t : triggers) {
                        String on = " ON public." + t.getString("table_name") + " ";
                        copies.append(t.getString("definition").replace(on, " ON " + SCHEMA + "."
                                + t.getString("table_name") + " ")).append(';');
                    }
                    return copies.isEmpty() ? Uni.createFrom().voidItem()
                            : c.query(copies.toString()).execute().replaceWithVoid();
                })).replaceWithVoid();
    }

    /** In the caller's (Hibernate Reactive) transaction: the statements that follow write the fresh tables. */
    public Uni<Void> useFreshTables() {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select set_config('search_path', '" + SCHEMA + ", public', true)")
                .getSingleResult()).replaceWithVoid();
    }

    /**
     * Puts the fresh tables in place of the old ones in one transaction: the old ones dropped, the fresh ones moved into
     * {@code public} and their indexes given the old names (so that later migrations find them). Waits at most
     * {@code lockTimeout} for the live consumers' and readers' transactions on the old tables to end.
     */
    public Uni<Void> swap(Duration lockTimeout) {
        String[] tables = TABLES.toArray(String[]::new);
        return pool.withTransaction(c -> c.query("set local lock_timeout = '" + lockTimeout.toMillis() + "ms'").execute()
                .chain(() -> c.query("lock table " + String.join(", ", TABLES.stream().map(t -> "public." + t).toList())
                        + " in access exclusive mode").execute())
                .chain(() -> c.preparedQuery(INDEXES).execute(Tuple.of("public", tables)))
                .chain(old -> c.preparedQuery(INDEXES).execute(Tuple.of(SCHEMA, tables))
                        .map(fresh -> renames(old, fresh)))
                .chain(renames -> {
                    StringBuilder sql = new StringBuilder("drop table ")
                            .append(String.join(", ", TABLES.stream().map(t -> "public." + t).toList())).append(";");
                    TABLES.forEach(t -> sql.append("alter table ").append(SCHEMA).append('.').append(t)
                            .append(" set schema public;"));
                    renames.forEach((fresh, old) -> sql.append("alter index public.\"").append(fresh)
                            .append("\" rename to \"").append(old).append("\";"));
                    return c.query(sql.toString()).execute();
                })).replaceWithVoid();
    }

    /** Fresh index name → the old one with the same definition, where they differ. */
    static Map<String, String> renames(Iterable<Row> old, Iterable<Row> fresh) {
        Map<String, String> byDefinition = new HashMap<>();
        for (Row row : old) {
            byDefinition.put(shape(row), row.getString("index_name"));
        }
        Map<String, String> renames = new HashMap<>();
        for (Row row : fresh) {
            String oldName = byDefinition.get(shape(row));
            if (oldName != null && !oldName.equals(row.getString("index_name"))) {
                renames.put(row.getString("index_name"), oldName);
            }
        }
        return renames;
    }

    /** An index's definition without its name and schema: "lead_fact USING btree (captured_at)". */
    private static String shape(Row row) {
        String definition = row.getString("definition");
        int using = definition.indexOf(" USING ");
        return row.getString("table_name") + (using < 0 ? definition : definition.substring(using));
    }

    private static Rebuild read(Row row) {
        List<Rebuild.Partition> partitions = new ArrayList<>();
        Object value = row.getValue("partitions");
        if (value instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                JsonObject p = array.getJsonObject(i);
                partitions.add(new Rebuild.Partition(p.getString("topic"), p.getInteger("partition"), p.getLong("start"),
                        p.getLong("position"), p.getLong("end")));
            }
        }
        return new Rebuild(row.getUUID("id"), Rebuild.State.valueOf(row.getString("state")),
                row.getString("requested_by"), instant(row, "started_at"), instant(row, "replayed_at"),
                instant(row, "swapped_at"), instant(row, "finished_at"), instant(row, "heartbeat_at"),
                row.getLong("applied"), row.getLong("ignored"), row.getLong("skipped"), partitions,
                row.getString("error"));
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
