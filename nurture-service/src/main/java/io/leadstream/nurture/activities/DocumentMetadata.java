package io.leadstream.nurture.activities;

/** A document's metadata: the file itself is never uploaded, stored or carried. */
public record DocumentMetadata(String fileName, String mediaType, Long sizeBytes, String sha256) {
}
