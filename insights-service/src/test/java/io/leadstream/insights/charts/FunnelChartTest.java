package io.leadstream.insights.charts;

import static io.leadstream.insights.charts.ParsedSvg.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import io.leadstream.insights.funnel.Funnel;
import io.leadstream.insights.funnel.Funnel.Filters;
import io.leadstream.insights.funnel.Funnel.StageCount;
import io.leadstream.insights.funnel.Stage;
import io.leadstream.insights.periods.TimeRange;

class FunnelChartTest {

    static final TimeRange FEBRUARY = new TimeRange(Instant.parse("2033-02-01T00:00:00Z"),
            Instant.parse("2033-03-01T00:00:00Z"));
    static final Filters ANY = new Filters(null, null, null);

    /** A funnel with these reached counts (OPEN to CUSTOMER) and conversions to the next stage. */
    static Funnel funnel(Filters filters, long cohort, long[] reached, Double[] conversions, long unqualified,
            long inactive, Double conversion) {
        List<StageCount> stages = new ArrayList<>();
        for (int i = 0; i < reached.length; i++) {
            stages.add(new StageCount(Stage.pipeline().get(i), reached[i], conversions[i]));
        }
        return new Funnel(FEBRUARY, filters, cohort, stages, unqualified, inactive, conversion);
    }

    static Funnel february() {
        return funnel(ANY, 6, new long[] { 5, 5, 3, 2, 1, 1 }, new Double[] { 1.0, 0.6, 0.6667, 0.5, 1.0, null }, 1,
                2, 0.1667);
    }

    @Test
    void shouldDrawABarPerStageAsWideAsTheLeadsThatReachedIt() {
        ParsedSvg svg = ParsedSvg.parse(FunnelChart.draw(february()));

        List<List<Element>> groups = svg.groups("bars");
        assertThat(groups).hasSize(1);
        List<Element> bars = groups.get(0);
        assertThat(bars).hasSize(6);
        double[] widths = bars.stream().mapToDouble(b -> number(b, "width")).toArray();
        assertThat(widths[0]).isEqualTo(FunnelChart.BAR_MAX_WIDTH);
        long[] reached = { 5, 5, 3, 2, 1, 1 };
        for (int i = 0; i < 6; i++) {
            assertThat(widths[i] / widths[0]).as("bar %d", i).isCloseTo(reached[i] / 5.0, within(0.001));
        }
        // OPEN at the top, each stage below the one before, all starting at one edge and as high as each other
        double[] tops = bars.stream().mapToDouble(b -> number(b, "y")).toArray();
        for (int i = 1; i < 6; i++) {
            assertThat(tops[i]).isGreaterThan(tops[i - 1] + number(bars.get(i - 1), "height"));
        }
        assertThat(bars).allSatisfy(b -> assertThat(number(b, "x")).isEqualTo(FunnelChart.BAR_START));
        assertThat(bars.stream().map(b -> b.getAttribute("height")).distinct()).hasSize(1);

        assertThat(svg.texts("stage")).containsExactly("OPEN", "CONTACTED", "NURTURING", "QUALIFIED", "NEGOTIATION",
                "CUSTOMER");
        assertThat(svg.texts("count")).containsExactly("5", "5", "3", "2", "1", "1");
        assertThat(svg.texts("conversion")).containsExactly("100% \u2192 CONTACTED", "60% \u2192 NURTURING",
                "66.7% \u2192 QUALIFIED", "50% \u2192 NEGOTIATION", "100% \u2192 CUSTOMER");
        // each count just right of its bar
        List<Element> counts = svg.textElements("count");
        for (int i = 0; i < 6; i++) {
            assertThat(number(counts.get(i), "x")).isCloseTo(FunnelChart.BAR_START + widths[i] + 8, within(0.01));
        }
        assertThat(svg.texts("title")).containsExactly("Funnel of the leads captured 2033-02-01 \u2013 2033-02-28");
        assertThat(svg.texts("subtitle")).containsExactly(
                "6 leads in the cohort \u00b7 16.7% became CUSTOMER");
        assertThat(svg.texts("footnote")).singleElement().asString().contains("Ended UNQUALIFIED: 1")
                .contains("ended INACTIVE: 2");
        assertThat(svg.title()).isEqualTo("Funnel of the leads captured 2033-02-01 \u2013 2033-02-28");
        assertThat(svg.root().getAttribute("viewBox")).isEqualTo("0 0 800 450");
    }

    @Test
    void shouldLeaveOutTheConversionFromAStageNoLeadReached() {
        Funnel enterprise = funnel(new Filters(null, "enterprise", null), 1, new long[] { 1, 1, 0, 0, 0, 0 },
                new Double[] { 1.0, 0.0, null, null, null, null }, 0, 1, 0.0);
        ParsedSvg svg = ParsedSvg.parse(FunnelChart.draw(enterprise));

        assertThat(svg.groups("bars").get(0)).extracting(b -> number(b, "width"))
                .containsExactly(420.0, 420.0, 0.0, 0.0, 0.0, 0.0);
        assertThat(svg.texts("count")).containsExactly("1", "1", "0", "0", "0", "0");
        assertThat(svg.texts("conversion")).containsExactly("100% \u2192 CONTACTED", "0% \u2192 NURTURING");
        assertThat(svg.texts("subtitle")).containsExactly(
                "segment: enterprise \u00b7 1 lead in the cohort \u00b7 0% became CUSTOMER");
    }

    @Test
    void shouldEscapeTheFiltersCallersGive() {
        Filters filters = new Filters("<b>solar</b>", "smb & co", "web\"\u0001'");
        Funnel f = funnel(filters, 6, new long[] { 5, 5, 3, 2, 1, 1 },
                new Double[] { 1.0, 0.6, 0.6667, 0.5, 1.0, null }, 1, 1, 0.1667);
        String drawn = FunnelChart.draw(f);

        assertThat(drawn).doesNotContain("<b>").contains("&lt;b&gt;solar&lt;/b&gt;").contains("smb &amp; co")
                .contains("web&quot;\ufffd&#39;");
        ParsedSvg svg = ParsedSvg.parse(drawn);
        assertThat(svg.texts("subtitle")).singleElement().asString()
                .startsWith("product: <b>solar</b> \u00b7 segment: smb & co \u00b7 source: web\"\ufffd'");
        assertThat(svg.title()).contains("(product: <b>solar</b>, segment: smb & co, source: web\"\ufffd')");
    }

    @Test
    void shouldShortenALongFilter() {
        char[] long_ = new char[300];
        Arrays.fill(long_, 'x');
        Funnel f = funnel(new Filters(null, null, new String(long_)), 0, new long[6], new Double[6], 0, 0, null);

        assertThat(ParsedSvg.parse(FunnelChart.draw(f)).texts("subtitle")).singleElement().asString()
                .startsWith("source: " + "x".repeat(FunnelChart.FILTER_MAX - 1) + "\u2026 \u00b7");
    }

    @Test
    void shouldSayNoLeadsForAnEmptyCohort() {
        Funnel empty = funnel(new Filters(null, null, "nowhere"), 0, new long[6], new Double[6], 0, 0, null);
        ParsedSvg svg = ParsedSvg.parse(FunnelChart.draw(empty));

        assertThat(svg.texts("empty")).containsExactly("no leads");
        assertThat(svg.groups("bars")).isEmpty();
        assertThat(svg.texts("count")).isEmpty();
        assertThat(svg.texts("title")).containsExactly("Funnel of the leads captured 2033-02-01 \u2013 2033-02-28");
        assertThat(svg.texts("subtitle")).containsExactly("source: nowhere \u00b7 no leads in the cohort");
    }
}
