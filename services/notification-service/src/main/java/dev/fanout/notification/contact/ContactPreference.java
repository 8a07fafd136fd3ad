package dev.fanout.notification.contact;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A customer's stored preferences (table {@code contact_preference}); absent: the defaults of ContactPolicy. */
@Entity
@Table(name = "contact_preference")
public class ContactPreference extends PanacheEntityBase {

    @Id
    @Column(name = "customer_id")
    public String customerId;

    public String email;

    public String phone;

    @Column(name = "email_opt_out")
    public boolean emailOptOut;

    @Column(name = "sms_opt_out")
    public boolean smsOptOut;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public Contact contact() {
        return new Contact(email, phone, emailOptOut, smsOptOut);
    }
}
