package io.leadstream.chassis.ratelimit;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

/**
 * {@code leadstream.quota.*}: the quota of each client holding a role, on every {@code /api/} operation of the service
 * ({@link CallerQuota}).
 * <pre>
 * leadstream.quota.integration=600/1m    # each integration client (the chassis default)
 * leadstream.quota.partner=120/1m        # each partner client (distribution; capture has its own partner quota)
 * </pre>
 */
@ConfigMapping(prefix = "leadstream.quota")
public interface QuotaConfig {

    /** Role → {@code <permits>/<window>} (window as {@code 30s}, {@code 1m}, {@code 1h}, {@code PT1M}), or {@code off}. */
    @WithParentName
    Map<String, String> quota();
}
