package io.leadstream.insights.breakdowns;

import java.util.List;

/** A range of scores, {@code from} to {@code to} inclusive: 0-19, 20-39, 40-59, 60-79, 80-100. */
public record ScoreBand(int from, int to) {

    public static final List<ScoreBand> ALL = List.of(new ScoreBand(0, 19), new ScoreBand(20, 39),
            new ScoreBand(40, 59), new ScoreBand(60, 79), new ScoreBand(80, 100));

    public String label() {
        return from + "-" + to;
    }

    /** The band of {@code score} (0 to 100; anything above 100 in the top band, below 0 in the bottom one). */
    public static ScoreBand of(int score) {
        for (ScoreBand band : ALL) {
            if (score <= band.to()) {
                return band;
            }
        }
        return ALL.get(ALL.size() - 1);
    }
}
