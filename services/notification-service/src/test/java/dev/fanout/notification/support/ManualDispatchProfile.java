package dev.fanout.notification.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The recording sender on both channels, the dispatcher off: the test runs dispatch rounds itself. */
public class ManualDispatchProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("fanout.notifications.dispatch.enabled", "false");
    }
}
