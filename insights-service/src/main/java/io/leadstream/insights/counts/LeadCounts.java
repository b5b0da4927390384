package io.leadstream.insights.counts;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;
import io.leadstream.insights.counts.GroupedCounts.BucketCounts;
import io.leadstream.insights.counts.GroupedCounts.Counts;
import io.leadstream.insights.counts.LeadCountsRepository.Counted;
import io.leadstream.insights.periods.Bucket;
import io.leadstream.insights.periods.Buckets;
import io.leadstream.insights.periods.Period;
import io.leadstream.insights.periods.TimeRange;
import io.smallrye.mutiny.Uni;

/**
 * Grouped lead counts: the leads captured in a range per day, ISO week, month or quarter of the asker's time zone,
 * optionally per source, product, segment, country, campaign, rep, partner, team or score band. Every bucket of the range is there,
 * an empty one as zeros. Problems: 400 naming {@code groupBy}, {@code period}, {@code tz}, {@code from} or {@code to}.
 */
@ApplicationScoped
public class LeadCounts {

    private final LeadCountsRepository repository;

    public LeadCounts(LeadCountsRepository repository) {
        this.repository = repository;
    }

    public Uni<GroupedCounts> counts(String from, String to, String period, String tz, String groupBy, Instant now) {
        return Uni.createFrom().item(() -> Query.parse(from, to, period, tz, groupBy, now))
                .chain(q -> repository.counts(q.ranges(), null)
                        .chain(totals -> (q.groupBy() == null ? Uni.createFrom().item(List.<Counted>of())
                                : repository.counts(q.ranges(), q.groupBy()))
                                .map(grouped -> assemble(q, totals, grouped))));
    }

    /** What was asked, checked. */
    record Query(TimeRange range, Period period, ZoneId zone, GroupBy groupBy, Buckets buckets) {

        /** Each bucket's instants, the first and last cut to the range. */
        List<TimeRange> ranges() {
            return buckets.list().stream().map(b -> new TimeRange(max(b.from(), range.from()), min(b.to(), range.to())))
                    .toList();
        }

        private static Instant max(Instant a, Instant b) {
            return a.isAfter(b) ? a : b;
        }

        private static Instant min(Instant a, Instant b) {
            return a.isBefore(b) ? a : b;
        }

        static Query parse(String from, String to, String period, String tz, String groupBy, Instant now) {
            List<FieldError> errors = new ArrayList<>();
            Period p = period == null || period.isBlank() ? Period.DAY : Period.of(period);
            if (p == null) {
                errors.add(new FieldError("period", "must be day, week, month or quarter"));
            }
            ZoneId zone = ZoneId.of("UTC");
            if (tz != null && !tz.isBlank()) {
                try {
                    zone = ZoneId.of(tz.strip());
                } catch (DateTimeException e) {
                    errors.add(new FieldError("tz", "must be an IANA time zone such as Europe/Berlin"));
                }
            }
            GroupBy g = groupBy == null || groupBy.isBlank() ? null : GroupBy.of(groupBy);
            if (groupBy != null && !groupBy.isBlank() && g == null) {
                errors.add(new FieldError("groupBy", "must be one of " + Arrays.stream(GroupBy.values())
                        .map(GroupBy::parameter).collect(Collectors.joining(", "))));
            }
            if (!errors.isEmpty()) {
                throw ProblemException.badRequest("validation", errors.size() == 1 ? "1 field is invalid"
                        : errors.size() + " fields are invalid", errors);
            }
            TimeRange range = TimeRange.parse(from, to, now, zone);
            try {
                return new Query(range, p, zone, g, Buckets.covering(range.from(), range.to(), p, zone));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("too-many-buckets", "the range has more than " + Buckets.MAX + " "
                        + p.name().toLowerCase() + "s", List.of(new FieldError("period", "a longer period, or a "
                                + "shorter range")));
            }
        }
    }

    static GroupedCounts assemble(Query q, List<Counted> totals, List<Counted> grouped) {
        Map<LocalDate, Counts> totalByStart = new HashMap<>();
        totals.forEach(t -> totalByStart.put(start(q, t), new Counts(t.leads(), t.qualified())));
        TreeSet<String> named = new TreeSet<>();
        boolean unnamed = false;
        for (Counted c : grouped) {
            if (c.key() == null) {
                unnamed = true;
            } else {
                named.add(c.key());
            }
        }
        List<String> keys = new ArrayList<>(named);
        if (unnamed) {
            keys.add(null);
        }
        Map<LocalDate, Map<String, Counts>> byStart = new HashMap<>();
        grouped.forEach(c -> byStart.computeIfAbsent(start(q, c), s -> new HashMap<>())
                .put(c.key(), new Counts(c.leads(), c.qualified())));
        List<BucketCounts> buckets = new ArrayList<>();
        for (Bucket b : q.buckets().list()) {
            // a HashMap: keys may hold null (leads without a value), which Map.of() refuses to look up
            Map<String, Counts> inBucket = byStart.getOrDefault(b.start(), new HashMap<>());
            List<Counts> byKey = keys.stream().map(k -> inBucket.getOrDefault(k, Counts.ZERO)).toList();
            buckets.add(new BucketCounts(b, totalByStart.getOrDefault(b.start(), Counts.ZERO), byKey));
        }
        return new GroupedCounts(q.range(), q.period(), q.zone(), q.groupBy(), keys, buckets);
    }

    private static LocalDate start(Query q, Counted counted) {
        return q.buckets().list().get(counted.n()).start();
    }
}
