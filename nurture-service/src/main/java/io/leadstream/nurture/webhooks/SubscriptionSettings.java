package io.leadstream.nurture.webhooks;

import java.util.List;

/**
 * What an admin asks for, as given (unchecked): on create, an absent secret is generated and an absent {@code active}
 * is true; on replace, an absent secret keeps the one there is and {@code active} pauses or resumes.
 */
public record SubscriptionSettings(String url, List<String> eventTypes, String filterSource, String filterProduct,
        String filterSegment, String secret, Boolean allowPrivateTargets, String description, Boolean active) {
}
