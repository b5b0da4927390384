package io.leadstream.nurture.activities;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;

/**
 * What a logged activity may hold, per kind (a pure function, unit-tested): calls have a direction, and may have a
 * duration and an outcome; emails, WhatsApp messages and SMS a direction and optionally a subject and a text (an
 * inbound one may answer a message nurture sent); meetings a duration and an outcome; notes a text; documents their
 * metadata (file name, media type, size, SHA-256). Every string and number is bounded; a field that does not belong to
 * the kind is refused rather than silently dropped. {@code occurredAt} defaults to now and may not be more than a
 * minute ahead of it.
 */
public final class ActivityRules {

    public static final int MAX_DURATION_SECONDS = 24 * 60 * 60;
    public static final int MAX_OUTCOME = 40;
    public static final int MAX_SUBJECT = 300;
    public static final int MAX_TEXT = 10_000;
    public static final int MAX_FILE_NAME = 255;
    public static final int MAX_MEDIA_TYPE = 127;
    /** 10 GiB: larger than any document a rep attaches. */
    public static final long MAX_SIZE_BYTES = 10L * 1024 * 1024 * 1024;
    public static final Duration MAX_AHEAD = Duration.ofMinutes(1);
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    static final Pattern SLUG = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
    static final Pattern MEDIA_TYPE = Pattern.compile("^[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*$");
    static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");

    /** A checked activity, ready to be stored. */
    public record Checked(ActivityKind kind, Direction direction, Integer durationSeconds, String outcome,
            String subject, String text, DocumentMetadata document, Instant occurredAt, UUID replyToMessageId) {
    }

    private ActivityRules() {
    }

    /** The activity as it will be stored; a 400 problem listing every offending field otherwise. */
    public static Checked check(LogActivity request, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        ActivityKind kind = parse(ActivityKind.class, request.kind(), "kind", errors);
        Direction direction = request.direction() == null ? null
                : parse(Direction.class, request.direction(), "direction", errors);
        if (kind != null) {
            checkDirection(kind, request, errors);
            checkDurationAndOutcome(kind, request, errors);
            checkSubjectAndText(kind, request, errors);
            checkDocument(kind, request.document(), errors);
            if (request.replyToMessageId() != null && !(kind.isMessage() && direction == Direction.INBOUND)) {
                errors.add(new FieldError("replyToMessageId", "only an inbound email, WhatsApp message or SMS "
                        + "answers a message"));
            }
        }
        Instant occurredAt = request.occurredAt() == null ? now : request.occurredAt();
        if (occurredAt.isAfter(now.plus(MAX_AHEAD))) {
            errors.add(new FieldError("occurredAt", "must not be in the future (more than a minute ahead)"));
        } else if (occurredAt.isBefore(EARLIEST)) {
            errors.add(new FieldError("occurredAt", "must not be before " + EARLIEST));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("validation",
                    errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid", errors);
        }
        DocumentMetadata document = request.document() == null ? null
                : new DocumentMetadata(request.document().fileName(), request.document().mediaType().toLowerCase(Locale.ROOT),
                        request.document().sizeBytes(), request.document().sha256().toLowerCase(Locale.ROOT));
        return new Checked(kind, direction, request.durationSeconds(), request.outcome(), request.subject(),
                request.text(), document, occurredAt.truncatedTo(ChronoUnit.MICROS), request.replyToMessageId());
    }

    private static void checkDirection(ActivityKind kind, LogActivity request, List<FieldError> errors) {
        if (kind.hasDirection() && request.direction() == null) {
            errors.add(new FieldError("direction", "is required for a " + kind + ": INBOUND or OUTBOUND"));
        } else if (!kind.hasDirection() && request.direction() != null) {
            errors.add(new FieldError("direction", notFor(kind)));
        }
    }

    private static void checkDurationAndOutcome(ActivityKind kind, LogActivity request, List<FieldError> errors) {
        Integer duration = request.durationSeconds();
        String outcome = request.outcome();
        if (!kind.hasDurationAndOutcome()) {
            if (duration != null) {
                errors.add(new FieldError("durationSeconds", notFor(kind)));
            }
            if (outcome != null) {
                errors.add(new FieldError("outcome", notFor(kind)));
            }
            return;
        }
        if (duration != null && (duration < 0 || duration > MAX_DURATION_SECONDS)) {
            errors.add(new FieldError("durationSeconds", "must be between 0 and " + MAX_DURATION_SECONDS));
        }
        if (outcome != null && (outcome.length() > MAX_OUTCOME || !SLUG.matcher(outcome).matches())) {
            errors.add(new FieldError("outcome", "must be a slug of at most " + MAX_OUTCOME
                    + " characters: lower-case letters and digits joined by hyphens (answered, no-answer, held)"));
        }
    }

    private static void checkSubjectAndText(ActivityKind kind, LogActivity request, List<FieldError> errors) {
        String subject = request.subject();
        String text = request.text();
        if (subject != null) {
            if (!kind.isMessage()) {
                errors.add(new FieldError("subject", notFor(kind)));
            } else if (subject.isBlank() || subject.length() > MAX_SUBJECT) {
                errors.add(new FieldError("subject", "must be 1 to " + MAX_SUBJECT + " characters, not blank"));
            }
        }
        if (kind == ActivityKind.NOTE && text == null) {
            errors.add(new FieldError("text", "is required for a NOTE"));
        } else if (text != null) {
            if (!kind.isMessage() && kind != ActivityKind.NOTE) {
                errors.add(new FieldError("text", notFor(kind)));
            } else if (text.isBlank() || text.length() > MAX_TEXT) {
                errors.add(new FieldError("text", "must be 1 to " + MAX_TEXT + " characters, not blank"));
            }
        }
    }

    private static void checkDocument(ActivityKind kind, DocumentMetadata document, List<FieldError> errors) {
        if (kind != ActivityKind.DOCUMENT) {
            if (document != null) {
                errors.add(new FieldError("document", notFor(kind)));
            }
            return;
        }
        if (document == null) {
            errors.add(new FieldError("document", "is required for a DOCUMENT: fileName, mediaType, sizeBytes, sha256"));
            return;
        }
        String fileName = document.fileName();
        if (fileName == null || fileName.isBlank() || fileName.length() > MAX_FILE_NAME
                || fileName.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("document.fileName", "must be 1 to " + MAX_FILE_NAME
                    + " characters without control characters"));
        }
        String mediaType = document.mediaType();
        if (mediaType == null || mediaType.length() > MAX_MEDIA_TYPE
                || !MEDIA_TYPE.matcher(mediaType.toLowerCase(Locale.ROOT)).matches()) {
            errors.add(new FieldError("document.mediaType", "must be a media type such as application/pdf, at most "
                    + MAX_MEDIA_TYPE + " characters"));
        }
        Long size = document.sizeBytes();
        if (size == null || size < 0 || size > MAX_SIZE_BYTES) {
            errors.add(new FieldError("document.sizeBytes", "must be between 0 and " + MAX_SIZE_BYTES));
        }
        String sha256 = document.sha256();
        if (sha256 == null || !SHA256.matcher(sha256.toLowerCase(Locale.ROOT)).matches()) {
            errors.add(new FieldError("document.sha256", "must be the file's SHA-256: 64 hexadecimal digits"));
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field, List<FieldError> errors) {
        List<String> names = java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
        if (value == null) {
            errors.add(new FieldError(field, "is required: one of " + String.join(", ", names)));
            return null;
        }
        if (!names.contains(value)) {
            errors.add(new FieldError(field, "must be one of " + String.join(", ", names)));
            return null;
        }
        return Enum.valueOf(type, value);
    }

    private static String notFor(ActivityKind kind) {
        return "does not apply to a " + kind;
    }
}
