package dev.fanout.notification.support;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * SMTP to GreenMail with the dispatcher switched off: the test drives claim, send and recovery itself, and stops
 * where a crash would.
 */
public class CrashWindowProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(GreenMailServer.class));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("fanout.notifications.dispatch.enabled", "false",
                "fanout.notifications.dispatch.max-attempts", "3");
    }
}
