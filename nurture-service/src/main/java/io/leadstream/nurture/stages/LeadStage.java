package io.leadstream.nurture.stages;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** Where a lead stands in the pipeline, since when, and which rep works it. */
@Entity
@Table(name = "lead_stage")
public class LeadStage extends PanacheEntityBase {

    @Id
    public UUID leadId;
    @Enumerated(EnumType.STRING)
    public Stage stage;
    /** The rep's Keycloak username, as distribution assigned it. */
    public String owner;
    public Instant stageSince;
    public Instant updatedAt;
}
