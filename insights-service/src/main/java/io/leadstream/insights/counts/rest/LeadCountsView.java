package io.leadstream.insights.counts.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.insights.counts.GroupedCounts;
import io.leadstream.insights.csv.Csv;
import io.leadstream.insights.counts.GroupedCounts.BucketCounts;

/** GET /api/insights/leads' answer. */
@Schema(name = "LeadCounts", description = "Leads captured per bucket (and per key), with how many were qualified")
public record LeadCountsView(
        @Schema(description = "start of the range (inclusive)") Instant from,
        @Schema(description = "end of the range (exclusive)") Instant to,
        @Schema(description = "day, week (ISO, Monday to Sunday), month or quarter") String period,
        @Schema(description = "the IANA time zone whose calendar the buckets follow") String timeZone,
        @Schema(description = "what the leads are broken down by; null when by nothing", nullable = true) String groupBy,
        @Schema(description = "every key seen in the range, in order; null stands for leads without a value") List<String> keys,
        @Schema(description = "every bucket of the range, in order, empty ones with zeros") List<BucketView> buckets) {

    @Schema(name = "LeadCountsBucket")
    public record BucketView(
            @Schema(description = "2026-12-04, 2026-W49, 2026-12 or 2026-Q4") String label,
            @Schema(description = "the bucket's first local day") LocalDate start,
            @Schema(description = "the bucket's first instant") Instant from,
            @Schema(description = "the next bucket's first instant") Instant to,
            @Schema(description = "leads captured in the bucket (a manually merged lead counted once)") long leads,
            @Schema(description = "of those, how many have been qualified") long qualified,
            @Schema(description = "with groupBy: each key's counts, in the order of keys (a lead with several "
                    + "products counts under each)") List<GroupView> groups) {
    }

    @Schema(name = "LeadCountsGroup")
    public record GroupView(@Schema(nullable = true) String key, long leads, long qualified) {
    }

    static LeadCountsView of(GroupedCounts g) {
        List<BucketView> buckets = new ArrayList<>();
        for (BucketCounts b : g.buckets()) {
            List<GroupView> groups = new ArrayList<>();
            for (int i = 0; i < g.keys().size(); i++) {
                groups.add(new GroupView(g.keys().get(i), b.byKey().get(i).leads(), b.byKey().get(i).qualified()));
            }
            buckets.add(new BucketView(b.bucket().label(), b.bucket().start(), b.bucket().from(), b.bucket().to(),
                    b.total().leads(), b.total().qualified(), groups));
        }
        return new LeadCountsView(g.range().from(), g.range().to(), g.period().name().toLowerCase(),
                g.zone().getId(), g.groupBy() == null ? null : g.groupBy().parameter(), g.keys(), buckets);
    }

    /** As CSV: one row per bucket ({@code key} empty) or, with groupBy, per bucket and key. */
    String csv() {
        Csv csv = Csv.withHeader("bucket", "from", "to", "key", "leads", "qualified");
        for (BucketView b : buckets) {
            if (groupBy == null) {
                csv.row(b.label(), b.from(), b.to(), null, b.leads(), b.qualified());
            } else {
                for (GroupView g : b.groups()) {
                    csv.row(b.label(), b.from(), b.to(), g.key(), g.leads(), g.qualified());
                }
            }
        }
        return csv.toString();
    }
}
