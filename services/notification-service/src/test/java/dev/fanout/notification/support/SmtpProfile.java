package dev.fanout.notification.support;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Email through the SMTP adapter to a GreenMail server of the test's own; everything else from the test stack. */
public class SmtpProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(GreenMailServer.class));
    }
}
