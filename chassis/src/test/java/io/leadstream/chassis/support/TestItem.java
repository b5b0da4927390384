package io.leadstream.chassis.support;

import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "test_item")
public class TestItem extends PanacheEntityBase {
    @Id
    public UUID id;
    public String name;
}
