package dev.fanout.kit.metrics;

import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Every metric of a service carries {@code service=<name>}: one dashboard query covers all services. HTTP latency
 * is published as a histogram.
 */
@Singleton
public class CommonTags {

    @Produces
    @Singleton
    MeterFilter serviceTag(@ConfigProperty(name = "quarkus.application.name") String service) {
        return MeterFilter.commonTags(java.util.List.of(Tag.of("service", service)));
    }

    /** HTTP latency as a histogram too, so dashboards and alerts can compute p95/p99 across instances. */
    @Produces
    @Singleton
    MeterFilter httpHistogram() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getName().equals("http.server.requests")) {
                    return DistributionStatisticConfig.builder().percentilesHistogram(true)
                            .maximumExpectedValue((double) java.time.Duration.ofSeconds(10).toNanos())
                            .build().merge(config);
                }
                return config;
            }
        };
    }
}
