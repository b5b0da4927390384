package io.leadstream.nurture.sequences;

import java.util.List;

/**
 * A sequence as a manager asks for it, before {@link SequenceRules} checked it: a name, the consent purpose (null: the
 * messaging default), the stage that enrols a lead by itself (null: none), whether scoring's qualification does,
 * the stages that stop an enrolment (null: the default), and the steps.
 */
public record NewSequence(String name, String purpose, String enrolOnStage, Boolean enrolOnQualified,
        List<String> stopOnStages, List<NewStep> steps) {

    /** One step as asked: the delay in business days after the step before, the channel and the template key. */
    public record NewStep(Integer delayBusinessDays, String channel, String templateKey) {
    }
}
