package io.leadstream.capture.dedup;

import java.util.List;
import java.util.UUID;

/** A lead's suspected duplicates with the reasons, and the merges into it (without the merged data). */
public record Duplicates(UUID leadId, List<Suspect> suspects, List<MergeRecord> merges) {

    /**
     * Another lead that looks like the same person: how (EMAIL, PHONE, NAME_AND_COMPANY), the names' similarity for
     * NAME_AND_COMPANY, and why in words.
     */
    public record Suspect(UUID leadId, List<MatchedOn> matchedOn, Double similarity, String detail) {
    }
}
