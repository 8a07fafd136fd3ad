package dev.fanout.kit.metrics;

import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;

/** Every metric of a service carries {@code service=<name>}: one dashboard query covers all services. */
@Singleton
public class CommonTags {

    @Produces
    @Singleton
    MeterFilter serviceTag(@ConfigProperty(name = "quarkus.application.name") String service) {
        return MeterFilter.commonTags(java.util.List.of(Tag.of("service", service)));
    }
}
