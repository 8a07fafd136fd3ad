package dev.fanout.kit.json;

import dev.fanout.kit.problem.Problem;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What native images must keep that Quarkus cannot find by itself: problem bodies written through
 * {@code Response.entity} and by the body-limit route, and the MSK IAM SASL classes Kafka loads by name from its
 * configuration (they are also initialised at run time: see src-native/native-build.properties).
 */
@RegisterForReflection(targets = { Problem.class, Problem.FieldError.class }, classNames = {
        "software.amazon.msk.auth.iam.IAMLoginModule",
        "software.amazon.msk.auth.iam.IAMClientCallbackHandler",
        "software.amazon.msk.auth.iam.internals.IAMSaslClient$ClassLoaderAwareIAMSaslClientFactory",
        "software.amazon.msk.auth.iam.internals.IAMSaslClient$IAMSaslClientFactory",
        "software.amazon.msk.auth.iam.internals.AuthenticationResponse" })
public final class NativeRegistrations {

    private NativeRegistrations() {
    }
}
