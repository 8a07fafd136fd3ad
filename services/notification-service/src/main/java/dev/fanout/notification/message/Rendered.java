package dev.fanout.notification.message;

/** One message ready to send: subject (email only, else null), plain text, HTML (email only, else null). */
public record Rendered(String subject, String text, String html) {
}
