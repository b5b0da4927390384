package io.leadstream.nurture.templates.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.nurture.templates.TemplateService;

/** One page of templates, by key, channel and language. */
@Schema(name = "TemplatePage")
public record TemplatePage(List<TemplateView> items,
        @Schema(description = "pass as cursor to get the next page; null on the last page", nullable = true)
        String nextCursor) {

    public static TemplatePage of(TemplateService.Listing page) {
        return new TemplatePage(page.templates().stream().map(TemplateView::of).toList(),
                page.next() == null ? null : page.next().encode());
    }
}
