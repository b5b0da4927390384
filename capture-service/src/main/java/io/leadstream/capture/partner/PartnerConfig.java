package io.leadstream.capture.partner;

import java.util.Map;

import io.smallrye.config.ConfigMapping;

/**
 * {@code leadstream.capture.partner.*}: the partner API ({@code /api/partner/leads}).
 * <pre>
 * leadstream.capture.partner.quota.default=120/1m    # every partner without a quota of its own
 * leadstream.capture.partner.quota."acme"=600/1m     # per partner_id
 * </pre>
 */
@ConfigMapping(prefix = "leadstream.capture.partner")
public interface PartnerConfig {

    /** Requests per window, {@code <permits>/<window>} (window as {@code 30s}, {@code 1m}, {@code 1h}, {@code PT1M}): the key
     * {@code default}, and one per partner_id. */
    Map<String, String> quota();
}
