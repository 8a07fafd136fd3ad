package dev.fanout.events;

/**
 * CloudEvents 1.0 in binary content mode over Kafka: the event attributes travel as {@code ce_*} record headers,
 * the record value is the event's JSON body and the record key is the aggregate id (the order id).
 *
 * <p>{@link #ID} is the event id every consumer deduplicates on; {@link #TYPE} selects the contract
 * (see {@link EventTypes}).
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String SPEC_VERSION = "ce_specversion";
    /** Binary mode maps {@code datacontenttype} to the plain {@code content-type} header. */
    public static final String CONTENT_TYPE = "content-type";

    private CloudEventHeaders() {
    }
}
