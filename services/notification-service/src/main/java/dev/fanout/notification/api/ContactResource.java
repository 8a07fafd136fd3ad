package dev.fanout.notification.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.fanout.kit.outbox.OutboxSettings;
import dev.fanout.kit.problem.Problem;
import dev.fanout.kit.problem.Problem.FieldError;
import dev.fanout.kit.problem.ProblemException;
import dev.fanout.notification.NotificationSettings;
import dev.fanout.notification.contact.Contact;
import dev.fanout.notification.contact.ContactPolicy;
import dev.fanout.notification.contact.ContactPreference;
import dev.fanout.notification.contact.ContactRules;
import dev.fanout.notification.contact.Decision;
import dev.fanout.notification.delivery.Channel;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@Path("/customers/{customerId}/contact")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "contact preferences")
public class ContactResource {

    private final ContactPolicy policy;
    private final Pool pool;
    private final String table;

    public ContactResource(NotificationSettings settings, Pool pool, OutboxSettings outbox) {
        this.policy = new ContactPolicy(settings.defaultEmailDomain());
        this.pool = pool;
        this.table = outbox.schema() + ".contact_preference";
    }

    @GET
    @Operation(summary = "A customer's contact preferences", description = "What is stored, and where email and SMS "
            + "go now. A customer with nothing stored gets email at the default address and no SMS "
            + "(source: default).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ContactView.class)))
    @APIResponse(responseCode = "400", description = "Not a well-formed customer id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ContactView> get(@PathParam("customerId") String customerId) {
        String id = customerId(customerId);
        return Panache.withSession(() -> ContactPreference.<ContactPreference>findById(id))
                .map(stored -> view(id, stored));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a customer's contact preferences", description = "email (optional: the default "
            + "address when absent), phone (E.164, optional: no SMS when absent), emailOptOut, smsOptOut. Applies to "
            + "events received from now on.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ContactView.class)))
    @APIResponse(responseCode = "400", description = "Not a well-formed customer id, no body, malformed JSON, "
            + "unknown fields",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Not JSON",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "An email address or phone number that is not one",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ContactView> put(@PathParam("customerId") String customerId, ContactRequest request) {
        String id = customerId(customerId);
        if (request == null) {
            throw ProblemException.badRequest("a JSON body is required: {\"email\": ..., \"phone\": ..., "
                    + "\"emailOptOut\": false, \"smsOptOut\": false}");
        }
        Contact contact = new Contact(blankToNull(request.email()), blankToNull(request.phone()),
                Boolean.TRUE.equals(request.emailOptOut()), Boolean.TRUE.equals(request.smsOptOut()));
        List<FieldError> errors = ContactRules.check(contact);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("the contact preferences are not valid", errors);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        // one statement: two concurrent first PUTs for a customer cannot collide
        return pool.preparedQuery("INSERT INTO " + table + " (customer_id, email, phone, email_opt_out, sms_opt_out, "
                + "updated_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (customer_id) DO UPDATE SET "
                + "email = excluded.email, phone = excluded.phone, email_opt_out = excluded.email_opt_out, "
                + "sms_opt_out = excluded.sms_opt_out, updated_at = excluded.updated_at")
                .execute(Tuple.from(new Object[] { id, contact.email(), contact.phone(), contact.emailOptOut(),
                        contact.smsOptOut(), now.atOffset(ZoneOffset.UTC) }))
                .map(ignored -> {
                    ContactPreference stored = new ContactPreference();
                    stored.customerId = id;
                    stored.email = contact.email();
                    stored.phone = contact.phone();
                    stored.emailOptOut = contact.emailOptOut();
                    stored.smsOptOut = contact.smsOptOut();
                    stored.updatedAt = now;
                    return view(id, stored);
                });
    }

    private ContactView view(String customerId, ContactPreference stored) {
        Optional<Contact> contact = Optional.ofNullable(stored).map(ContactPreference::contact);
        String emailTo = policy.decide(Channel.EMAIL, customerId, contact) instanceof Decision.Send send
                ? send.recipient() : null;
        String smsTo = policy.decide(Channel.SMS, customerId, contact) instanceof Decision.Send send
                ? send.recipient() : null;
        if (stored == null) {
            return new ContactView(customerId, "default", null, null, false, false, emailTo, smsTo, null);
        }
        return new ContactView(customerId, "stored", stored.email, stored.phone, stored.emailOptOut,
                stored.smsOptOut, emailTo, smsTo, stored.updatedAt);
    }

    static String customerId(String value) {
        if (!ContactRules.isCustomerId(value)) {
            throw ProblemException.badRequest("a customer id is 1 to " + ContactRules.MAX_CUSTOMER_ID + " letters, "
                    + "digits and . _ : - (starting with a letter or digit), such as cust-1001; got '"
                    + (value.length() > 64 ? value.substring(0, 64) + "..." : value) + "'");
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
