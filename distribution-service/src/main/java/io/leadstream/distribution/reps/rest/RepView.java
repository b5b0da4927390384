package io.leadstream.distribution.reps.rest;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.distribution.reps.Rep;

/** A sales rep as the API shows it: every field an admin sets, normalised, and when it was created and changed. */
@Schema(name = "Rep")
public record RepView(@Schema(description = "the rep's Keycloak username") String repId, String displayName,
        boolean active,
        @Schema(description = "the rep's team; null: none", nullable = true) String teamId,
        @Schema(description = "lower-case, sorted; empty: every product") List<String> products,
        @Schema(description = "lower-case, sorted; empty: every segment") List<String> segments,
        @Schema(description = "ISO 3166-1 alpha-2 country codes and regions, sorted; empty: everywhere")
        List<String> territories,
        @Schema(description = "ISO 639-1 codes, sorted; empty: any language") List<String> languages,
        @Schema(description = "the most new leads a day; null: no limit", nullable = true) Integer dailyCapacity,
        @Schema(description = "the most open leads at once; null: no limit", nullable = true) Integer maxOpenLeads,
        @Schema(nullable = true) WorkingHours workingHours,
        @Schema(description = "days away, sorted by from") List<Absence> outOfOffice,
        Instant createdAt, Instant updatedAt) {

    /** When the rep works. */
    @Schema(name = "WorkingHours", description = "when the rep works (workingHours null: no hours set, always working)")
    public record WorkingHours(@Schema(description = "IANA time zone id", examples = "Europe/Berlin") String timeZone,
            @Schema(description = "the working days in week order (MONDAY … SUNDAY), each with its periods sorted; "
                    + "a day not listed is a day off") Map<String, List<Period>> week) {

        static WorkingHours of(Rep.Hours hours) {
            if (hours == null) {
                return null;
            }
            Map<String, List<Period>> week = new LinkedHashMap<>();
            for (DayOfWeek day : DayOfWeek.values()) {
                List<Rep.Period> periods = hours.week().get(day.name());
                if (periods != null && !periods.isEmpty()) {
                    week.put(day.name(), periods.stream().map(p -> new Period(p.from(), p.to())).toList());
                }
            }
            return new WorkingHours(hours.timeZone(), week);
        }
    }

    /** Part of a working day on the rep's wall clock. */
    @Schema(name = "WorkingPeriod")
    public record Period(@Schema(description = "HH:mm, inclusive", examples = "09:00") String from,
            @Schema(description = "HH:mm, exclusive; 24:00 is midnight", examples = "17:00") String to) {
    }

    /** Days away. */
    @Schema(name = "Absence")
    public record Absence(@Schema(description = "yyyy-mm-dd, the first day away", examples = "2026-12-24") String from,
            @Schema(description = "yyyy-mm-dd, the last day away (inclusive)", examples = "2027-01-02") String to) {
    }

    public static RepView of(Rep rep) {
        return new RepView(rep.repId, rep.displayName, rep.active, rep.teamId, List.of(rep.products),
                List.of(rep.segments), List.of(rep.territories), List.of(rep.languages), rep.dailyCapacity,
                rep.maxOpenLeads, WorkingHours.of(rep.workingHours),
                rep.outOfOffice.items().stream().map(a -> new Absence(a.from(), a.to())).toList(),
                rep.createdAt, rep.updatedAt);
    }
}
