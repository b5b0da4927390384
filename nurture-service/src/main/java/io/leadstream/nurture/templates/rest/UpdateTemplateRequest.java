package io.leadstream.nurture.templates.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.nurture.templates.TemplateRules;
import io.leadstream.nurture.templates.TemplateService;

/** A template's new text; its key, channel and language stay as they are. */
@Schema(name = "UpdateTemplateRequest")
public record UpdateTemplateRequest(
        @Schema(required = true, maxLength = TemplateRules.MAX_NAME) String name,
        @Schema(maxLength = TemplateRules.MAX_SUBJECT, description = "EMAIL only, required there") String subject,
        @Schema(required = true, description = "Qute, as for a new template") String body) {

    TemplateService.Change toChange() {
        return new TemplateService.Change(name, subject, body);
    }
}
