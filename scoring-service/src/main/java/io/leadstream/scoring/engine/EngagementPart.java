package io.leadstream.scoring.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.leadstream.scoring.engine.Reason.Part;
import io.leadstream.scoring.engine.RuleSet.EngagementRules;

/**
 * Engagement, recency-weighted: each signal is worth its kind's points times {@code 0.5^(age / half-life)}; signals of
 * one kind make one reason ("+12 3 inquiries, the latest 2 days ago"); the pipeline counts once, for the furthest
 * stage reached. The part is capped at {@code max}; a cap shows as its own reason so the reasons add up.
 */
final class EngagementPart {

    static final List<String> STAGE_ORDER = List.of("OPEN", "CONTACTED", "NURTURING", "QUALIFIED", "NEGOTIATION",
            "CUSTOMER");

    private EngagementPart() {
    }

    static List<Reason> reasons(EngagementRules rules, List<Signal> signals, Instant now) {
        List<Reason> reasons = new ArrayList<>();
        Map<Signal.Kind, List<Signal>> byKind = new EnumMap<>(Signal.Kind.class);
        for (Signal s : signals) {
            if (s.kind() != Signal.Kind.STAGE) {
                byKind.computeIfAbsent(s.kind(), k -> new ArrayList<>()).add(s);
            }
        }
        for (var entry : byKind.entrySet()) {
            int base = rules.points().getOrDefault(entry.getKey(), 0);
            double weighted = entry.getValue().stream().mapToDouble(s -> base * decay(rules, s.at(), now)).sum();
            int points = (int) Math.round(weighted);
            if (points != 0) {
                Instant latest = entry.getValue().stream().map(Signal::at).max(Comparator.naturalOrder()).orElseThrow();
                reasons.add(new Reason(entry.getKey().name(), Part.ENGAGEMENT, points,
                        describe(entry.getKey(), entry.getValue().size()) + ", the latest " + ago(latest, now)));
            }
        }
        signals.stream().filter(s -> s.kind() == Signal.Kind.STAGE && rules.stagePoints().containsKey(s.detail()))
                .max(Comparator.comparingInt((Signal s) -> STAGE_ORDER.indexOf(s.detail())).thenComparing(Signal::at))
                .ifPresent(stage -> {
                    int points = (int) Math.round(rules.stagePoints().get(stage.detail()) * decay(rules, stage.at(), now));
                    if (points != 0) {
                        reasons.add(new Reason("STAGE_" + stage.detail(), Part.ENGAGEMENT, points,
                                "reached " + stage.detail() + " " + ago(stage.at(), now)));
                    }
                });
        int total = reasons.stream().mapToInt(Reason::points).sum();
        if (total > rules.max()) {
            reasons.add(new Reason("ENGAGEMENT_CAPPED", Part.ENGAGEMENT, rules.max() - total,
                    "engagement counts at most " + rules.max() + " points"));
        }
        return reasons;
    }

    /** The weight left of a signal of this age: 1 when new, 0.5 after one half-life. */
    static double decay(EngagementRules rules, Instant at, Instant now) {
        double days = Math.max(0, Duration.between(at, now).toMinutes()) / (24.0 * 60);
        return Math.pow(0.5, days / rules.halfLifeDays());
    }

    private static String describe(Signal.Kind kind, int n) {
        return switch (kind) {
            case INQUIRY -> n == 1 ? "1 inquiry" : n + " inquiries";
            case RESUBMISSION -> n == 1 ? "submitted again once" : "submitted again " + n + " times";
            case ACTIVITY -> n == 1 ? "1 activity" : n + " activities";
            case MESSAGE_REPLIED -> n == 1 ? "replied to 1 message" : "replied to " + n + " messages";
            case STAGE -> "stage";
        };
    }

    static String ago(Instant at, Instant now) {
        long days = Duration.between(at, now).toDays();
        if (days <= 0) {
            return "today";
        }
        return days == 1 ? "1 day ago" : days + " days ago";
    }
}
