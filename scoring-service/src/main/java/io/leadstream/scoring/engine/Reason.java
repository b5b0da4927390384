package io.leadstream.scoring.engine;

/** One contribution to a score: a stable code, the part it counts in, its signed points and a sentence a rep can read. */
public record Reason(String code, Part part, int points, String detail) {

    public enum Part {
        DATA_QUALITY, FIT, ENGAGEMENT, MODEL,
        /** keeps the total within 0-100, so the reasons always add up to the score */
        BOUNDS
    }

    /** As a rep reads it: {@code +15 corporate email domain}. */
    @Override
    public String toString() {
        return (points >= 0 ? "+" : "") + points + " " + detail;
    }
}
