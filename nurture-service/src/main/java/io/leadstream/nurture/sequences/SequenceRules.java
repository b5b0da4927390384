package io.leadstream.nurture.sequences;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;
import io.leadstream.nurture.messages.MessageRules;
import io.leadstream.nurture.messages.SendMessage;
import io.leadstream.nurture.stages.Stage;

/**
 * What a sequence must be (a pure function): a name of 1 to {@value #MAX_NAME} characters; 1 to {@value #MAX_STEPS}
 * steps, each a delay of 0 to {@value #MAX_DELAY} business days and a template through a channel (checked as a
 * templated message is); a purpose as a message's; stages by name. A lead enrolled by a stage must not be stopped by
 * it. Every problem is a 400 naming the field ({@code steps[1].channel}).
 */
public final class SequenceRules {

    public static final int MAX_NAME = 120;
    public static final int MAX_STEPS = 20;
    public static final int MAX_DELAY = 365;
    /** The stages that end an enrolment when none are given (less the stage that enrols). */
    public static final List<Stage> DEFAULT_STOP = List.of(Stage.QUALIFIED, Stage.NEGOTIATION, Stage.CUSTOMER,
            Stage.UNQUALIFIED, Stage.INACTIVE);

    /** A sequence that passed. */
    public record Checked(String name, String purpose, Stage enrolOnStage, boolean enrolOnQualified,
            Set<Stage> stopOnStages, List<Step> steps) {
    }

    private SequenceRules() {
    }

    public static Checked check(NewSequence s, String defaultPurpose) {
        List<FieldError> errors = new ArrayList<>();
        String name = s.name() == null ? "" : s.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            errors.add(new FieldError("name", "required, 1 to " + MAX_NAME + " characters"));
        }
        Stage enrolOn = s.enrolOnStage() == null || s.enrolOnStage().isBlank() ? null
                : stage(s.enrolOnStage(), "enrolOnStage", errors);
        Set<Stage> stops = new LinkedHashSet<>();
        if (s.stopOnStages() == null) {
            DEFAULT_STOP.stream().filter(st -> st != enrolOn).forEach(stops::add);
        } else {
            for (int i = 0; i < s.stopOnStages().size(); i++) {
                Stage st = stage(s.stopOnStages().get(i), "stopOnStages[" + i + "]", errors);
                if (st != null) {
                    stops.add(st);
                }
            }
            if (enrolOn != null && stops.contains(enrolOn)) {
                errors.add(new FieldError("stopOnStages", "must not hold " + enrolOn + ", the stage that enrols"));
            }
        }
        String purpose = defaultPurpose;
        List<Step> steps = new ArrayList<>();
        if (s.steps() == null || s.steps().isEmpty() || s.steps().size() > MAX_STEPS) {
            errors.add(new FieldError("steps", "required, 1 to " + MAX_STEPS + " steps"));
        } else {
            for (int i = 0; i < s.steps().size(); i++) {
                NewSequence.NewStep step = s.steps().get(i);
                String at = "steps[" + i + "]";
                if (step == null) {
                    errors.add(new FieldError(at, "required"));
                    continue;
                }
                if (step.delayBusinessDays() == null || step.delayBusinessDays() < 0
                        || step.delayBusinessDays() > MAX_DELAY) {
                    errors.add(new FieldError(at + ".delayBusinessDays", "required, 0 to " + MAX_DELAY
                            + " business days after the step before (the enrolment, for the first)"));
                }
                if (step.templateKey() == null || step.templateKey().isBlank()) {
                    errors.add(new FieldError(at + ".templateKey", "required: a step sends a template"));
                    continue;
                }
                try {
                    MessageRules.Checked message = MessageRules.check(new SendMessage(step.channel(), s.purpose(),
                            step.templateKey(), null, null, null), defaultPurpose);
                    purpose = message.purpose();
                    if (step.delayBusinessDays() != null) {
                        steps.add(new Step(step.delayBusinessDays(), message.channel(), message.templateKey()));
                    }
                } catch (ProblemException e) {
                    for (FieldError error : e.problem().errors()) {
                        String field = "purpose".equals(error.field()) ? "purpose" : at + "." + error.field();
                        if (errors.stream().noneMatch(f -> f.field().equals(field))) {
                            errors.add(new FieldError(field, error.message()));
                        }
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("invalid-sequence", "the sequence cannot be created as asked", errors);
        }
        return new Checked(name, purpose, enrolOn, Boolean.TRUE.equals(s.enrolOnQualified()), Set.copyOf(stops),
                List.copyOf(steps));
    }

    private static Stage stage(String name, String field, List<FieldError> errors) {
        try {
            return Stage.valueOf(name.strip());
        } catch (IllegalArgumentException | NullPointerException e) {
            errors.add(new FieldError(field, "must be one of " + Arrays.stream(Stage.values()).map(Stage::name)
                    .collect(Collectors.joining(", "))));
            return null;
        }
    }
}
