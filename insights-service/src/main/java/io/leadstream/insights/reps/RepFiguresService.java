package io.leadstream.insights.reps;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.insights.periods.TimeRange;
import io.smallrye.mutiny.Uni;

/** The reps' figures for the leads captured in a period (see {@link TimeRange} for the accepted forms). */
@ApplicationScoped
public class RepFiguresService {

    private final RepFiguresRepository repository;

    public RepFiguresService(RepFiguresRepository repository) {
        this.repository = repository;
    }

    public Uni<RepFigures> figures(String from, String to, Instant now) {
        return Uni.createFrom().item(() -> TimeRange.parse(from, to, now))
                .chain(range -> repository.byRep(range.from(), range.to()).map(reps -> new RepFigures(range, reps)));
    }
}
