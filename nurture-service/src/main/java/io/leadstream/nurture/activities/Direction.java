package io.leadstream.nurture.activities;

/** Who reached whom: INBOUND is the lead reaching us. */
public enum Direction {
    INBOUND,
    OUTBOUND
}
