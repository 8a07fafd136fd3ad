package dev.fanout.testing;

import java.util.Map;

import dev.fanout.devstack.ProjectLayout;
import dev.fanout.devstack.Stack;
import dev.fanout.devstack.StackProfile;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The startup stack (Kafka 29092, database fanout_startup, Redis db 5) for the services' {@code *StartupIT}, the
 * training runs of the opt-in JDK 25 AOT cache ({@code -Paot}, docs/startup.md): started unless it runs already
 * (then it is left as found), and the packaged app pointed at it. Never the test stack, so an AOT build can run
 * while {@code ./fanout test} does.
 */
public final class StartupStack implements QuarkusTestResourceLifecycleManager {

    private Stack stack;
    private boolean owned;

    @Override
    public Map<String, String> start() {
        stack = new Stack(ProjectLayout.find(), StackProfile.STARTUP);
        owned = !stack.broker().isRunning();
        stack.infraUp(false, System.out);
        return FanoutTestInfra.config(stack.profile());
    }

    @Override
    public void stop() {
        if (owned) {
            stack.down(System.out);
        }
    }
}
