package dev.fanout.billing.gateway;

import java.util.Objects;

/** The gateway's answer to an authorization: approved with an authorization id, or declined with a code. */
public sealed interface AuthorizationResult {

    /** The amount is held; {@code authorizationId} identifies the hold (to void it). */
    record Approved(String authorizationId) implements AuthorizationResult {

        public Approved {
            Objects.requireNonNull(authorizationId, "authorizationId");
        }
    }

    /**
     * Refused. {@code code} is machine-readable ({@link #CARD_DECLINED}, {@link #LIMIT_EXCEEDED}, or whatever a
     * provider answers), {@code message} is for humans.
     */
    record Declined(String code, String message) implements AuthorizationResult {

        public static final String CARD_DECLINED = "CARD_DECLINED";
        public static final String LIMIT_EXCEEDED = "LIMIT_EXCEEDED";

        public Declined {
            Objects.requireNonNull(code, "code");
        }
    }
}
