package dev.fanout.analytics.api;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;

import dev.fanout.analytics.AnalyticsSettings;
import dev.fanout.analytics.audit.AuditTrail;
import dev.fanout.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/** The audit trail of one order: every event any service published about it, in event time order. */
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final AuditTrail trail;
    private final int maxEvents;

    public AuditResource(AuditTrail trail, AnalyticsSettings settings) {
        this.trail = trail;
        this.maxEvents = Math.max(1, settings.auditMaxEvents());
    }

    @GET
    @Path("/orders/{id}")
    public Uni<AuditHistoryView> order(@RestPath String id) {
        UUID orderId = Params.uuid("id", id);
        return trail.history(orderId, maxEvents + 1).map(entries -> {
            if (entries.isEmpty()) {
                throw ProblemException.notFound("no event about order " + orderId + " is in the audit trail");
            }
            return AuditHistoryView.of(orderId, entries, maxEvents);
        });
    }
}
