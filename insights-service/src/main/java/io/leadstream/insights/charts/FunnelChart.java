package io.leadstream.insights.charts;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.leadstream.insights.charts.Svg.Anchor;
import io.leadstream.insights.funnel.Funnel;
import io.leadstream.insights.funnel.Funnel.Filters;
import io.leadstream.insights.funnel.Funnel.StageCount;

/**
 * The funnel of a creation cohort as a picture: a horizontal bar per stage of the main path, OPEN at the top, as wide
 * as the number of leads that reached it (the widest stage fills the width), labelled with the stage, that number and
 * the conversion to the next stage (none when no lead reached it); a title naming the cohort's range and filters, and the leads that ended
 * UNQUALIFIED or INACTIVE as a footnote. An empty cohort says "no leads".
 */
public final class FunnelChart {

    static final String BAR = "#2f6db5";
    static final double LABEL_END = 150;
    static final double BAR_START = 160;
    static final double BAR_MAX_WIDTH = 420;
    static final double CONVERSION_END = 776;
    static final double ROWS_TOP = 84;
    static final double ROW_HEIGHT = 52;
    static final double BAR_HEIGHT = 34;
    static final int FILTER_MAX = 40;

    private FunnelChart() {
    }

    public static String draw(Funnel funnel) {
        String range = Svg.range(funnel.range().from(), funnel.range().to(), ZoneOffset.UTC);
        String title = "Funnel of the leads captured " + range;
        List<String> about = filters(funnel.filters());
        Svg svg = new Svg(about.isEmpty() ? title : title + " (" + String.join(", ", about) + ")");
        if (funnel.cohort() == 0) {
            about.add("no leads in the cohort");
            return svg.heading(title, String.join(Svg.MIDDLE_DOT, about)).noLeads().end();
        }
        about.add(funnel.cohort() + (funnel.cohort() == 1 ? " lead" : " leads") + " in the cohort");
        about.add(Svg.percent(funnel.conversion()) + " became CUSTOMER");
        svg.heading(title, String.join(Svg.MIDDLE_DOT, about));

        List<StageCount> stages = funnel.stages();
        long widest = stages.stream().mapToLong(StageCount::reached).max().orElse(0);
        svg.group("bars", BAR);
        for (int i = 0; i < stages.size(); i++) {
            svg.rect(BAR_START, barTop(i), width(stages.get(i).reached(), widest), BAR_HEIGHT);
        }
        svg.close();
        for (int i = 0; i < stages.size(); i++) {
            StageCount stage = stages.get(i);
            double baseline = barTop(i) + BAR_HEIGHT / 2 + 5;
            svg.text(LABEL_END, baseline, stage.stage().name(), Anchor.END, 13, Svg.INK, true, "stage");
            svg.text(BAR_START + width(stage.reached(), widest) + 8, baseline, Long.toString(stage.reached()),
                    Anchor.START, 14, Svg.INK, true, "count");
            if (i + 1 < stages.size() && stage.conversionToNext() != null) {
                svg.text(CONVERSION_END, baseline, Svg.percent(stage.conversionToNext()) + " \u2192 "
                        + stages.get(i + 1).stage().name(), Anchor.END, 13, Svg.MUTED, false, "conversion");
            }
        }
        svg.text(24, Svg.HEIGHT - 18, "Ended UNQUALIFIED: " + funnel.unqualified() + Svg.MIDDLE_DOT
                + "ended INACTIVE: " + funnel.inactive() + Svg.MIDDLE_DOT
                + "a lead that skipped a stage counts as having reached it", Anchor.START, 12, Svg.MUTED, false,
                "footnote");
        return svg.end();
    }

    static double barTop(int row) {
        return ROWS_TOP + row * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2;
    }

    /** Proportional to {@code reached}, the widest stage filling the width; a stage reached by any at least 1. */
    static double width(long reached, long widest) {
        if (reached == 0 || widest == 0) {
            return 0;
        }
        return Math.max(1, BAR_MAX_WIDTH * reached / widest);
    }

    private static List<String> filters(Filters filters) {
        List<String> about = new ArrayList<>();
        if (filters != null) {
            add(about, "product", filters.product());
            add(about, "segment", filters.segment());
            add(about, "source", filters.source());
        }
        return about;
    }

    private static void add(List<String> about, String name, String value) {
        if (value != null) {
            about.add(name + ": " + Svg.shorten(value, FILTER_MAX));
        }
    }
}
