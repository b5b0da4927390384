package io.leadstream.systemtests;

import java.util.List;
import java.util.Map;
import java.util.Set;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Hostile input (S7) against nurture-service: every operation of docs/api/nurture-service.yaml (see
 * {@link HostileInput}) answers generated input without a 5xx, as the document says, errors as problem+json. Ids in
 * paths are random: no real lead, template, follow-up, enrolment or webhook is touched.
 */
class NurtureHostileInputTest {

    static final List<HostileInput.Operation> OPERATIONS = HostileInput.operations("nurture", Map.of(),
            // global: a sequence may enrol every lead entering a stage (SequenceTest, NurtureTest count enrolments
            // and messages); a template is found by key and language by the other tests' sequences; a webhook
            // would get every event of the suite, delivered to a made-up address
            Set.of("POST /api/sequences", "POST /api/templates", "POST /api/webhooks"));

    @Property
    void shouldAnswerHostileInputWithoutAServerErrorAndAsDocumented(@ForAll("calls") HostileInput.Call call) {
        HostileInput.check(call);
    }

    @Provide
    Arbitrary<HostileInput.Call> calls() {
        return HostileInput.calls(Suite.NURTURE, OPERATIONS, Map.of());
    }
}
