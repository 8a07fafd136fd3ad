package dev.fanout.notification.message;

import jakarta.enterprise.context.ApplicationScoped;

import dev.fanout.notification.delivery.Channel;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;

/**
 * Renders the message for one step and channel from the Qute templates in {@code src/main/resources/templates}:
 * <ul>
 * <li>{@code <step>/subject.txt}: email subject, made one line of at most 150 characters;</li>
 * <li>{@code <step>/email.txt} and {@code <step>/email.html}: the email's plain-text and HTML bodies (every value
 * HTML-escaped by Qute in the {@code .html} one);</li>
 * <li>{@code <step>/sms.txt}: the SMS, at most 459 characters (three concatenated GSM segments).</li>
 * </ul>
 */
@ApplicationScoped
public class MessageRenderer {

    public static final int MAX_SUBJECT = 150;
    public static final int MAX_SMS = 459;

    private final Engine engine;

    public MessageRenderer(Engine engine) {
        this.engine = engine;
    }

    public Rendered render(Step step, Channel channel, MessageModel model) {
        return switch (channel) {
            case EMAIL -> new Rendered(SafeText.oneLine(render(step, "subject.txt", model), MAX_SUBJECT),
                    render(step, "email.txt", model).strip() + "\n", render(step, "email.html", model).strip() + "\n");
            case SMS -> new Rendered(null, SafeText.oneLine(render(step, "sms.txt", model), MAX_SMS), null);
        };
    }

    private String render(Step step, String file, MessageModel model) {
        String id = step.templateFolder() + "/" + file;
        Template template = engine.getTemplate(id);
        if (template == null) {
            throw new IllegalStateException("no template " + id + " in src/main/resources/templates");
        }
        return template.data("m", model).render();
    }
}
