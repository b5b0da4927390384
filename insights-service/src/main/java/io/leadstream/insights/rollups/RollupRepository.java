package io.leadstream.insights.rollups;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The rollups: how queries read them, and how they are kept. Two families ({@link Family}): the leads by UTC day of
 * capture ({@link #CAPTURES}: {@code lead_day}, {@code lead_month}, {@code funnel_day}, from {@code lead_fact}) and the
 * stays in a stage by UTC day of entering ({@link #STAYS}: {@code stage_day}, {@code stage_month}, from
 * {@code stage_entry}), each with its own marks of dirty days.
 *
 * <p>How a figure reads them: whole UTC months and days from a rollup, the parts of days at the ends and every day
 * still marked dirty from the facts themselves, in one statement (one snapshot), so the answer is the same as counting
 * the facts. A query starts with {@link #with} (parameters {@code $1..$6}, from {@link #parameters(DaySlices)}; its
 * own start at {@code $7}) and unions {@link #leadDays} or {@link #stageDays} with {@link #facts} or {@link #stays},
 * each row carrying {@code n}, the number of its range. A figure read in more than one statement (a percentile
 * located in a rollup's bins, then read from the facts) reads {@link #inOneSnapshot}.
 *
 * <p>How they are kept: {@link #recompute} keeps them equal to the aggregate of the facts (migrations V7, V10): in
 * one transaction, the marks of the days the triggers marked dirty are taken first, then those days are recomputed as
 * a whole; a write committing after the marks were taken has left a mark of its own, so its day stays dirty (read
 * from the facts) and is recomputed again by the next pass, and a reader sees either the old rows with the marks or
 * the new rows.
 * One instance at a time (a transaction-scoped advisory lock; another instance skips its turn).
 */
@ApplicationScoped
public class RollupRepository {

    /** The tables a rebuild copies and swaps with the facts (empty; every day dirty until recomputed). */
    public static final List<String> TABLES = List.of("lead_day", "lead_month", "funnel_day", "rollup_dirty",
            "stage_day", "stage_month", "stage_dirty");

    /** Any number both instances agree on: the rollup pass's advisory lock. */
    static final long LOCK = 0x1ead5_7a11_0000L;

    static final String MEASURES = "count(*), count(f.scored_at), count(f.assigned_at), count(f.qualified_at), "
            + "count(f.won_at), count(*) filter (where f.won_at is null and f.stage = 'UNQUALIFIED'), "
            + "count(f.contacted_at), count(f.sla_breached_at)";
    static final String LEAD_DAY_COLUMNS = "day, dim, key, key2, leads, scored, assigned, qualified, won, lost, "
            + "contacted, sla_breached";
    static final String DAY = "dd.day";
    /** The leads captured on the days $1 (through the captured_at index), a merged one left out; %s: joins. */
    static final String OF_DAYS = " from unnest($1::date[]) as dd(day) join lead_fact f "
            + "on f.captured_at >= dd.day::timestamp at time zone 'UTC' "
            + "and f.captured_at < (dd.day + 1)::timestamp at time zone 'UTC'%s where f.merged_into is null";

    /** Every dimension but products from one pass over a day's leads (a row per dimension per lead). */
    static final String LEAD_DAY = "insert into lead_day (" + LEAD_DAY_COLUMNS + ") select " + DAY
            + ", d.dim, d.key, d.key2, " + MEASURES
            + OF_DAYS.formatted(" cross join lateral (values " + Arrays.stream(Dimension.values())
                    .filter(d -> d != Dimension.PRODUCT)
                    .map(d -> "('" + d.dim() + "', " + d.key() + ", " + d.key2() + ")")
                    .collect(Collectors.joining(", ")) + ") as d(dim, key, key2)")
            + " group by 1, 2, 3, 4";

    static final String LEAD_DAY_PRODUCT = "insert into lead_day (" + LEAD_DAY_COLUMNS + ") select " + DAY + ", '"
            + Dimension.PRODUCT.dim() + "', "
            + Dimension.PRODUCT.key() + ", null, " + MEASURES + OF_DAYS.formatted(Dimension.PRODUCT.join())
            + " group by 1, 3";

    static final String FUNNEL_MEASURES = "count(*), count(*) filter (where f.stage = 'UNQUALIFIED'), "
            + "count(*) filter (where f.stage = 'INACTIVE')";

    /** The funnel by nothing (key '', so that a query names it by equality), by source and by segment. */
    static final String FUNNEL_DAY = "insert into funnel_day (day, dim, key, furthest, leads, unqualified, inactive) "
            + "select " + DAY + ", d.dim, d.key, f.furthest, " + FUNNEL_MEASURES
            + OF_DAYS.formatted(" cross join lateral (values ('', ''), ('" + Dimension.SOURCE.dim() + "', "
                    + Dimension.SOURCE.key() + "), ('" + Dimension.SEGMENT.dim() + "', " + Dimension.SEGMENT.key()
                    + ")) as d(dim, key)")
            + " group by 1, 2, 3, 4";

    /** The funnel by product: the leads that have it. */
    static final String FUNNEL_DAY_PRODUCT = "insert into funnel_day (day, dim, key, furthest, leads, unqualified, "
            + "inactive) select " + DAY + ", '" + Dimension.PRODUCT.dim() + "', " + Dimension.PRODUCT.key()
            + ", f.furthest, " + FUNNEL_MEASURES
            + OF_DAYS.formatted(" join lateral unnest(f.products) as p(product) on true") + " group by 1, 3, 4";

    /** The first days of the months of the days $1. */
    static final String MONTHS = "(select distinct d - extract(day from d)::int + 1 as day from unnest($1::date[]) d)";

    /** The months of the days $1 summed again from their days (after those were recomputed). */
    static final String LEAD_MONTH = "insert into lead_month (" + LEAD_DAY_COLUMNS + ") select m.day, r.dim, r.key, "
            + "r.key2, sum(r.leads), sum(r.scored), sum(r.assigned), sum(r.qualified), sum(r.won), sum(r.lost), "
            + "sum(r.contacted), sum(r.sla_breached) from " + MONTHS + " m join lead_day r on r.day >= m.day "
            + "and r.day < (m.day + interval '1 month') group by 1, 2, 3, 4";

    /** A stay of a lead merged into another is left out (index lead_fact_merged). */
    static final String NOT_MERGED = "not exists (select 1 from lead_fact m where m.lead_id = e.lead_id "
            + "and m.merged_into is not null)";

    /** The ended stays entered on the days $1 per stage and bin (index stage_entry_ended). */
    static final String STAGE_DAY = "insert into stage_day (day, stage, bin, entries) select dd.day, e.stage, "
            + "e.stay_bin, count(*) from unnest($1::date[]) as dd(day) join stage_entry e "
            + "on e.entered_at >= dd.day::timestamp at time zone 'UTC' "
            + "and e.entered_at < (dd.day + 1)::timestamp at time zone 'UTC' "
            + "where e.left_at is not null and " + NOT_MERGED + " group by 1, 2, 3";

    /** The months of the days $1 summed again from their stays' days. */
    static final String STAGE_MONTH = "insert into stage_month (day, stage, bin, entries) select m.day, r.stage, "
            + "r.bin, sum(r.entries) from " + MONTHS + " m join stage_day r on r.day >= m.day "
            + "and r.day < (m.day + interval '1 month') group by 1, 2, 3";

    /**
     * The rollups kept from one table: the marks of its dirty days, and what the pass runs for a set of days ($1), in
     * order, after taking their marks.
     */
    public record Family(String dirty, List<String> recompute) {
    }

    /** The rollups of the leads by UTC day of capture, from {@code lead_fact}. */
    public static final Family CAPTURES = new Family("rollup_dirty", List.of(
            "delete from rollup_dirty where day = any($1::date[])",
            "delete from lead_day where day = any($1::date[])", "delete from funnel_day where day = any($1::date[])",
            "delete from lead_month where day in " + MONTHS,
            LEAD_DAY, LEAD_DAY_PRODUCT, FUNNEL_DAY, FUNNEL_DAY_PRODUCT, LEAD_MONTH));

    /** The rollups of the stays in a stage by UTC day of entering, from {@code stage_entry} (migration V10). */
    public static final Family STAYS = new Family("stage_dirty", List.of(
            "delete from stage_dirty where day = any($1::date[])",
            "delete from stage_day where day = any($1::date[])",
            "delete from stage_month where day in " + MONTHS,
            STAGE_DAY, STAGE_MONTH));

    /**
     * The CTEs {@code s} (whole days: n, d0, d1), {@code dirty} (day, from the {@code family}'s marks) and {@code x}
     * (parts: n, lo, hi).
     */
    public static String with(Family family) {
        return "with s as (select * from unnest($1::int[], $2::date[], $3::date[]) as s(n, d0, d1)), "
                + "dirty as (select distinct day from " + family.dirty() + "), "
                + "x as (select * from unnest($4::int[], $5::timestamptz[], $6::timestamptz[]) as x(n, lo, hi) "
                + "union all select s.n, d.day::timestamp at time zone 'UTC', "
                + "(d.day + 1)::timestamp at time zone 'UTC' from s join dirty d on d.day >= s.d0 and d.day < s.d1) ";
    }

    /** {@link #with} of the leads' rollups ({@link #CAPTURES}). */
    public static final String WITH = with(CAPTURES);

    /**
     * {@code select s.n, <columns>} over the rollup {@code table} (alias r) in the whole days not dirty. Each range's
     * rows are a subquery of its own ({@code lateral}, kept apart by {@code offset 0}) so that it is an index range
     * scan whatever the planner guesses of the ranges, which it cannot see (a join over them scanned whole tables).
     */
    public static String days(String table, String columns, String condition) {
        return rows("s", table, columns, condition, "s.d0", "s.d1") + " where " + NOT_DIRTY;
    }

    /** A span of whole days that is whole UTC months (DaySlices cuts a span's whole months out of it). */
    static final String MONTHS_SPAN = "(extract(day from s.d0) = 1 and extract(day from s.d1) = 1)";

    static final String NOT_DIRTY = "not exists (select 1 from dirty d where d.day = r.day)";

    /** The spans of whole months joined with each of their months that has a dirty day ({@code dm.first}). */
    static final String DIRTY_MONTHS = "s join (select distinct d.day - extract(day from d.day)::int + 1 as first "
            + "from dirty d) dm on " + MONTHS_SPAN + " and dm.first >= s.d0 and dm.first < s.d1";

    /**
     * As {@link #days} over {@code lead_day}, with spans of whole months read from {@code lead_month}: a month with a
     * dirty day from its days instead (the dirty ones from the facts, as always).
     */
    public static String leadDays(String columns, String condition) {
        return spans("lead_day", "lead_month", columns, condition);
    }

    /** As {@link #leadDays} over {@code stage_day} and {@code stage_month} (after {@code with(STAYS)}). */
    public static String stageDays(String columns, String condition) {
        return spans("stage_day", "stage_month", columns, condition);
    }

    private static String spans(String dayTable, String monthTable, String columns, String condition) {
        return rows("s", dayTable, columns, condition, "s.d0", "s.d1") + " where not " + MONTHS_SPAN + " and "
                + NOT_DIRTY
                + " union all " + rows("s", monthTable, columns, condition, "s.d0", "s.d1") + " where " + MONTHS_SPAN
                + " and not exists (select 1 from dirty d where d.day >= r.day "
                + "and d.day < (r.day + interval '1 month'))"
                + " union all " + rows(DIRTY_MONTHS, dayTable, columns, condition, "dm.first",
                        "(dm.first + interval '1 month')") + " where " + NOT_DIRTY;
    }

    /**
     * {@code select s.n, <columns>} from {@code spans} (the CTE s, or s joined), each with the rows of {@code table}
     * (alias r) that {@code condition} keeps in [lo, hi).
     */
    private static String rows(String spans, String table, String columns, String condition, String lo, String hi) {
        return "select s.n, " + columns + " from " + spans + " cross join lateral (select * from " + table + " r where "
                + condition + " and r.day >= " + lo + " and r.day < " + hi + " offset 0) r";
    }

    /**
     * {@code select x.n, <columns>} over the leads (alias f; a merged one left out) captured in the parts and dirty
     * days, each part an index range scan of its own (as in {@link #days}), joined with {@code join} and kept where
     * {@code condition} (SQL, or empty).
     */
    public static String facts(String columns, String join, String condition) {
        return "select x.n, " + columns + " from x cross join lateral (select * from lead_fact f "
                + "where f.captured_at >= x.lo and f.captured_at < x.hi and f.merged_into is null offset 0) f" + join
                + (condition.isEmpty() ? "" : " where " + condition);
    }

    /**
     * {@code select x.n, <columns>} over the ended stays (alias e, from {@code stage_entry}; a merged lead's left out)
     * entered in the parts and dirty days (after {@code with(STAYS)}), each part an index range scan of its own.
     */
    public static String stays(String columns) {
        return "select x.n, " + columns + " from x cross join lateral (select * from stage_entry e "
                + "where e.entered_at >= x.lo and e.entered_at < x.hi and e.left_at is not null offset 0) e where "
                + NOT_MERGED;
    }

    /**
     * Runs {@code reads} in one read-only transaction that sees one snapshot (repeatable read): for a figure read in
     * more than one statement, such as a percentile located in a rollup's bins and then read from the facts.
     */
    public static <T> Uni<T> inOneSnapshot(Pool pool, Function<SqlConnection, Uni<T>> reads) {
        return pool.withTransaction(c -> c.query("set transaction isolation level repeatable read, read only").execute()
                .chain(() -> reads.apply(c)));
    }

    /** 1 where the SQL {@code condition} holds for a fact row, else 0 (also where it is null). */
    public static String one(String condition) {
        return "(case when " + condition + " then 1 else 0 end)";
    }

    /** $1..$6 of {@link #WITH}. */
    public static Tuple parameters(DaySlices slices) {
        return Tuple.tuple()
                .addArrayOfInteger(slices.days().stream().map(DaySlices.Days::n).toArray(Integer[]::new))
                .addArrayOfLocalDate(slices.days().stream().map(DaySlices.Days::first).toArray(LocalDate[]::new))
                .addArrayOfLocalDate(slices.days().stream().map(DaySlices.Days::stop).toArray(LocalDate[]::new))
                .addArrayOfInteger(slices.parts().stream().map(DaySlices.Part::n).toArray(Integer[]::new))
                .addArrayOfOffsetDateTime(slices.parts().stream().map(p -> p.from().atOffset(ZoneOffset.UTC))
                        .toArray(OffsetDateTime[]::new))
                .addArrayOfOffsetDateTime(slices.parts().stream().map(p -> p.to().atOffset(ZoneOffset.UTC))
                        .toArray(OffsetDateTime[]::new));
    }

    private final Pool pool;

    public RollupRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Recomputes up to {@code maxDays} dirty days of a {@code family} (the oldest first) and removes their marks; the
     * days recomputed (none: nothing was dirty, or another instance is at it).
     */
    public Uni<List<LocalDate>> recompute(Family family, int maxDays) {
        return pool.withTransaction(c -> c.query("select pg_try_advisory_xact_lock(" + LOCK + ") as mine").execute()
                .chain(rows -> !rows.iterator().next().getBoolean("mine") ? Uni.createFrom().item(List.<LocalDate>of())
                        : c.preparedQuery("select distinct day from " + family.dirty() + " order by day limit $1")
                                .execute(Tuple.of(maxDays))
                                .map(RollupRepository::days)
                                .call(days -> {
                                    Uni<Void> done = Uni.createFrom().voidItem();
                                    for (String sql : family.recompute()) {
                                        done = done.chain(() -> c.preparedQuery(sql).execute(Tuple.of(array(days))))
                                                .replaceWithVoid();
                                    }
                                    return days.isEmpty() ? Uni.createFrom().voidItem() : done;
                                })));
    }

    private static List<LocalDate> days(Iterable<Row> rows) {
        List<LocalDate> days = new ArrayList<>();
        rows.forEach(r -> days.add(r.getLocalDate("day")));
        return days;
    }

    private static LocalDate[] array(List<LocalDate> days) {
        return days.toArray(LocalDate[]::new);
    }
}
