package io.leadstream.distribution.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.leadstream.distribution.routing.RoundRobin.Choice;

class RoundRobinTest {

    private static String next(List<String> active, String last) {
        return RoundRobin.next(active, last).map(Choice::repId).orElse(null);
    }

    @Test
    void shouldStartWithTheFirstRepByIdWhenNobodyWasAssignedYet() {
        assertThat(next(List.of("rep1", "rep2", "rep3"), null)).isEqualTo("rep1");
    }

    @Test
    void shouldGiveTheLeadToTheRepAfterTheLastOneAssigned() {
        assertThat(next(List.of("rep1", "rep2", "rep3"), "rep1")).isEqualTo("rep2");
        assertThat(next(List.of("rep1", "rep2", "rep3"), "rep2")).isEqualTo("rep3");
    }

    @Test
    void shouldWrapAroundAfterTheLastRep() {
        assertThat(next(List.of("rep1", "rep2", "rep3"), "rep3")).isEqualTo("rep1");
    }

    @Test
    void shouldSkipARepWhoIsNotActiveAnyMore() {
        // rep2 was deactivated: the rotation goes on from its place
        assertThat(next(List.of("rep1", "rep3"), "rep1")).isEqualTo("rep3");
        assertThat(next(List.of("rep1", "rep3"), "rep2")).isEqualTo("rep3");
        // the last rep assigned was deactivated and sorted last: wrap around
        assertThat(next(List.of("rep1", "rep2"), "rep3")).isEqualTo("rep1");
    }

    @Test
    void shouldChooseNobodyWithoutActiveReps() {
        assertThat(RoundRobin.next(List.of(), "rep1")).isEmpty();
        assertThat(RoundRobin.next(List.of(), null)).isEmpty();
    }

    @Test
    void shouldOrderTheRotationByRepIdWhateverTheInputOrder() {
        assertThat(next(List.of("rep3", "rep1", "rep2"), "rep1")).isEqualTo("rep2");
        // byte-wise, as PostgreSQL's "C" collation: '-' < '.' < digits < '_' < letters
        assertThat(next(List.of("ann_b", "ann-b", "ann.b"), "ann-b")).isEqualTo("ann.b");
    }

    @Test
    void shouldExplainTheChoiceInWords() {
        assertThat(RoundRobin.next(List.of("rep1", "rep2", "rep3"), "rep1")).get().extracting(Choice::reason)
                .isEqualTo("round-robin among 3 eligible reps: rep2 follows rep1");
        assertThat(RoundRobin.next(List.of("rep1", "rep2"), "rep2")).get().extracting(Choice::reason)
                .isEqualTo("round-robin among 2 eligible reps: rep1 follows rep2 (wrapped around)");
        assertThat(RoundRobin.next(List.of("rep1", "rep2"), null)).get().extracting(Choice::reason)
                .isEqualTo("round-robin among 2 eligible reps: rep1 is first in the rotation");
        assertThat(RoundRobin.next(List.of("rep7"), "rep7")).get().extracting(Choice::reason)
                .isEqualTo("round-robin among 1 eligible rep: rep7 is the only one");
    }
}
