package io.leadstream.distribution.routing;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.leadstream.distribution.calendar.OutOfOffice;
import io.leadstream.distribution.calendar.WorkingHours;

/**
 * What routing knows about a rep, as a value: who they are, what they cover and when they work. Empty
 * {@code products}, {@code segments}, {@code territories} or {@code languages}: the rep covers every value.
 * {@code dailyCapacity} / {@code maxOpenLeads} null: no limit. {@code workingHours} null: no hours set (always
 * working).
 */
public record RepProfile(String repId, String teamId, boolean active, Set<String> products, Set<String> segments,
        Set<String> territories, Set<String> languages, Integer dailyCapacity, Integer maxOpenLeads,
        WorkingHours workingHours, List<OutOfOffice> outOfOffice) {

    public RepProfile {
        Objects.requireNonNull(repId, "repId");
        products = products == null ? Set.of() : Set.copyOf(products);
        segments = segments == null ? Set.of() : Set.copyOf(segments);
        territories = territories == null ? Set.of() : Set.copyOf(territories);
        languages = languages == null ? Set.of() : Set.copyOf(languages);
        outOfOffice = outOfOffice == null ? List.of() : List.copyOf(outOfOffice);
    }

    /** An active rep with no limits, hours or coverage set: covers everything, always. */
    public static RepProfile simple(String repId, String teamId) {
        return new RepProfile(repId, teamId, true, null, null, null, null, null, null, null, null);
    }
}
