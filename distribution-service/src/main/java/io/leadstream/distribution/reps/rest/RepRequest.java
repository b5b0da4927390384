package io.leadstream.distribution.reps.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.distribution.reps.Rep;
import io.leadstream.distribution.reps.RepService;

/**
 * What an admin may set on a rep, whole: a PUT replaces the rep, so a list left out is cleared and a number or the
 * working hours left out are unset. The id is the path (the Keycloak username); unknown fields are ignored.
 */
@Schema(name = "RepRequest", description = "The whole rep: a PUT replaces it. A list left out is cleared (covers "
        + "everything), dailyCapacity, maxOpenLeads, teamId or workingHours left out are unset, active defaults to "
        + "true.")
public record RepRequest(
        @NotBlank @Size(max = 100) @Schema(description = "trimmed", examples = "Rep One") String displayName,
        @Schema(description = "whether the rep is given new leads; default true", defaultValue = "true") Boolean active,
        @Pattern(regexp = RepResource.ID, message = RepResource.ID_MESSAGE)
        @Schema(description = "the rep's team (at most one), which must exist (PUT /api/teams/{teamId}); null: none",
                examples = "dach-sales") String teamId,
        @Size(max = 50) @Schema(description = "products the rep sells, each up to 100 characters; trimmed, "
                + "lower-case, repeats dropped, sorted; empty: every product", examples = "[\"solar\", \"heat pumps\"]")
        List<String> products,
        @Size(max = 50) @Schema(description = "customer segments the rep serves, each up to 100 characters; "
                + "normalised as products; empty: every segment", examples = "[\"smb\"]") List<String> segments,
        @Size(max = 250) @Schema(description = "ISO 3166-1 alpha-2 country codes or regions (DACH, BENELUX, NORDICS, "
                + "EU, EMEA, NORAM, LATAM, APAC); upper-case, repeats dropped, sorted; empty: everywhere",
                examples = "[\"DACH\", \"FR\"]") List<String> territories,
        @Size(max = 50) @Schema(description = "ISO 639-1 language codes the rep speaks; lower-case, repeats dropped, "
                + "sorted; empty: any language", examples = "[\"de\", \"en\"]") List<String> languages,
        @Min(1) @Max(RepService.MAX_CAPACITY) @Schema(description = "the most new leads a day; null: no limit",
                examples = "20") Integer dailyCapacity,
        @Min(1) @Max(RepService.MAX_CAPACITY) @Schema(description = "the most open leads at once; null: no limit",
                examples = "50") Integer maxOpenLeads,
        @Valid @Schema(description = "when the rep works; null: no hours set (always working)") WorkingHours workingHours,
        @Size(max = 100) @Schema(description = "days away; sorted by from, repeats dropped") List<Absence> outOfOffice) {

    /** When the rep works. */
    @Schema(name = "WorkingHoursRequest", description = "A time zone and, by day, the periods worked on the rep's "
            + "wall clock; a day left out is a day off.")
    public record WorkingHours(
            @NotBlank @Size(max = 64) @Schema(description = "IANA time zone id", examples = "Europe/Berlin")
            String timeZone,
            @Size(max = 7) @Schema(description = "by day name (MONDAY … SUNDAY): up to 10 periods each, not "
                    + "overlapping; at least one period in the week",
                    examples = "{\"MONDAY\": [{\"from\": \"09:00\", \"to\": \"12:30\"}, {\"from\": \"13:30\", "
                            + "\"to\": \"17:00\"}], \"FRIDAY\": [{\"from\": \"09:00\", \"to\": \"15:00\"}]}")
            Map<String, List<Period>> week) {

        Rep.Hours toHours() {
            if (week == null) {
                return new Rep.Hours(timeZone, null);
            }
            Map<String, List<Rep.Period>> days = new LinkedHashMap<>();
            week.forEach((day, periods) -> days.put(day, periods == null ? null
                    : periods.stream().map(p -> p == null ? null : new Rep.Period(p.from(), p.to())).toList()));
            return new Rep.Hours(timeZone, days);
        }
    }

    /** Part of a working day. */
    @Schema(name = "WorkingPeriodRequest")
    public record Period(
            @Schema(description = "HH:mm, inclusive", examples = "09:00") String from,
            @Schema(description = "HH:mm, exclusive, after from; 24:00 for midnight", examples = "17:00") String to) {
    }

    /** Days away. */
    @Schema(name = "AbsenceRequest")
    public record Absence(
            @Schema(description = "yyyy-mm-dd, the first day away", examples = "2026-12-24") String from,
            @Schema(description = "yyyy-mm-dd, the last day away (inclusive), not before from",
                    examples = "2027-01-02") String to) {
    }

    /** The command for rep {@code repId}: what this request sets, as given (the use case checks and normalises it). */
    RepService.SaveRep toCommand(String repId) {
        return new RepService.SaveRep(repId, displayName, active == null || active, teamId, products, segments,
                territories, languages, dailyCapacity, maxOpenLeads, workingHours == null ? null : workingHours.toHours(),
                outOfOffice == null ? null : outOfOffice.stream()
                        .map(a -> a == null ? null : new Rep.Absence(a.from(), a.to())).toList());
    }
}
