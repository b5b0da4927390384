package io.leadstream.systemtests;

import java.util.List;
import java.util.Map;
import java.util.Set;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Hostile input (S7) against scoring-service: every operation of docs/api/scoring-service.yaml (see
 * {@link HostileInput}) answers generated input without a 5xx, as the document says, errors as problem+json.
 */
class ScoringHostileInputTest {

    static final Map<String, String> EXCLUDED = Map.of(
            // no body or parameter to be hostile with, and they start work an unknown id cannot stop (RoleTableTest)
            "POST /api/scoring/model/train", "starts training; ScoringTest",
            "POST /api/scoring/model/promote", "promotes the trained model; ScoringTest");

    static final List<HostileInput.Operation> OPERATIONS = HostileInput.operations("scoring", EXCLUDED,
            // the rules in force score every lead of the other system tests
            Set.of("PUT /api/scoring/rules"));

    @Property
    void shouldAnswerHostileInputWithoutAServerErrorAndAsDocumented(@ForAll("calls") HostileInput.Call call) {
        HostileInput.check(call);
    }

    @Provide
    Arbitrary<HostileInput.Call> calls() {
        return HostileInput.calls(Suite.SCORING, OPERATIONS, Map.of());
    }
}
