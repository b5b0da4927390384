package io.leadstream.nurture.stages;

import java.util.UUID;

/**
 * A move of a lead's stage as asked: the target stage's name ({@code to}, checked here so that an unknown one is a
 * 400 naming the field), a reason code (null: none) and a free-text note (null: none) that stays in nurture.
 */
public record MoveStage(UUID leadId, String to, String reason, String note) {
}
