package dev.fanout.billing.gateway;

import io.smallrye.mutiny.Uni;

/**
 * The port to a payment provider. Billing depends on this, never on an adapter; {@link SimulatedGateway} is the
 * adapter this blueprint ships (a real provider's adapter would implement the same contract).
 *
 * <p>The contract every adapter keeps:
 * <ul>
 * <li>{@link #authorize} is idempotent on {@link AuthorizationRequest#idempotencyKey()}: the same key returns the
 * first answer (the same authorization id, or the same decline), so a caller that crashed after the call and asks
 * again is never charged twice. The same key with a different customer, amount or currency is refused
 * ({@link GatewayRequestRefusedException}).</li>
 * <li>{@link #voidAuthorization} is idempotent: voiding a voided authorization succeeds again.</li>
 * <li>A failure that may pass on another try (timeout, provider unavailable) is a {@link GatewayTimeoutException}
 * (transient: the consumer pipeline retries it); a request the provider will never accept is a
 * {@link GatewayRequestRefusedException} (permanent: dead-lettered).</li>
 * </ul>
 */
public interface PaymentGateway {

    /** Holds {@code request.amount()} on the customer's payment method, or says why not. */
    Uni<AuthorizationResult> authorize(AuthorizationRequest request);

    /** Releases a hold this gateway granted. */
    Uni<Void> voidAuthorization(String authorizationId);
}
