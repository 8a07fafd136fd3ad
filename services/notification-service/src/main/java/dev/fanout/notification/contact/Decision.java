package dev.fanout.notification.contact;

/** Whether one channel is used for a customer, and where to, or why not. */
public sealed interface Decision permits Decision.Send, Decision.Skip {

    /** Send to {@code recipient} (an email address or an E.164 phone number). */
    record Send(String recipient) implements Decision {
    }

    /** Do not send; {@code reason} is recorded on the delivery. */
    record Skip(String reason) implements Decision {
    }
}
