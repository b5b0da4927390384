package io.leadstream.scoring.engine;

import java.util.List;

/** A computed score: the total 0-100, its grade, each part's points and every reason (they add up to the score). */
public record ScoreCard(int score, String grade, int dataQuality, int fit, int engagement, int model,
        List<Reason> reasons) {

    public ScoreCard {
        reasons = List.copyOf(reasons);
    }
}
