package io.leadstream.distribution.rules;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.leadstream.distribution.routing.RuleBook;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A rule book an admin stored (versions 2 and up; version 1 is the built-in default). */
@Entity
@Table(name = "assignment_rules")
public class StoredRuleBook extends PanacheEntityBase {

    @Id
    public Integer version;
    @JdbcTypeCode(SqlTypes.JSON)
    public RuleBook rules;
    public String createdBy;
    public Instant createdAt;
}
