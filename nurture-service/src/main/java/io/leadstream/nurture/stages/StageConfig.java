package io.leadstream.nurture.stages;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code leadstream.nurture.stages.*}: the reason codes a stage move may carry (see {@link StageMachine}). */
@ConfigMapping(prefix = "leadstream.nurture.stages")
public interface StageConfig {

    /** Why a lead is UNQUALIFIED: a move there needs one of these. */
    @WithDefault("no-budget,no-need,no-authority,wrong-timing,competitor,unreachable,duplicate,spam")
    List<String> unqualifiedReasons();

    /**
     * Why a lead skips ahead, steps back, becomes a customer early or is reopened (those moves need one); an optional
     * reason given for any other move is one of these too.
     */
    @WithDefault("inbound-request,referral,existing-relationship,fast-track,contract-signed,stalled,"
            + "wrong-timing,re-engaged,new-need,correction")
    List<String> moveReasons();
}
