package io.leadstream.insights.charts;

import java.util.ArrayList;
import java.util.List;

/**
 * The round values of a count axis from 0: a step of 1, 2 or 5 times a power of ten, whole numbers only, chosen so
 * that at most {@link #MOST} steps reach {@code top}, the first multiple of the step at or above the largest value.
 */
record Ticks(long step, long top) {

    static final int MOST = 5;

    static Ticks upTo(long max) {
        if (max <= 0) {
            return new Ticks(1, 1);
        }
        long magnitude = 1;
        while (true) {
            for (long nice : new long[] { 1, 2, 5 }) {
                long step = nice * magnitude;
                if (step * MOST >= max) {
                    return new Ticks(step, (max + step - 1) / step * step);
                }
            }
            magnitude *= 10;
        }
    }

    /** 0, step, 2 × step, … top. */
    List<Long> values() {
        List<Long> values = new ArrayList<>();
        for (long v = 0; v <= top; v += step) {
            values.add(v);
        }
        return values;
    }
}
