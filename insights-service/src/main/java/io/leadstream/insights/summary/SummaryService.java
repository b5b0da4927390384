package io.leadstream.insights.summary;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.leadstream.insights.periods.TimeRange;

/** The headline figures, built on the lead facts. */
@ApplicationScoped
public class SummaryService {

    private final SummaryRepository repository;

    public SummaryService(SummaryRepository repository) {
        this.repository = repository;
    }

    /**
     * Figures for the leads captured in [from, to) (see {@link TimeRange} for the accepted forms and defaults). Its three
     * queries run at once, each on a connection of its own: the answer takes as long as the slowest, not their sum.
     */
    public Uni<Summary> summary(String from, String to) {
        return Uni.createFrom().item(() -> TimeRange.parse(from, to, Instant.now()))
                .chain(range -> Uni.combine().all().unis(repository.counts(range.from(), range.to()),
                        repository.qualifiedByProduct(range.from(), range.to()),
                        repository.qualifiedBySegment(range.from(), range.to()))
                        .with((c, byProduct, bySegment) -> new Summary(range, c.captured(), c.scored(), c.assigned(),
                                c.qualified(), c.won(), c.lost(),
                                c.captured() == 0 ? null : (double) c.won() / c.captured(),
                                c.medianSpeedToLeadSeconds() == null ? null : Math.round(c.medianSpeedToLeadSeconds()),
                                byProduct, bySegment)));
    }
}
