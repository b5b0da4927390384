package io.leadstream.nurture.messages;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.leadstream.nurture.templates.Channel;

/**
 * One message to a lead (table {@code message}): what it said (kept here only, deleted on erasure), through which
 * channel and for which purpose, and how it went. The address is never stored: it is read from capture at send time.
 */
@Entity
@Table(name = "message")
public class Message extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID leadId;
    @Enumerated(EnumType.STRING)
    public Channel channel;
    public String purpose;
    public String templateKey;
    public String language;
    public String subject;
    public String body;
    @Enumerated(EnumType.STRING)
    public MessageStatus status;
    public String error;
    public String providerMessageId;
    public String sentBy;
    public UUID sequenceId;
    public UUID activityId;
    public String idempotencyScope;
    public String idempotencyKey;
    public String requestHash;
    public Instant createdAt;
    public Instant sentAt;
}
