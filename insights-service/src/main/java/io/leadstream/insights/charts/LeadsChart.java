package io.leadstream.insights.charts;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import io.leadstream.insights.charts.Svg.Anchor;
import io.leadstream.insights.counts.GroupBy;
import io.leadstream.insights.counts.GroupedCounts;
import io.leadstream.insights.counts.GroupedCounts.BucketCounts;

/**
 * Grouped lead counts as a picture: a bar per bucket, as tall as the leads captured in it, on an axis of round
 * values; with a grouping, each bar stacked per key (the keys with the most leads at the bottom, at most
 * {@link #MOST_KEYS} of them and the rest as one "other") with a legend. Bucket labels under the bars, thinned out
 * when there are too many to read; a title naming the period, the range and the grouping. No leads says "no leads".
 */
public final class LeadsChart {

    /** The most keys drawn on their own; more are drawn as one "other". */
    static final int MOST_KEYS = 8;
    /** Tableau 10's first eight: tell apart on a projector, and in print. */
    static final List<String> PALETTE = List.of("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
            "#b07aa1", "#ff9da7");
    static final String OTHER = "#bab0ac";
    static final String BAR = "#4e79a7";
    static final double LEFT = 64;
    static final double TOP = 92;
    static final double BOTTOM = 384;
    static final double RIGHT = 776;
    static final double RIGHT_OF_LEGEND = 590;
    static final double LEGEND_X = 612;
    static final double WIDEST_BAR = 56;
    static final int LEGEND_LABEL_MAX = 20;
    static final String NO_KEY = "(none)";

    /** What one colour of the bars counts, and how many in each bucket. */
    record Series(String label, String colour, long total, long[] leads) {
    }

    private LeadsChart() {
    }

    public static String draw(GroupedCounts counts) {
        List<BucketCounts> buckets = counts.buckets();
        long leads = buckets.stream().mapToLong(b -> b.total().leads()).sum();
        String period = counts.period().name().toLowerCase(Locale.ROOT);
        String title = "Leads captured per " + period + ", "
                + Svg.range(counts.range().from(), counts.range().to(), counts.zone());
        List<String> about = new ArrayList<>();
        if (counts.groupBy() != null) {
            about.add("by " + counts.groupBy().parameter());
        }
        about.add(zoneName(counts.zone()));
        about.add(leads == 1 ? "1 lead" : leads + " leads");
        Svg svg = new Svg(title + (counts.groupBy() == null ? "" : ", by " + counts.groupBy().parameter()))
                .heading(title, String.join(Svg.MIDDLE_DOT, about));
        if (leads == 0) {
            return svg.noLeads().end();
        }

        List<Series> series = series(counts);
        double right = counts.groupBy() == null ? RIGHT : RIGHT_OF_LEGEND;
        long tallest = IntStream.range(0, buckets.size())
                .mapToLong(i -> series.stream().mapToLong(s -> s.leads()[i]).sum()).max().orElse(0);
        Ticks ticks = Ticks.upTo(tallest);
        double height = BOTTOM - TOP;
        for (long value : ticks.values()) {
            double y = BOTTOM - value * height / ticks.top();
            svg.line(LEFT, y, right, y, value == 0 ? Svg.MUTED : Svg.GRID);
            svg.text(LEFT - 8, y + 4, Long.toString(value), Anchor.END, 11, Svg.MUTED, false, "tick");
        }
        svg.text(LEFT - 8, TOP - 14, "leads", Anchor.END, 11, Svg.MUTED, false, "axis");

        int n = buckets.size();
        double slot = (right - LEFT) / n;
        double barWidth = slot >= 4 ? Math.min(slot * 0.8, WIDEST_BAR) : slot;
        long[] below = new long[n];
        for (Series s : series) {
            svg.group("series", s.colour());
            for (int i = 0; i < n; i++) {
                long value = s.leads()[i];
                if (value > 0) {
                    double top = BOTTOM - (below[i] + value) * height / ticks.top();
                    svg.rect(LEFT + i * slot + (slot - barWidth) / 2, top, barWidth, value * height / ticks.top());
                    below[i] += value;
                }
            }
            svg.close();
        }

        int longest = buckets.stream().mapToInt(b -> b.bucket().label().length()).max().orElse(0);
        int step = labelStep(n, longest, right - LEFT);
        for (int i = 0; i < n; i += step) {
            svg.text(LEFT + (i + 0.5) * slot, BOTTOM + 18, buckets.get(i).bucket().label(), Anchor.MIDDLE, 11,
                    Svg.MUTED, false, "bucket");
        }

        if (counts.groupBy() != null) {
            for (int k = 0; k < series.size(); k++) {
                double y = TOP + 8 + k * 22;
                Series s = series.get(k);
                svg.rect(LEGEND_X, y - 10, 12, 12, s.colour());
                svg.text(LEGEND_X + 18, y, Svg.shorten(s.label(), LEGEND_LABEL_MAX) + " (" + s.total() + ")",
                        Anchor.START, 12, Svg.INK, false, "legend");
            }
        }
        if (counts.groupBy() == GroupBy.PRODUCT) {
            svg.text(24, Svg.HEIGHT - 14, "A lead with several products counts under each of them.",
                    Anchor.START, 12, Svg.MUTED, false, "footnote");
        }
        return svg.end();
    }

    /**
     * The bars' colours, bottom up: the buckets' totals without a grouping; else each key, most leads first (the
     * keys' order among equals), and past {@link #MOST_KEYS} + 1 keys the rest added up as "other".
     */
    static List<Series> series(GroupedCounts counts) {
        List<BucketCounts> buckets = counts.buckets();
        int n = buckets.size();
        if (counts.groupBy() == null) {
            long[] leads = buckets.stream().mapToLong(b -> b.total().leads()).toArray();
            return List.of(new Series("leads", BAR, sum(leads), leads));
        }
        List<Series> byKey = new ArrayList<>();
        for (int k = 0; k < counts.keys().size(); k++) {
            int key = k;
            long[] leads = buckets.stream().mapToLong(b -> b.byKey().get(key).leads()).toArray();
            String name = counts.keys().get(k);
            byKey.add(new Series(name == null ? NO_KEY : name, null, sum(leads), leads));
        }
        byKey.sort(Comparator.comparingLong(Series::total).reversed());
        List<Series> drawn = new ArrayList<>();
        int own = byKey.size() <= MOST_KEYS + 1 ? byKey.size() : MOST_KEYS;
        for (int k = 0; k < own; k++) {
            Series s = byKey.get(k);
            drawn.add(new Series(s.label(), PALETTE.get(k % PALETTE.size()), s.total(), s.leads()));
        }
        if (own < byKey.size()) {
            long[] rest = new long[n];
            byKey.subList(own, byKey.size()).forEach(s -> {
                for (int i = 0; i < n; i++) {
                    rest[i] += s.leads()[i];
                }
            });
            drawn.add(new Series("other (" + (byKey.size() - own) + " keys)", OTHER, sum(rest), rest));
        }
        return drawn;
    }

    /** Every how many buckets a label fits: labels of {@code longest} characters side by side over {@code width}. */
    static int labelStep(int buckets, int longest, double width) {
        double perLabel = longest * 6.5 + 16;
        int fit = Math.max(1, (int) (width / perLabel));
        return Math.max(1, (buckets + fit - 1) / fit);
    }

    /** The zone as IANA names it; an offset as UTC+01:00, and UTC itself as UTC rather than Z. */
    static String zoneName(ZoneId zone) {
        if (zone instanceof ZoneOffset offset) {
            return offset.equals(ZoneOffset.UTC) ? "UTC" : "UTC" + offset.getId();
        }
        return zone.getId();
    }

    private static long sum(long[] values) {
        long sum = 0;
        for (long v : values) {
            sum += v;
        }
        return sum;
    }
}
