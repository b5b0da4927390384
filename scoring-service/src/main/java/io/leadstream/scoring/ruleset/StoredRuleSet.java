package io.leadstream.scoring.ruleset;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.leadstream.scoring.engine.RuleSet;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A rule set an admin stored (versions 2 and up; version 1 is the built-in default). */
@Entity
@Table(name = "scoring_rules")
public class StoredRuleSet extends PanacheEntityBase {

    @Id
    public Integer version;
    @JdbcTypeCode(SqlTypes.JSON)
    public RuleSet rules;
    public String createdBy;
    public Instant createdAt;
}
