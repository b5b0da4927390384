package io.leadstream.chassis.metrics;

import java.time.Duration;
import java.util.stream.Stream;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Latency buckets for every service's HTTP server timer ({@code http.server.requests}), so that Prometheus can compute
 * a p99 by endpoint ({@code histogram_quantile} over {@code http_server_requests_seconds_bucket}) and sum it over the
 * replicas, which the timer's own count, sum and max cannot give. A dozen fixed bounds, from 5 ms to 10 s, rather than
 * Micrometer's percentile histogram (about 70 buckets per method, endpoint and status).
 */
public class HttpLatencyBuckets {

    /** The HTTP server timer of Quarkus' Micrometer binder. */
    static final String HTTP_SERVER_REQUESTS = "http.server.requests";

    /** The buckets' upper bounds, in nanoseconds (a timer's unit in Micrometer). */
    static final double[] BOUNDS = Stream.of(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000)
            .mapToDouble(ms -> Duration.ofMillis(ms).toNanos()).toArray();

    @Produces
    @Singleton
    MeterFilter httpLatencyBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals(HTTP_SERVER_REQUESTS)) {
                    return config;
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(BOUNDS).build().merge(config);
            }
        };
    }
}
