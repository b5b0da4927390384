package io.leadstream.distribution.sla;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The SLAs in force (table {@code sla_settings}, one row; none: {@link SlaDocument#builtIn()}). */
@Entity
@Table(name = "sla_settings")
public class SlaConfig extends PanacheEntityBase {

    /** The only row's id. */
    public static final int ONLY = 1;

    @Id
    public Integer id;
    @JdbcTypeCode(SqlTypes.JSON)
    public SlaDocument document;
    public String updatedBy;
    public Instant updatedAt;
}
