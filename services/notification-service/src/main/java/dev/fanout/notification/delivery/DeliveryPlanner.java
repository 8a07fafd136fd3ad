package dev.fanout.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.fanout.kit.consumer.PermanentEventException;
import dev.fanout.kit.outbox.Transactions;
import dev.fanout.notification.NotificationMetrics;
import dev.fanout.notification.NotificationMetrics.Result;
import dev.fanout.notification.NotificationSettings;
import dev.fanout.notification.contact.Contact;
import dev.fanout.notification.contact.ContactPolicy;
import dev.fanout.notification.contact.ContactPreference;
import dev.fanout.notification.contact.Decision;
import dev.fanout.notification.contact.Masking;
import dev.fanout.notification.message.MessageRenderer;
import dev.fanout.notification.message.Rendered;
import dev.fanout.notification.message.Step;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Turns an order event into deliveries, inside the consumer's transaction (so together with the inbox claim): one
 * row per channel, with a deterministic id, rendered and addressed now, sent later by the {@link Dispatcher} (never
 * by the Kafka consumer, which must not hold its partition while a mail server is slow).
 * <ul>
 * <li>The order is locked first (a transaction-scoped advisory lock on its id): the orders.v1 and shipments.v1
 * consumers never plan for the same order at the same time.</li>
 * <li>A step already planned for the order (another event id about it: a re-publication) plans nothing.</li>
 * <li>A shipment of an order whose customer is not known yet is planned WAITING; the next orders.v1 event of that
 * order resolves it.</li>
 * <li>Stale events (older than {@code max-event-age}) and steps the customer has already been told a later step of
 * are SKIPPED; so are channels the customer opted out of.</li>
 * <li>A step that contradicts one already notified (a shipment of a rejected order) is a permanent failure: the
 * event goes to the dead-letter topic.</li>
 * </ul>
 */
@ApplicationScoped
public class DeliveryPlanner {

    private static final Logger LOG = Logger.getLogger(DeliveryPlanner.class);
    static final String WAITING_DETAIL = "waiting for the order's customer: no orders.v1 event of this order yet";

    private final MessageRenderer renderer;
    private final ContactPolicy policy;
    private final Transactions transactions;
    private final Dispatcher dispatcher;
    private final NotificationMetrics metrics;
    private final Duration maxEventAge;

    public DeliveryPlanner(MessageRenderer renderer, Transactions transactions, Dispatcher dispatcher,
            NotificationMetrics metrics, NotificationSettings settings) {
        this.renderer = renderer;
        this.policy = new ContactPolicy(settings.defaultEmailDomain());
        this.transactions = transactions;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.maxEventAge = settings.maxEventAge();
    }

    /** Plans the notice's deliveries; must run inside the consumer's transaction. */
    public Uni<Void> plan(Notice notice) {
        return lockOrder(notice).chain(() -> Delivery.<Delivery>list("orderId = ?1 order by createdAt, id",
                notice.orderId())).chain(existing -> plan(notice, existing));
    }

    private Uni<Void> plan(Notice notice, List<Delivery> existing) {
        Set<Step> seen = existing.stream().map(d -> Step.byAbout(d.about)).flatMap(Optional::stream)
                .collect(Collectors.toSet());
        for (Step other : seen) {
            if (notice.step().contradicts(other)) {
                throw new PermanentEventException("order " + notice.orderId() + " was already notified as "
                        + other.name().toLowerCase() + ": a " + notice.step().name().toLowerCase()
                        + " event contradicts it");
            }
        }
        String customer = notice.customerId() != null ? notice.customerId()
                : existing.stream().map(d -> d.customerId).filter(c -> c != null).findFirst().orElse(null);
        if (notice.customerId() != null) {
            existing.stream().filter(d -> d.customerId != null && !d.customerId.equals(notice.customerId()))
                    .findFirst().ifPresent(d -> {
                        throw new PermanentEventException("order " + notice.orderId() + " belongs to customer "
                                + d.customerId + ", not " + notice.customerId());
                    });
        }
        Uni<Optional<Contact>> contact = customer == null ? Uni.createFrom().item(Optional.empty())
                : ContactPreference.<ContactPreference>findById(customer)
                        .map(p -> Optional.ofNullable(p).map(ContactPreference::contact));
        return contact.chain(stored -> {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            Map<Channel, Result> results = new EnumMap<>(Channel.class);
            List<Delivery> fresh = new ArrayList<>();
            boolean duplicate = seen.contains(notice.step());
            if (duplicate) {
                LOG.infof("order %s: %s already notified; event %s is a re-publication, nothing planned",
                        notice.orderId(), notice.step().about(), notice.aboutEventId());
                for (Channel channel : Channel.values()) {
                    results.put(channel, Result.DUPLICATE);
                }
            } else {
                String skip = skipReason(notice, seen, now);
                for (Channel channel : Channel.values()) {
                    Delivery delivery = newDelivery(notice, channel, now);
                    if (skip != null) {
                        delivery.status = DeliveryStatus.SKIPPED;
                        delivery.detail = skip;
                        delivery.customerId = customer;
                    } else if (customer == null) {
                        delivery.status = DeliveryStatus.WAITING;
                        delivery.detail = WAITING_DETAIL;
                    } else {
                        address(delivery, customer, stored, now);
                    }
                    results.put(channel, resultOf(delivery.status));
                    fresh.add(delivery);
                }
            }
            List<Delivery> resolved = new ArrayList<>();
            if (customer != null) {
                for (Delivery waiting : existing) {
                    if (waiting.status == DeliveryStatus.WAITING) {
                        if (DeliveryRules.stale(waiting.occurredAt, now, maxEventAge)) {
                            waiting.status = DeliveryRules.move(waiting.status, DeliveryStatus.SKIPPED);
                            waiting.customerId = customer;
                            waiting.updatedAt = now;
                            waiting.detail = "stale: the order's customer became known only after max-event-age "
                                    + maxEventAge;
                        } else {
                            address(waiting, customer, stored, now);
                        }
                        resolved.add(waiting);
                        LOG.infof("order %s: %s %s no longer waits: %s", notice.orderId(), waiting.about,
                                waiting.channel, waiting.status);
                    }
                }
            }
            transactions.afterCommit(() -> {
                results.forEach(metrics::count);
                resolved.forEach(d -> metrics.count(d.channel, resultOf(d.status)));
                dispatcher.wake();
                return Uni.createFrom().voidItem();
            });
            return fresh.isEmpty() ? Uni.createFrom().voidItem()
                    : Delivery.persist(fresh).replaceWithVoid();
        });
    }

    /** Why the notice's step is not worth a message at all, or null. */
    private String skipReason(Notice notice, Set<Step> seen, Instant now) {
        if (DeliveryRules.stale(notice.occurredAt(), now, maxEventAge)) {
            return "stale: the event is " + Duration.between(notice.occurredAt(), now).truncatedTo(ChronoUnit.SECONDS)
                    + " old, more than max-event-age " + maxEventAge;
        }
        return seen.stream().filter(notice.step()::supersededBy).findFirst()
                .map(later -> "superseded: the customer was already told the order was "
                        + later.name().toLowerCase())
                .orElse(null);
    }

    /** Decides the channel for the customer: PENDING to an address or number, or SKIPPED and why. */
    private void address(Delivery delivery, String customer, Optional<Contact> stored, Instant now) {
        delivery.customerId = customer;
        delivery.updatedAt = now;
        Decision decision = policy.decide(delivery.channel, customer, stored);
        if (decision instanceof Decision.Send send) {
            delivery.status = delivery.status == null ? DeliveryStatus.PENDING
                    : DeliveryRules.move(delivery.status, DeliveryStatus.PENDING);
            delivery.recipient = send.recipient();
            delivery.recipientMasked = Masking.mask(send.recipient());
            delivery.detail = null;
            delivery.nextAttemptAt = now;
        } else {
            delivery.status = delivery.status == null ? DeliveryStatus.SKIPPED
                    : DeliveryRules.move(delivery.status, DeliveryStatus.SKIPPED);
            delivery.detail = ((Decision.Skip) decision).reason();
        }
    }

    private Delivery newDelivery(Notice notice, Channel channel, Instant now) {
        Rendered rendered = renderer.render(notice.step(), channel, notice.model());
        Delivery delivery = new Delivery();
        delivery.id = DeliveryIds.of(notice.orderId(), notice.step().about(), channel);
        delivery.orderId = notice.orderId();
        delivery.about = notice.step().about();
        delivery.aboutEventId = notice.aboutEventId();
        delivery.channel = channel;
        delivery.subject = rendered.subject();
        delivery.body = rendered.text();
        delivery.htmlBody = rendered.html();
        delivery.occurredAt = notice.occurredAt() != null ? notice.occurredAt() : now;
        delivery.createdAt = now;
        delivery.updatedAt = now;
        return delivery;
    }

    private static Result resultOf(DeliveryStatus status) {
        return switch (status) {
            case PENDING -> Result.PLANNED;
            case WAITING -> Result.WAITING;
            case SKIPPED -> Result.SKIPPED;
            case SENT -> Result.SENT;
            case FAILED -> Result.FAILED;
        };
    }

    /** Serialises planning per order across both consumers and every instance, for this transaction. */
    private static Uni<Void> lockOrder(Notice notice) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(:key, 0))", Integer.class)
                .setParameter("key", "notification-order:" + notice.orderId())
                .getSingleResult())
                .replaceWithVoid();
    }
}
