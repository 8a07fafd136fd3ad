package dev.fanout.kit.problem;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Request bodies larger than {@code fanout.http.max-body-size} get a 413 problem, like every other error: refused
 * from the Content-Length before anything is read, or, for chunked bodies, as soon as reading crosses the limit.
 * ({@code quarkus.http.limits.max-body-size} stays a larger, last-resort cap of the HTTP layer.)
 */
@Provider
@ApplicationScoped
public class BodyLimit implements ReaderInterceptor {

    private final long maxBytes;
    private final ObjectMapper json;

    public BodyLimit(@ConfigProperty(name = "fanout.http.max-body-size", defaultValue = "64K") MemorySize max,
            ObjectMapper json) {
        this.maxBytes = max.asLongValue();
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::checkDeclaredLength);
    }

    private void checkDeclaredLength(RoutingContext ctx) {
        String declared = ctx.request().getHeader("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > maxBytes) {
                    ctx.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                            .putHeader("Connection", "close").end(json.writeValueAsString(tooLarge()));
                    return;
                }
            } catch (NumberFormatException | JsonProcessingException e) {
                // a malformed Content-Length is the HTTP layer's to reject
            }
        }
        ctx.next();
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        LimitedInputStream limited = new LimitedInputStream(context.getInputStream(), maxBytes);
        context.setInputStream(limited);
        try {
            return context.proceed();
        } catch (IOException | RuntimeException e) {
            if (limited.exceeded) {
                throw new ProblemException(tooLarge());
            }
            throw e;
        }
    }

    private Problem tooLarge() {
        return Problem.of(413, "body-too-large", "Request body too large",
                "the body may be at most " + maxBytes / 1024 + " KiB");
    }

    private static final class LimitedInputStream extends FilterInputStream {

        private final long limit;
        private long count;
        private boolean exceeded;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            count += n;
            if (count > limit) {
                exceeded = true;
                throw new IOException("request body over " + limit + " bytes");
            }
        }
    }
}
