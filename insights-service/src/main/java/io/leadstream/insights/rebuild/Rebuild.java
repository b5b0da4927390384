package io.leadstream.insights.rebuild;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One rebuild of the read models from the topics, as far as it has got. {@code partitions}: each topic partition's
 * start, position and end (as last taken); {@code applied}: events a handler took, {@code ignored}: types insights
 * does not use, {@code skipped}: events that can never be applied (unreadable, or refused by the database), which the
 * live consumers dead-letter.
 */
public record Rebuild(UUID id, State state, String requestedBy, Instant startedAt, Instant replayedAt,
        Instant swappedAt, Instant finishedAt, Instant heartbeatAt, long applied, long ignored, long skipped,
        List<Partition> partitions, String error) {

    public enum State {
        /** Reading the topics from the beginning into fresh tables; the old ones keep answering. */
        REPLAYING,
        /** Caught up: the fresh tables are replacing the old ones. */
        SWAPPING,
        /** Swapped: applying what arrived on the topics while it swapped. */
        FINISHING,
        DONE,
        /** Stopped with {@code error}; the old tables were kept (unless it failed after the swap, see the error). */
        FAILED
    }

    /** One topic partition: where it starts, how far the rebuild has read, and its end when last taken. */
    public record Partition(String topic, int partition, long start, long position, long end) {
    }

    /** Events read so far over events to read, up to the ends as last taken (1 when there are none). */
    public double progress() {
        long total = 0;
        long read = 0;
        for (Partition p : partitions) {
            total += Math.max(0, p.end() - p.start());
            read += Math.max(0, Math.min(p.position(), p.end()) - p.start());
        }
        return total == 0 ? (state == State.REPLAYING ? 0 : 1) : (double) read / total;
    }
}
