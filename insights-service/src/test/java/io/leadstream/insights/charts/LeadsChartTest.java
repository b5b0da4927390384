package io.leadstream.insights.charts;

import static io.leadstream.insights.charts.ParsedSvg.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import io.leadstream.insights.counts.GroupBy;
import io.leadstream.insights.counts.GroupedCounts;
import io.leadstream.insights.counts.GroupedCounts.BucketCounts;
import io.leadstream.insights.counts.GroupedCounts.Counts;
import io.leadstream.insights.periods.Bucket;
import io.leadstream.insights.periods.Buckets;
import io.leadstream.insights.periods.Period;
import io.leadstream.insights.periods.TimeRange;

class LeadsChartTest {

    static final double PLOT_HEIGHT = LeadsChart.BOTTOM - LeadsChart.TOP;

    /**
     * Counts per day from {@code from} (UTC), one bucket per row of {@code byKey} (each key's leads); a bucket's total
     * is the sum of its keys'. Without keys, {@code totals} are the buckets' leads.
     */
    static GroupedCounts days(String from, int days, GroupBy groupBy, List<String> keys, long[][] byKey,
            long[] totals) {
        Instant start = Instant.parse(from + "T00:00:00Z");
        Instant end = start.plusSeconds(86_400L * days);
        List<Bucket> list = Buckets.covering(start, end, Period.DAY, ZoneOffset.UTC).list();
        List<BucketCounts> buckets = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            List<Counts> perKey = new ArrayList<>();
            long total = 0;
            if (byKey != null) {
                for (long leads : byKey[i]) {
                    perKey.add(new Counts(leads, 0));
                    total += leads;
                }
            } else {
                total = totals[i];
            }
            buckets.add(new BucketCounts(list.get(i), new Counts(total, 0), perKey));
        }
        return new GroupedCounts(new TimeRange(start, end), Period.DAY, ZoneOffset.UTC, groupBy, keys, buckets);
    }

    @Test
    void shouldDrawABarPerBucketAsTallAsItsLeadsOnRoundTicks() {
        ParsedSvg svg = ParsedSvg.parse(LeadsChart.draw(days("2032-03-01", 4, null, List.of(), null,
                new long[] { 3, 0, 7, 1 })));

        assertThat(svg.texts("tick")).containsExactly("0", "2", "4", "6", "8");
        assertThat(svg.groupFills("series")).containsExactly(LeadsChart.BAR);
        List<Element> bars = svg.groups("series").get(0);
        // the empty day has no bar; the others stand on the axis, as tall as their leads on an axis up to 8
        assertThat(bars).hasSize(3);
        double[] leads = { 3, 7, 1 };
        for (int i = 0; i < 3; i++) {
            Element bar = bars.get(i);
            assertThat(number(bar, "height")).isCloseTo(leads[i] / 8 * PLOT_HEIGHT, within(0.01));
            assertThat(number(bar, "y") + number(bar, "height")).isCloseTo(LeadsChart.BOTTOM, within(0.01));
        }
        // the 7 stands in the third of four slots
        double slot = (LeadsChart.RIGHT - LeadsChart.LEFT) / 4;
        Element seven = bars.get(1);
        assertThat(number(seven, "x") + number(seven, "width") / 2).isCloseTo(LeadsChart.LEFT + 2.5 * slot,
                within(0.01));
        assertThat(svg.texts("bucket")).containsExactly("2032-03-01", "2032-03-02", "2032-03-03", "2032-03-04");
        assertThat(svg.texts("title")).containsExactly("Leads captured per day, 2032-03-01 \u2013 2032-03-04");
        assertThat(svg.texts("subtitle")).containsExactly("UTC \u00b7 11 leads");
        assertThat(svg.texts("legend")).isEmpty();
        assertThat(svg.texts("empty")).isEmpty();
    }

    @Test
    void shouldStackEachKeyWithALegendAndFoldKeysPastEightIntoOther() {
        // ten keys; a bucket's leads per key: key k has k + 1 in the first bucket and 1 in the second
        List<String> keys = Arrays.asList("a", "b", "c", "d", "e", "f", "g", "h", "<script>&\"x\"", null);
        long[][] byKey = new long[2][10];
        for (int k = 0; k < 10; k++) {
            byKey[0][k] = k + 1;
            byKey[1][k] = 1;
        }
        ParsedSvg svg = ParsedSvg.parse(LeadsChart.draw(days("2032-03-01", 2, GroupBy.SOURCE, keys, byKey, null)));

        // most leads first: (none) 11, the script 10, h 9 … c 4; a (2) and b (3) as other
        assertThat(svg.texts("legend")).containsExactly("(none) (11)", "<script>&\"x\" (10)", "h (9)", "g (8)",
                "f (7)", "e (6)", "d (5)", "c (4)", "other (2 keys) (5)");
        assertThat(svg.groupFills("series")).containsExactlyElementsOf(concat(LeadsChart.PALETTE, LeadsChart.OTHER));
        // the first bucket holds 55 leads: an axis up to 60, every key's segment as tall as its leads, stacked
        assertThat(svg.texts("tick")).containsExactly("0", "20", "40", "60");
        long[] first = { 10, 9, 8, 7, 6, 5, 4, 3, 3 };
        double stackTop = LeadsChart.BOTTOM;
        List<List<Element>> series = svg.groups("series");
        for (int s = 0; s < series.size(); s++) {
            Element segment = series.get(s).get(0);
            assertThat(number(segment, "height")).as("series %d", s).isCloseTo(first[s] / 60.0 * PLOT_HEIGHT,
                    within(0.02));
            assertThat(number(segment, "y") + number(segment, "height")).isCloseTo(stackTop, within(0.02));
            stackTop = number(segment, "y");
            // the second bucket: 1 each, 2 for other
            assertThat(number(series.get(s).get(1), "height")).isCloseTo((s == 8 ? 2 : 1) / 60.0 * PLOT_HEIGHT,
                    within(0.02));
        }
        assertThat(svg.texts("subtitle")).containsExactly("by source \u00b7 UTC \u00b7 65 leads");
        assertThat(svg.title()).isEqualTo("Leads captured per day, 2032-03-01 \u2013 2032-03-02, by source");
        // the plot leaves room for the legend
        assertThat(series.stream().flatMap(List::stream))
                .allSatisfy(r -> assertThat(number(r, "x") + number(r, "width")).isLessThan(LeadsChart.LEGEND_X));
    }

    @Test
    void shouldKeepNineKeysWithoutOther() {
        List<String> keys = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i");
        long[][] byKey = { { 1, 1, 1, 1, 1, 1, 1, 1, 1 } };
        ParsedSvg svg = ParsedSvg.parse(LeadsChart.draw(days("2032-03-01", 1, GroupBy.CAMPAIGN, keys, byKey, null)));

        assertThat(svg.texts("legend")).containsExactly("a (1)", "b (1)", "c (1)", "d (1)", "e (1)", "f (1)", "g (1)",
                "h (1)", "i (1)");
        assertThat(svg.groupFills("series")).hasSize(9).doesNotContain(LeadsChart.OTHER);
    }

    @Test
    void shouldEscapeKeysAndShortenLongOnes() {
        List<String> keys = List.of("Tom & Jerry's <\"best\"> campaign of the year", "x\u0007<&\"");
        String drawn = LeadsChart.draw(days("2032-03-01", 1, GroupBy.CAMPAIGN, keys, new long[][] { { 3, 1 } },
                null));

        assertThat(drawn).doesNotContain("<\"bes").doesNotContain("x\u0007")
                .contains("Tom &amp; Jerry&#39;s &lt;&quot;bes\u2026 (3)").contains("x\ufffd&lt;&amp;&quot; (1)");
        assertThat(ParsedSvg.parse(drawn).texts("legend")).containsExactly("Tom & Jerry's <\"bes\u2026 (3)",
                "x\ufffd<&\" (1)");
    }

    @Test
    void shouldSayProductsCountUnderEachWhenGroupedByProduct() {
        ParsedSvg svg = ParsedSvg.parse(LeadsChart.draw(days("2032-03-01", 1, GroupBy.PRODUCT,
                List.of("solar"), new long[][] { { 2 } }, null)));

        assertThat(svg.texts("footnote")).containsExactly("A lead with several products counts under each of them.");
    }

    @Test
    void shouldThinOutBucketLabelsWhenThereAreMany() {
        long[] leads = new long[366];
        Arrays.fill(leads, 2);
        ParsedSvg svg = ParsedSvg.parse(LeadsChart.draw(days("2032-01-01", 366, null, List.of(), null, leads)));

        List<String> labels = svg.texts("bucket");
        assertThat(labels).hasSizeBetween(5, 10).startsWith("2032-01-01");
        // evenly: every step-th day
        int step = LeadsChart.labelStep(366, 10, LeadsChart.RIGHT - LeadsChart.LEFT);
        assertThat(step).isGreaterThan(1);
        for (int i = 0; i < labels.size(); i++) {
            assertThat(labels.get(i)).isEqualTo(java.time.LocalDate.parse("2032-01-01").plusDays((long) i * step)
                    .toString());
        }
        // labels do not overlap: their centres lie further apart than a label is wide
        List<Element> placed = svg.textElements("bucket");
        for (int i = 1; i < placed.size(); i++) {
            assertThat(number(placed.get(i), "x") - number(placed.get(i - 1), "x")).isGreaterThan(10 * 6.5);
        }
        // every day still has its bar
        assertThat(svg.groups("series").get(0)).hasSize(366);
    }

    @Test
    void shouldNameTheTimeZoneAndItsDays() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Instant from = Instant.parse("2032-02-29T23:00:00Z");
        Instant to = Instant.parse("2032-03-31T22:00:00Z");
        List<Bucket> list = Buckets.covering(from, to, Period.MONTH, berlin).list();
        GroupedCounts march = new GroupedCounts(new TimeRange(from, to), Period.MONTH, berlin, null, List.of(),
                List.of(new BucketCounts(list.get(0), new Counts(1, 1), List.of())));

        ParsedSvg svg = ParsedSvg.parse(LeadsChart.draw(march));
        assertThat(svg.texts("title")).containsExactly("Leads captured per month, 2032-03-01 \u2013 2032-03-31");
        assertThat(svg.texts("subtitle")).containsExactly("Europe/Berlin \u00b7 1 lead");
        assertThat(svg.texts("bucket")).containsExactly("2032-03");
        // one bucket: one bar, no wider than the widest bar
        assertThat(number(svg.groups("series").get(0).get(0), "width")).isEqualTo(LeadsChart.WIDEST_BAR);
    }

    @Test
    void shouldSayNoLeadsWhenThereAreNone() {
        ParsedSvg svg = ParsedSvg.parse(LeadsChart.draw(days("2032-03-01", 3, GroupBy.SOURCE, List.of(),
                new long[][] { {}, {}, {} }, null)));
        assertThat(svg.texts("empty")).containsExactly("no leads");
        assertThat(svg.groups("series")).isEmpty();
        assertThat(svg.texts("tick")).isEmpty();
        assertThat(svg.texts("subtitle")).containsExactly("by source \u00b7 UTC \u00b7 0 leads");

        // an empty range has no bucket at all
        Instant at = Instant.parse("2032-03-01T00:00:00Z");
        GroupedCounts none = new GroupedCounts(new TimeRange(at, at), Period.WEEK, ZoneOffset.UTC, null, List.of(),
                List.of());
        assertThat(ParsedSvg.parse(LeadsChart.draw(none)).texts("empty")).containsExactly("no leads");
    }

    private static List<String> concat(List<String> list, String last) {
        List<String> all = new ArrayList<>(list);
        all.add(last);
        return all;
    }
}
