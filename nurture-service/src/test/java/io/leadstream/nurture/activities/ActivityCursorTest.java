package io.leadstream.nurture.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.problem.ProblemException;

class ActivityCursorTest {

    @Test
    void shouldReadBackTheCursorItHandedOut() {
        ActivityCursor cursor = new ActivityCursor(Instant.parse("2026-12-01T09:00:00.123456Z"), UUID.randomUUID());
        assertThat(ActivityCursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThat(ActivityCursor.decode(null)).isNull();
    }

    @Test
    void shouldRefuseACursorItDidNotHandOutNamingTheParameter() {
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> ActivityCursor.decode("nonsense"));
        assertThat(e.problem().status()).isEqualTo(400);
        assertThat(e.problem().errors()).extracting(f -> f.field()).containsExactly("cursor");
    }

    @Test
    void shouldScopeIdempotencyKeysToTheCallerAndRefuseMalformedOnes() {
        assertThat(IdempotencyKey.parse("rep1", null)).isNull();
        assertThat(IdempotencyKey.parse("rep1", "k-1")).isNotEqualTo(IdempotencyKey.parse("rep2", "k-1"));
        for (String bad : new String[] { "", "has space", "x".repeat(256), "ключ" }) {
            ProblemException e = catchThrowableOfType(ProblemException.class, () -> IdempotencyKey.parse("rep1", bad));
            assertThat(e.problem().errors()).extracting(f -> f.field()).containsExactly("Idempotency-Key");
        }
    }
}
