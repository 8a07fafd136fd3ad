package dev.fanout.analytics.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.fanout.analytics.aggregate.AggregateUpdate;
import dev.fanout.analytics.aggregate.LatencyBuckets;
import dev.fanout.analytics.aggregate.RedisOp;

/** How an event's steps travel to the Lua script; the script itself runs against Redis in ApplyScriptRedisTest. */
class ApplyScriptTest {

    @Test
    void keysGoOnceIntoKeysAndStepsReferToThemByIndex() {
        AggregateUpdate update = new AggregateUpdate(List.of(
                RedisOp.once("p:order:1", "placed", 2),
                RedisOp.hincr("p:totals", "placed", 1),
                RedisOp.zincr("p:top-skus", "BOOK-0001", 3),
                RedisOp.settle("p:order:1", "p:revenue"),
                RedisOp.expire("p:order:1", 60)), Instant.ofEpochMilli(1234));

        ApplyScript.Invocation invocation = ApplyScript.invocation("p:seen:e", "p:meta", "root:generations", 7, 3600,
                update, 99);

        assertThat(invocation.keys()).containsExactly("p:seen:e", "p:meta", "root:generations", "p:order:1",
                "p:totals", "p:top-skus", "p:revenue");
        assertThat(invocation.args()).containsExactly("3600", "7", "1234", "99",
                "ONCE", "4", "placed", "2",
                "HINCR", "5", "placed", "1",
                "ZINCR", "6", "BOOK-0001", "3",
                "SETTLE", "4", "7",
                "EXPIRE", "4", "60");
    }

    @Test
    void anEventWithoutBusinessTimeSendsAnEmptyOne() {
        ApplyScript.Invocation invocation = ApplyScript.invocation("s", "m", "r", 1, 10,
                new AggregateUpdate(List.of(), null), 5);
        assertThat(invocation.args()).containsExactly("10", "1", "", "5");
    }

    @Test
    void theScriptCarriesTheJavaBucketBoundsAndIsIdentifiedByItsSha1() {
        ApplyScript script = new ApplyScript();
        assertThat(script.text()).startsWith("local BOUNDS = { 0, 1, 2, 3,");
        assertThat(script.text()).contains(", " + LatencyBuckets.lower(LatencyBuckets.count() - 1) + " }\n");
        assertThat(script.text()).doesNotContain("%CURRENCY%", "%BUCKET%");
        assertThat(script.sha()).hasSize(40).isEqualTo(new ApplyScript().sha());
        assertThat(new ApplyScript("another").sha()).isNotEqualTo(script.sha());
    }
}
