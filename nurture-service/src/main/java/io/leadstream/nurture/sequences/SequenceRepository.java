package io.leadstream.nurture.sequences;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.nurture.stages.Stage;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** The queries of {@code drip_sequence}; run in the caller's session. */
@ApplicationScoped
public class SequenceRepository implements PanacheRepositoryBase<DripSequence, UUID> {

    /** Every sequence, by name (an installation has a handful). */
    public Uni<List<DripSequence>> all() {
        return listAll(Sort.by("name"));
    }

    /** Whether a sequence is already called {@code name} (names are unique without regard to case). */
    public Uni<Boolean> nameTaken(String name) {
        return count("lower(name) = lower(?1)", name).map(n -> n > 0);
    }

    /** The sequences that enrol a lead entering {@code stage}. */
    public Uni<List<DripSequence>> enrollingOn(Stage stage) {
        return list("enrolOnStage", stage);
    }

    /** The sequences that enrol a lead when scoring qualifies it. */
    public Uni<List<DripSequence>> enrollingOnQualified() {
        return list("enrolOnQualified", true);
    }
}
