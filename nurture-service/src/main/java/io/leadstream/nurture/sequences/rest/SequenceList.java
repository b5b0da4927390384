package io.leadstream.nurture.sequences.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "SequenceList", description = "Every sequence, by name")
public record SequenceList(List<SequenceView> items) {
}
