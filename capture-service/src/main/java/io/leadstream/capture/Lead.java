package io.leadstream.capture;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.leadstream.chassis.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** A lead with its contact data. Personal data lives here and nowhere else in Leadstream. */
@Entity
@Table(name = "lead")
public class Lead extends PanacheEntityBase {

    @Id
    public UUID id;
    public String firstName;
    public String lastName;
    public String email;
    public String phone;
    public String company;
    public String country;
    public String source;
    /** the partner tenant that submitted it (token claim partner_id), or null */
    public String partnerId;
    /** the web form it was posted to, or null */
    public String formKey;
    public Instant createdAt;
    public Instant updatedAt;
    /**
     * The lead this one was merged into by a manager (then it is no longer searched or matched), or null. Written
     * only by the merge's own SQL, never by Hibernate, so an update of the lead can never reset it.
     */
    @Column(insertable = false, updatable = false)
    public UUID mergedInto;
    @Column(insertable = false, updatable = false)
    public Instant mergedAt;

    /** The lead, or a 404 problem when there is none with this id. */
    public static Uni<Lead> findExisting(UUID id) {
        return Lead.<Lead>findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("lead", id));
    }
}
