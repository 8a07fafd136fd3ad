package dev.fanout.events;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON form of every event body. Tolerant reader: unknown fields are ignored, so producers can add fields
 * within a version without breaking anyone. Money is written as plain decimals, times as ISO-8601 UTC.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private EventJson() {
    }

    public static String encode(Object event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + event.getClass().getName(), e);
        }
    }

    public static <T> T decode(byte[] body, Class<T> type) {
        if (body == null || body.length == 0) {
            throw new EventDecodingException("empty body, expected " + type.getSimpleName(), null);
        }
        try {
            return MAPPER.readValue(body, type);
        } catch (IOException | RuntimeException e) {
            throw new EventDecodingException("not a valid " + type.getSimpleName() + ": " + rootMessage(e), e);
        }
    }

    public static <T> T decode(String body, Class<T> type) {
        return decode(body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8), type);
    }

    /** For tests and tools that compare JSON structurally. */
    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        // Jackson appends source excerpts; the first line is the useful part
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
