package io.leadstream.distribution.sla;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.leadstream.distribution.calendar.BusinessCalendar;
import io.leadstream.distribution.calendar.OutOfOffice;
import io.leadstream.distribution.calendar.WorkingHours;

/**
 * The SLAs in force, as values: a policy per assignment rule and per pull queue, a default for every other assignment
 * (null: none), the company's holidays, and the time zone of the office hours (Monday to Friday, 09:00–17:00) that
 * count for a rep without working hours of their own. Pure.
 */
public record SlaSettings(SlaPolicy defaultPolicy, Map<String, SlaPolicy> rules, Map<String, SlaPolicy> queues,
        ZoneId timeZone, Set<LocalDate> holidays) {

    /** Which policy applies and where it came from ({@code rule:<name>}, {@code queue:<name>}, {@code default}). */
    public record Applied(SlaPolicy policy, String source) {
    }

    public SlaSettings {
        rules = rules == null ? Map.of() : Map.copyOf(rules);
        queues = queues == null ? Map.of() : Map.copyOf(queues);
        Objects.requireNonNull(timeZone, "timeZone");
        holidays = holidays == null ? Set.of() : Set.copyOf(holidays);
    }

    /**
     * The policy for an assignment made by {@code ruleName} to {@code target} ({@code Target.key()}): a lead claimed
     * from a queue counts by its queue's policy, one routed by a rule by the rule's, anything else (a manager's
     * choice, a merge, the default rule) by the default; empty when none applies.
     */
    public Optional<Applied> policyFor(String ruleName, String target) {
        if (target != null && target.startsWith("queue:")) {
            String queue = target.substring("queue:".length());
            if (queues.containsKey(queue)) {
                return Optional.of(new Applied(queues.get(queue), target));
            }
        } else if (ruleName != null && rules.containsKey(ruleName)) {
            return Optional.of(new Applied(rules.get(ruleName), "rule:" + ruleName));
        }
        return Optional.ofNullable(defaultPolicy).map(p -> new Applied(p, "default"));
    }

    /**
     * The business time a rep's clock counts in: their working hours ({@code null}: the office hours in
     * {@link #timeZone()}), less the holidays (read in the rep's zone) and the days they are out of office.
     */
    public BusinessCalendar calendarFor(WorkingHours repHours, java.util.List<OutOfOffice> away) {
        WorkingHours hours = repHours != null ? repHours : WorkingHours.officeHours(timeZone);
        java.util.Set<LocalDate> off = new java.util.HashSet<>(holidays);
        if (away != null) {
            for (OutOfOffice absence : away) {
                // absences are bounded when stored (RepSettings); a year caps what one can add here
                LocalDate last = absence.to().isAfter(absence.from().plusYears(1)) ? absence.from().plusYears(1)
                        : absence.to();
                absence.from().datesUntil(last.plusDays(1)).forEach(off::add);
            }
        }
        return new BusinessCalendar(hours, off);
    }
}
