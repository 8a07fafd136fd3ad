package dev.fanout.notification.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.TemplateLocator.TemplateLocation;
import io.quarkus.qute.Variant;

/**
 * A Qute engine outside Quarkus for unit tests of the templates: the same files from the classpath, HTML-escaping
 * in {@code .html} templates as Quarkus does, values read by reflection.
 */
public final class QuteEngines {

    private QuteEngines() {
    }

    public static Engine standalone() {
        return Engine.builder().addDefaults().addValueResolver(new ReflectionValueResolver())
                .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
                .removeStandaloneLines(true)
                .addLocator(QuteEngines::locate).build();
    }

    private static Optional<TemplateLocation> locate(String id) {
        InputStream in = QuteEngines.class.getClassLoader().getResourceAsStream("templates/" + id);
        if (in == null) {
            return Optional.empty();
        }
        String content;
        try (in) {
            content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String type = id.endsWith(".html") ? Variant.TEXT_HTML : Variant.TEXT_PLAIN;
        return Optional.of(new TemplateLocation() {
            @Override
            public Reader read() {
                return new StringReader(content);
            }

            @Override
            public Optional<Variant> getVariant() {
                return Optional.of(new Variant(java.util.Locale.ROOT, StandardCharsets.UTF_8, type));
            }
        });
    }
}
