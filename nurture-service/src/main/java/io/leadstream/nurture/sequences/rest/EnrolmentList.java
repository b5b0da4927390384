package io.leadstream.nurture.sequences.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "EnrolmentList", description = "The lead's enrolments, newest first (at most 100)")
public record EnrolmentList(List<EnrolmentView> items) {
}
