package io.leadstream.distribution.reps;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.leadstream.distribution.calendar.OutOfOffice;
import io.leadstream.distribution.calendar.TimeRange;
import io.leadstream.distribution.calendar.WorkingHours;
import io.leadstream.distribution.routing.RepProfile;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * A sales rep who can be given leads. The id is the rep's Keycloak username. Everything an admin sets is stored as
 * {@link RepSettings} normalises it (sorted lists without repeats, canonical time zone, sorted periods), so equal
 * settings are equal rows; {@link #profile()} is what routing reads.
 */
@Entity
@Table(name = "rep")
public class Rep extends PanacheEntityBase {

    @Id
    public String repId;
    public String displayName;
    public boolean active;
    /** the one team the rep belongs to, or null */
    public String teamId;
    /** lower-case, sorted, no repeats, never null; empty: every product */
    public String[] products = new String[0];
    /** lower-case, sorted, no repeats, never null; empty: every segment */
    public String[] segments = new String[0];
    /** ISO 3166-1 alpha-2 codes and region codes ({@code Territories}), sorted, no repeats; empty: everywhere */
    public String[] territories = new String[0];
    /** ISO 639-1, sorted, no repeats; empty: any language */
    public String[] languages = new String[0];
    /** new leads a day, or null: no limit */
    public Integer dailyCapacity;
    /** open leads at once, or null: no limit */
    public Integer maxOpenLeads;
    /** null: no hours set (always working) */
    @JdbcTypeCode(SqlTypes.JSON)
    public Hours workingHours;
    /** Stored as a jsonb object: Hibernate Reactive maps JSON columns to objects, not top-level arrays. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Absences outOfOffice = new Absences(List.of());
    public Instant createdAt;
    public Instant updatedAt;

    /**
     * When the rep works: an IANA time zone id and, by {@link DayOfWeek} name ({@code MONDAY}), the periods worked
     * that day, {@code "HH:mm"} on the rep's wall clock, {@code to} exclusive ({@code "24:00"}: until midnight). As
     * stored and as a command carries it before {@link RepSettings} checks it.
     */
    public record Hours(String timeZone, Map<String, List<Period>> week) {
    }

    /** Part of a working day, {@code "HH:mm"} to {@code "HH:mm"}. */
    public record Period(String from, String to) {
    }

    /** Days away, {@code "yyyy-mm-dd"} to {@code "yyyy-mm-dd"}, both inclusive. */
    public record Absence(String from, String to) {
    }

    /** The out-of-office periods as the jsonb object holds them, sorted by {@code from}. */
    public record Absences(List<Absence> items) {

        public Absences {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    /** What an admin set on this rep, as {@link RepSettings#normalise} would have produced it. */
    public RepSettings settings() {
        return new RepSettings(displayName, active, teamId, List.of(products), List.of(segments),
                List.of(territories), List.of(languages), dailyCapacity, maxOpenLeads, workingHours,
                outOfOffice == null ? List.of() : outOfOffice.items());
    }

    /** Replaces everything an admin sets with {@code settings} (already normalised). */
    void apply(RepSettings settings) {
        displayName = settings.displayName();
        active = settings.active();
        teamId = settings.teamId();
        products = settings.products().toArray(String[]::new);
        segments = settings.segments().toArray(String[]::new);
        territories = settings.territories().toArray(String[]::new);
        languages = settings.languages().toArray(String[]::new);
        dailyCapacity = settings.dailyCapacity();
        maxOpenLeads = settings.maxOpenLeads();
        workingHours = settings.workingHours();
        outOfOffice = new Absences(settings.outOfOffice());
    }

    /** The rep as routing sees it. */
    public RepProfile profile() {
        return new RepProfile(repId, teamId, active, Set.copyOf(Arrays.asList(products)),
                Set.copyOf(Arrays.asList(segments)), Set.copyOf(Arrays.asList(territories)),
                Set.copyOf(Arrays.asList(languages)), dailyCapacity, maxOpenLeads, workingHours(workingHours),
                outOfOffice == null ? List.of() : outOfOffice.items().stream().map(Rep::outOfOffice).toList());
    }

    /** The stored hours as the calendar's value (they were checked when saved). */
    static WorkingHours workingHours(Hours hours) {
        if (hours == null) {
            return null;
        }
        Map<DayOfWeek, List<TimeRange>> week = new EnumMap<>(DayOfWeek.class);
        hours.week().forEach((day, periods) -> week.put(DayOfWeek.valueOf(day),
                periods.stream().map(p -> new TimeRange(time(p.from()), time(p.to()))).toList()));
        return new WorkingHours(ZoneId.of(hours.timeZone()), week);
    }

    /** {@code "HH:mm"}; {@code "24:00"} is the end of the day ({@link LocalTime#MAX}, as a period's exclusive end). */
    static LocalTime time(String text) {
        return RepSettings.END_OF_DAY.equals(text) ? LocalTime.MAX : LocalTime.parse(text);
    }

    private static OutOfOffice outOfOffice(Absence absence) {
        return new OutOfOffice(LocalDate.parse(absence.from()), LocalDate.parse(absence.to()));
    }

    /** Every active rep, in rotation order (rep id, byte-wise). */
    public static Uni<List<Rep>> listActive() {
        return Rep.<Rep>list("active", Sort.by("repId"), true);
    }

    /**
     * The profile of every registered rep (inactive ones too, so routing can say why it skipped them), sorted by rep
     * id. Runs in the caller's session and transaction (the assignment consumer's), so it reads what that transaction
     * sees.
     */
    public static Uni<List<RepProfile>> allProfiles() {
        return Rep.<Rep>listAll(Sort.by("repId")).map(reps -> reps.stream().map(Rep::profile).toList());
    }

    /**
     * The profile of every active rep, sorted by rep id. Runs in the caller's session and transaction.
     */
    public static Uni<List<RepProfile>> activeProfiles() {
        return listActive().map(reps -> reps.stream().map(Rep::profile).toList());
    }

    /**
     * The profiles of those of {@code repIds} that exist (active or not), sorted by rep id; unknown ids are left out.
     * Runs in the caller's session and transaction.
     */
    public static Uni<List<RepProfile>> profiles(Collection<String> repIds) {
        if (repIds == null || repIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Rep.<Rep>list("repId in ?1", Sort.by("repId"), Set.copyOf(repIds))
                .map(reps -> reps.stream().map(Rep::profile).toList());
    }

    /** Up to {@code limit} reps after {@code afterRepId} (null: from the start), sorted by rep id. */
    public static Uni<List<Rep>> listAfter(String afterRepId, int limit) {
        var query = afterRepId == null ? Rep.<Rep>findAll(Sort.by("repId"))
                : Rep.<Rep>find("repId > ?1", Sort.by("repId"), afterRepId);
        return query.page(Page.ofSize(limit)).list();
    }
}
