package io.leadstream.capture.channels;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * {@code leadstream.capture.google-ads.*}: the key entered with the webhook URL in the Google Ads lead form; Google
 * sends it back as {@code google_key} in every lead. Unset (the default), every delivery is refused with 403.
 */
@ConfigMapping(prefix = "leadstream.capture.google-ads")
public interface GoogleAdsConfig {

    Optional<String> key();
}
