package dev.fanout.devstack;

import java.util.List;

/** A service of the platform as the local stack runs it: a packaged Quarkus app on its own port. */
public record ServiceApp(String name, int portOffset, String summary) {

    /** Every service, in start order. A new service adds one line here. */
    public static final List<ServiceApp> ALL = List.of(
            new ServiceApp("order-service", 0, "POST /orders, GET /orders/{id}, GET /customers/{id}/orders"),
            new ServiceApp("billing-service", 1, "GET /payments/{orderId}"),
            new ServiceApp("fulfilment-service", 2, "GET /stock, GET /stock/{sku}, GET /reservations/{orderId}"),
            new ServiceApp("notification-service", 3, "GET /notifications?orderId="),
            new ServiceApp("analytics-service", 4, "GET /analytics/summary, GET /audit/orders/{id}"));

    public int port(StackProfile profile) {
        return profile.firstServicePort() + portOffset;
    }

    public String url(StackProfile profile) {
        return "http://" + StackProfile.HOST + ":" + port(profile);
    }

    public static ServiceApp named(String name) {
        return ALL.stream().filter(s -> s.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown service '" + name + "'; known: "
                        + ALL.stream().map(ServiceApp::name).toList()));
    }
}
