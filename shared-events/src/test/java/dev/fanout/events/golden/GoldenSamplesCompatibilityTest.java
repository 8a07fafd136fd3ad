package dev.fanout.events.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.fanout.events.EventJson;
import dev.fanout.events.EventType;
import dev.fanout.events.EventTypes;
import dev.fanout.events.golden.GoldenSamples.Sample;

/** Today's code reads every event body any released producer ever wrote. */
class GoldenSamplesCompatibilityTest {

    private static final ObjectMapper JSON = EventJson.mapper();

    static Stream<Sample> samples() {
        return GoldenSamples.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void todaysCodeDecodesEverySample(Sample sample) {
        Object event = EventJson.decode(sample.bytes(), sample.eventType().payloadClass());

        assertThat(event).isInstanceOf(sample.eventType().payloadClass());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void decodingLosesNoFieldTodaysCodeKnows(Sample sample) throws IOException {
        Object event = EventJson.decode(sample.bytes(), sample.eventType().payloadClass());
        JsonNode original = JSON.readTree(sample.json());
        JsonNode reencoded = JSON.readTree(EventJson.encode(event));

        assertSubset(original, reencoded, "$", sample.tolerantReader());
    }

    @Test
    void everyEventTypeHasAGoldenSample() {
        for (EventType<?> type : EventTypes.ALL) {
            assertThat(GoldenSamples.of(type)).as("golden samples of %s", type.type()).isNotEmpty();
        }
    }

    @Test
    void theIndexListsExactlyTheSampleFiles() throws IOException {
        Path root = Path.of("src/test/resources/golden");
        try (Stream<Path> files = Files.walk(root)) {
            var onDisk = files.filter(p -> p.toString().endsWith(".json"))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
            assertThat(GoldenSamples.index()).containsExactlyInAnyOrderElementsOf(onDisk);
        }
    }

    /**
     * Every field of the sample survives decode + encode with the same value. A tolerant-reader sample may carry
     * fields today's code does not know; those are allowed to disappear, all others are not.
     */
    private static void assertSubset(JsonNode expected, JsonNode actual, String path, boolean tolerateUnknown) {
        if (expected.isObject()) {
            assertThat(actual.isObject()).as(path).isTrue();
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode other = actual.get(field.getKey());
                if (other == null && tolerateUnknown) {
                    continue;
                }
                assertThat(other).as("%s.%s survives decoding", path, field.getKey()).isNotNull();
                assertSubset(field.getValue(), other, path + "." + field.getKey(), tolerateUnknown);
            }
        } else if (expected.isArray()) {
            assertThat(actual.size()).as(path).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertSubset(expected.get(i), actual.get(i), path + "[" + i + "]", tolerateUnknown);
            }
        } else if (expected.isNumber()) {
            assertThat(actual.decimalValue()).as(path).isEqualByComparingTo(expected.decimalValue());
        } else if (expected.isTextual() && path.endsWith("At")) {
            assertThat(java.time.Instant.parse(actual.asText())).as(path)
                    .isEqualTo(java.time.Instant.parse(expected.asText()));
        } else {
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }
}
