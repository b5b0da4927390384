package io.leadstream.insights.rebuild.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.insights.rebuild.Rebuild;

@Schema(name = "Rebuild", description = "A rebuild of the read models from the topics, as far as it has got")
public record RebuildView(
        UUID id,
        @Schema(description = "REPLAYING (reading every topic from its beginning into fresh tables; the old ones keep "
                + "answering), SWAPPING (caught up: the fresh tables replace the old ones), FINISHING (applying what "
                + "arrived during the swap), DONE, or FAILED (see error)") Rebuild.State state,
        @Schema(description = "who started it") String requestedBy,
        Instant startedAt,
        @Schema(description = "when the fresh tables had caught up with the topics") Instant replayedAt,
        @Schema(description = "when they replaced the old ones") Instant swappedAt,
        Instant finishedAt,
        @Schema(description = "events read over events to read (up to the topics' ends as last taken), 0 to 1")
        double progress,
        @Schema(description = "events a handler applied") long applied,
        @Schema(description = "events of types insights does not use (as its live consumers ignore them)") long ignored,
        @Schema(description = "events that can never be applied (unreadable or refused), which the live consumers "
                + "send to the dead-letter topic; the service log names each") long skipped,
        @Schema(description = "each topic partition: its first offset, how far the rebuild has read, its end when "
                + "last taken") List<Partition> partitions,
        @Schema(description = "why it failed") String error) {

    @Schema(name = "RebuildPartition")
    public record Partition(String topic, int partition, long start, long position, long end) {
    }

    public static RebuildView of(Rebuild r) {
        return new RebuildView(r.id(), r.state(), r.requestedBy(), r.startedAt(), r.replayedAt(), r.swappedAt(),
                r.finishedAt(), Math.round(r.progress() * 10_000) / 10_000.0, r.applied(), r.ignored(), r.skipped(),
                r.partitions().stream().map(p -> new Partition(p.topic(), p.partition(), p.start(), p.position(),
                        p.end())).toList(), r.error());
    }
}
