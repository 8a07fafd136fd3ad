package dev.fanout.system.faults;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.fanout.system.RunningPlatform;

/** The five services on the fault suite's own infrastructure, with SQL over that infrastructure's database. */
final class SuitePlatform implements AutoCloseable {

    private final RunningPlatform platform;
    private final PrivateInfrastructure infra;

    private SuitePlatform(RunningPlatform platform, PrivateInfrastructure infra) {
        this.platform = platform;
        this.infra = infra;
    }

    static SuitePlatform start(PrivateInfrastructure infra) {
        return new SuitePlatform(RunningPlatform.start(infra.environment(), "order-service",
                "billing-service:2", "fulfilment-service", "notification-service", "analytics-service"), infra);
    }

    String url(String service) {
        return platform.url(service);
    }

    /** The services as the suite runs them (billing twice: its first instance answers for it here). */
    static final List<String> SERVICES = List.of("order-service", "billing-service", "fulfilment-service",
            "notification-service", "analytics-service");

    /** {@code GET /q/health/ready} of a service's first instance: the status code and the body. */
    Readiness readiness(String service) {
        var response = io.restassured.RestAssured.given().baseUri(url(service)).get("/q/health/ready");
        return new Readiness(response.statusCode(), response.asString());
    }

    record Readiness(int status, String body) {

        boolean ready() {
            return status == 200;
        }

        /** Ready, but serving some reads the slow way (order-service without its Redis cache). */
        boolean degraded() {
            return ready() && body.replace(" ", "").contains("\"mode\":\"degraded\"");
        }
    }

    void kill(String service, int instance) {
        platform.kill(service, instance);
    }

    void restart(String service, int instance, Map<String, String> extraEnvironment) {
        platform.restart(service, instance, extraEnvironment);
    }

    List<Map<String, Object>> query(String sql, Object... parameters) {
        return RunningPlatform.query(infra.jdbcUrl(), sql, parameters);
    }

    /** Each order's status. */
    Map<String, String> statuses(Set<String> orderIds) {
        return query("SELECT id::text AS id, status FROM orders.customer_order WHERE id::text = ANY(?)",
                List.copyOf(orderIds)).stream()
                .collect(Collectors.toMap(r -> (String) r.get("id"), r -> (String) r.get("status")));
    }

    Map<String, Long> statusCounts(Set<String> orderIds) {
        return statuses(orderIds).values().stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
    }

    @Override
    public void close() {
        platform.close();
    }
}
