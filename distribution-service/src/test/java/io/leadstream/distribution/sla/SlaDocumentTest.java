package io.leadstream.distribution.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.distribution.calendar.BusinessCalendar;
import io.leadstream.distribution.calendar.OutOfOffice;
import io.leadstream.distribution.calendar.WorkingHours;

/** The SLAs as an admin writes them: parsed, validated field by field, and which policy and calendar apply. */
class SlaDocumentTest {

    static final SlaDocument.Policy HOT = new SlaDocument.Policy("1h", "PT8H", "30m", "2h");

    static SlaDocument.Valid valid(SlaDocument doc) {
        SlaDocument.Parsed parsed = doc.parse();
        assertThat(parsed).isInstanceOf(SlaDocument.Valid.class);
        return (SlaDocument.Valid) parsed;
    }

    static List<FieldError> errors(SlaDocument doc) {
        SlaDocument.Parsed parsed = doc.parse();
        assertThat(parsed).isInstanceOf(SlaDocument.Invalid.class);
        return ((SlaDocument.Invalid) parsed).errors();
    }

    @Test
    void shouldReadShortAndIsoDurationsAsBusinessTime() {
        SlaSettings settings = valid(new SlaDocument(null, Map.of("hot", HOT), Map.of(), "Europe/Berlin",
                List.of("2026-12-25"))).settings();
        assertThat(settings.rules().get("hot")).isEqualTo(new SlaPolicy(Duration.ofHours(1), Duration.ofHours(8),
                Duration.ofMinutes(30), Duration.ofHours(2)));
        assertThat(settings.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(settings.holidays()).containsExactly(LocalDate.parse("2026-12-25"));
        assertThat(settings.defaultPolicy()).isNull();
    }

    @Test
    void shouldStoreTheNormalisedForm() {
        SlaDocument stored = valid(new SlaDocument(new SlaDocument.Policy("PT90M", "PT16H", null, null), Map.of(),
                Map.of("inbound", HOT), "Europe/Berlin", List.of("2026-12-26", " 2026-12-25"))).normalised();
        assertThat(stored.defaultPolicy()).isEqualTo(new SlaDocument.Policy("90m", "16h", null, null));
        assertThat(stored.queues().get("inbound")).isEqualTo(new SlaDocument.Policy("1h", "8h", "30m", "2h"));
        assertThat(stored.holidays()).containsExactly("2026-12-25", "2026-12-26");
        assertThat(valid(stored).normalised()).isEqualTo(stored);
    }

    @Test
    void shouldNameEveryOffendingField() {
        List<FieldError> errors = errors(new SlaDocument(new SlaDocument.Policy(null, "2d", "10s", "1h"),
                Map.of("hot", new SlaDocument.Policy("1h", "8h", "2h", "1h")), Map.of("inbound",
                        new SlaDocument.Policy("soon", "8h", null, null)), "Mars/Olympus", List.of("2026-02-30")));
        assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder(
                "defaultPolicy.nextTouch", "defaultPolicy.escalateAfter", "rules.hot.reassignAfter",
                "queues.inbound.firstTouch", "timeZone", "holidays[0]");
        assertThat(errors).filteredOn(e -> e.field().equals("defaultPolicy.nextTouch")).singleElement()
                .extracting(FieldError::message).asString().contains("days are not accepted", "8h");
        assertThat(errors).filteredOn(e -> e.field().equals("rules.hot.reassignAfter")).singleElement()
                .extracting(FieldError::message).isEqualTo("must be after escalateAfter");
    }

    @Test
    void shouldRequireATargetForFirstTouchWhenAPolicyIsGiven() {
        assertThat(errors(new SlaDocument(new SlaDocument.Policy(null, "8h", null, null), null, null, "UTC", null)))
                .extracting(FieldError::field).containsExactly("defaultPolicy.firstTouch");
    }

    @Test
    void shouldRequireATimeZone() {
        assertThat(errors(new SlaDocument(null, null, null, " ", null))).extracting(FieldError::field)
                .containsExactly("timeZone");
    }

    @Test
    void shouldApplyTheQueuesPolicyToAClaimTheRulesToARoutedLeadAndTheDefaultToTheRest() {
        SlaPolicy fallback = new SlaPolicy(Duration.ofHours(4), Duration.ofHours(16), null, null);
        SlaSettings settings = valid(new SlaDocument(new SlaDocument.Policy("4h", "16h", null, null),
                Map.of("hot", HOT), Map.of("inbound", HOT), "UTC", List.of())).settings();
        assertThat(settings.policyFor("hot", "team:dach")).get()
                .isEqualTo(new SlaSettings.Applied(settings.rules().get("hot"), "rule:hot"));
        assertThat(settings.policyFor("to-inbound", "queue:inbound")).get()
                .extracting(SlaSettings.Applied::source).isEqualTo("queue:inbound");
        assertThat(settings.policyFor("cold", "all-reps")).get()
                .isEqualTo(new SlaSettings.Applied(fallback, "default"));
        assertThat(settings.policyFor(null, "rep:rep1")).get().extracting(SlaSettings.Applied::source)
                .isEqualTo("default");
        // a queue without its own policy counts by the default, not by the rule that queued it
        assertThat(settings.policyFor("hot", "queue:other")).get().extracting(SlaSettings.Applied::source)
                .isEqualTo("default");
    }

    @Test
    void shouldApplyNoPolicyWithoutADefault() {
        SlaSettings settings = valid(new SlaDocument(null, Map.of("hot", HOT), Map.of(), "UTC", null)).settings();
        assertThat(settings.policyFor("cold", "all-reps")).isEmpty();
    }

    @Test
    void shouldCountOfficeHoursInTheSettingsZoneForARepWithoutHoursLessHolidaysAndAbsences() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        SlaSettings settings = valid(new SlaDocument(null, null, null, "Europe/Berlin",
                List.of("2026-01-06"))).settings();
        BusinessCalendar calendar = settings.calendarFor(null, List.of(new OutOfOffice(LocalDate.parse("2026-01-07"),
                LocalDate.parse("2026-01-08"))));
        Instant mondayFour = LocalDateTime.parse("2026-01-05T16:00").atZone(berlin).toInstant();
        // Monday 16:00 + 2 h: one hour on Monday; Tuesday a holiday, Wednesday and Thursday away; Friday 10:00
        assertThat(calendar.plus(mondayFour, Duration.ofHours(2)))
                .isEqualTo(LocalDateTime.parse("2026-01-09T10:00").atZone(berlin).toInstant());
        // a rep with hours of their own counts in them (New York), with the same holiday
        ZoneId newYork = ZoneId.of("America/New_York");
        BusinessCalendar theirs = settings.calendarFor(WorkingHours.officeHours(newYork), List.of());
        assertThat(theirs.zone()).isEqualTo(newYork);
        assertThat(theirs.isOpen(LocalDateTime.parse("2026-01-06T10:00").atZone(newYork).toInstant())).isFalse();
        assertThat(theirs.isOpen(LocalDateTime.parse("2026-01-07T10:00").atZone(newYork).toInstant())).isTrue();
    }

    @Test
    void shouldShipADefaultThatRemindsAndEscalatesButNeverReassigns() {
        SlaSettings builtIn = valid(SlaDocument.builtIn()).settings();
        assertThat(builtIn.defaultPolicy()).isEqualTo(new SlaPolicy(Duration.ofHours(4), Duration.ofHours(16),
                Duration.ofHours(4), null));
    }
}
