package dev.fanout.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.fanout.events.EventType;
import dev.fanout.events.EventTypes;
import dev.fanout.kit.json.EventReflection;
import io.quarkus.runtime.annotations.RegisterForReflection;

class EventReflectionTest {

    @Test
    void everyEventRecordAndTheRecordsInsideItAreRegisteredForNativeImages() {
        Set<Class<?>> registered = Set.of(EventReflection.class.getAnnotation(RegisterForReflection.class).targets());
        Set<Class<?>> needed = new HashSet<>();
        for (EventType<?> type : EventTypes.ALL) {
            collect(type.payloadClass(), needed);
        }

        assertThat(registered).containsAll(needed);
    }

    private static void collect(Class<?> type, Set<Class<?>> into) {
        if (!type.isRecord() || !into.add(type)) {
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            collect(component.getType(), into);
            Type generic = component.getGenericType();
            if (generic instanceof ParameterizedType parameterized) {
                for (Type argument : parameterized.getActualTypeArguments()) {
                    if (argument instanceof Class<?> c) {
                        collect(c, into);
                    }
                }
            }
        }
    }
}
