package dev.fanout.notification.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.fanout.notification.delivery.Channel;

class ContactPolicyTest {

    private final ContactPolicy policy = new ContactPolicy("customers.fanout.example");

    @Test
    void withoutStoredPreferencesEmailGoesToTheDefaultAddressAndNoSms() {
        assertThat(policy.decide(Channel.EMAIL, "cust-1001", Optional.empty()))
                .isEqualTo(new Decision.Send("cust-1001@customers.fanout.example"));
        assertThat(policy.decide(Channel.SMS, "cust-1001", Optional.empty()))
                .isEqualTo(new Decision.Skip(ContactPolicy.NO_PHONE));
    }

    @Test
    void storedAddressAndPhoneAreUsedUnlessOptedOut() {
        Contact both = new Contact("ada@example.com", "+447700900123", false, false);
        assertThat(policy.decide(Channel.EMAIL, "c", Optional.of(both))).isEqualTo(new Decision.Send("ada@example.com"));
        assertThat(policy.decide(Channel.SMS, "c", Optional.of(both))).isEqualTo(new Decision.Send("+447700900123"));

        Contact emailOut = new Contact("ada@example.com", "+447700900123", true, false);
        assertThat(policy.decide(Channel.EMAIL, "c", Optional.of(emailOut)))
                .isEqualTo(new Decision.Skip(ContactPolicy.OPTED_OUT_EMAIL));
        assertThat(policy.decide(Channel.SMS, "c", Optional.of(emailOut))).isInstanceOf(Decision.Send.class);

        Contact smsOut = new Contact(null, "+447700900123", false, true);
        assertThat(policy.decide(Channel.SMS, "c", Optional.of(smsOut)))
                .isEqualTo(new Decision.Skip(ContactPolicy.OPTED_OUT_SMS));
        // no stored address: the default one
        assertThat(policy.decide(Channel.EMAIL, "c-9", Optional.of(smsOut)))
                .isEqualTo(new Decision.Send("c-9@customers.fanout.example"));
    }

    @Test
    void smsNeedsAPhoneNumberAndOptOutWinsOverIt() {
        assertThat(policy.decide(Channel.SMS, "c", Optional.of(new Contact("a@b.example", null, false, false))))
                .isEqualTo(new Decision.Skip(ContactPolicy.NO_PHONE));
        assertThat(policy.decide(Channel.SMS, "c", Optional.of(new Contact(null, null, false, true))))
                .isEqualTo(new Decision.Skip(ContactPolicy.OPTED_OUT_SMS));
        assertThat(policy.decide(Channel.EMAIL, "c", Optional.of(new Contact(null, null, true, true))))
                .isEqualTo(new Decision.Skip(ContactPolicy.OPTED_OUT_EMAIL));
    }

    @Test
    void theDefaultAddressIsAValidAddressForEveryCustomerId() {
        assertThat(policy.defaultAddress("Cust-1001")).isEqualTo("cust-1001@customers.fanout.example");
        assertThat(policy.defaultAddress("tenant:42")).isEqualTo("tenant-42@customers.fanout.example");
        assertThat(policy.defaultAddress("a..b.")).isEqualTo("a.b@customers.fanout.example");
        assertThat(policy.defaultAddress("c".repeat(64))).isEqualTo("c".repeat(64) + "@customers.fanout.example");
        String longId = "c".repeat(70);
        String address = policy.defaultAddress(longId);
        assertThat(address.substring(0, address.indexOf('@'))).hasSize(64).startsWith("c".repeat(55) + "-");
        assertThat(policy.defaultAddress(longId)).isNotEqualTo(policy.defaultAddress("c".repeat(69) + "d"));
        for (String id : new String[] { "Cust-1001", "tenant:42", "a..b.", longId, "x_y.z" }) {
            assertThat(ContactRules.check(new Contact(policy.defaultAddress(id), null, false, false))).as(id)
                    .isEmpty();
        }
    }

    @Test
    void wellFormedContactsPassAndOthersSayWhichField() {
        assertThat(ContactRules.check(new Contact("ada.lovelace+orders@mail.example.co.uk", "+447700900123", false,
                false))).isEmpty();
        assertThat(ContactRules.check(new Contact(null, null, true, true))).isEmpty();
        assertThat(ContactRules.check(new Contact("not-an-address", "07700 900123", false, false)))
                .extracting(e -> e.field()).containsExactly("email", "phone");
        assertThat(ContactRules.check(new Contact("a@b.example\r\nBcc: x@y.example", null, false, false)))
                .extracting(e -> e.field()).containsExactly("email");
        assertThat(ContactRules.check(new Contact("<a@b.example>", "+0123456789", false, false))).hasSize(2);
        assertThat(ContactRules.check(new Contact("a".repeat(250) + "@b.example", null, false, false)))
                .extracting(e -> e.message()).containsExactly("must be at most 254 characters");
        assertThat(ContactRules.isCustomerId("cust-1001")).isTrue();
        assertThat(ContactRules.isCustomerId("tenant:42.x_y")).isTrue();
        assertThat(ContactRules.isCustomerId("")).isFalse();
        assertThat(ContactRules.isCustomerId("-leading")).isFalse();
        assertThat(ContactRules.isCustomerId("has space")).isFalse();
        assertThat(ContactRules.isCustomerId("c".repeat(65))).isFalse();
        assertThat(ContactRules.isCustomerId(null)).isFalse();
    }
}
