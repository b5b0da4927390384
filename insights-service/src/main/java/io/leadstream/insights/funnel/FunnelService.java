package io.leadstream.insights.funnel;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.insights.funnel.Funnel.Filters;
import io.leadstream.insights.funnel.FunnelRepository.Counted;
import io.leadstream.insights.periods.TimeRange;
import io.smallrye.mutiny.Uni;

/**
 * The funnel of the leads captured in a range, optionally of one product, segment and source (see {@link Funnel} for
 * what is counted). Problems: 400 naming {@code from} or {@code to} (see {@link TimeRange}).
 */
@ApplicationScoped
public class FunnelService {

    private final FunnelRepository repository;

    public FunnelService(FunnelRepository repository) {
        this.repository = repository;
    }

    public Uni<Funnel> funnel(String from, String to, String product, String segment, String source, Instant now) {
        return Uni.createFrom().item(() -> TimeRange.parse(from, to, now)).chain(range -> {
            Filters filters = new Filters(blankAsNull(product), blankAsNull(segment), blankAsNull(source));
            return repository.counts(range.from(), range.to(), filters)
                    .map(counted -> assemble(range, filters, counted));
        });
    }

    static Funnel assemble(TimeRange range, Filters filters, List<Counted> counted) {
        Map<Stage, Long> byFurthest = new EnumMap<>(Stage.class);
        long none = 0;
        long unqualified = 0;
        long inactive = 0;
        for (Counted c : counted) {
            if (c.furthest() == null) {
                none += c.leads();
            } else {
                byFurthest.merge(c.furthest(), c.leads(), Long::sum);
            }
            unqualified += c.unqualified();
            inactive += c.inactive();
        }
        return Funnel.of(range, filters, byFurthest, none, unqualified, inactive);
    }

    private static String blankAsNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
