package io.leadstream.insights.timeinstage;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;
import io.leadstream.insights.funnel.Stage;
import io.leadstream.insights.periods.TimeRange;
import io.leadstream.insights.timeinstage.TimeInStage.StageTimes;
import io.leadstream.insights.timeinstage.TimeInStageRepository.Durations;
import io.smallrye.mutiny.Uni;

/**
 * Median and 90th-percentile time per stage over the stage entries entered in a range (see {@link TimeInStage}).
 * Dates in {@code from} and {@code to} are the start of that day in {@code tz} (default UTC). Problems: 400 naming
 * {@code tz}, {@code from} or {@code to}.
 */
@ApplicationScoped
public class TimeInStageService {

    /** The default zone, named as IANA names it. */
    static final ZoneId UTC = ZoneId.of("UTC");

    private final TimeInStageRepository repository;

    public TimeInStageService(TimeInStageRepository repository) {
        this.repository = repository;
    }

    public Uni<TimeInStage> timeInStage(String from, String to, String tz, Instant now) {
        return Uni.createFrom().item(() -> zone(tz)).chain(zone -> {
            TimeRange range = TimeRange.parse(from, to, now, zone);
            return repository.durations(range.from(), range.to()).map(d -> assemble(range, zone, d));
        });
    }

    static ZoneId zone(String tz) {
        if (tz == null || tz.isBlank()) {
            return UTC;
        }
        try {
            return ZoneId.of(tz.strip());
        } catch (DateTimeException e) {
            throw ProblemException.badRequest("validation", "1 field is invalid",
                    List.of(new FieldError("tz", "must be an IANA time zone such as Europe/Berlin")));
        }
    }

    /** Every stage in order, one without durations as zero and nulls; seconds rounded to whole ones. */
    static TimeInStage assemble(TimeRange range, ZoneId zone, List<Durations> durations) {
        Map<String, Durations> byStage = durations.stream()
                .collect(Collectors.toMap(Durations::stage, Function.identity()));
        List<StageTimes> stages = new ArrayList<>();
        for (Stage s : Stage.values()) {
            Durations d = byStage.get(s.name());
            stages.add(d == null ? new StageTimes(s, 0, null, null)
                    : new StageTimes(s, d.durations(), seconds(d.medianSeconds()), seconds(d.p90Seconds())));
        }
        return new TimeInStage(range, zone, List.copyOf(stages));
    }

    private static Long seconds(Double value) {
        return value == null ? null : Math.round(value);
    }
}
