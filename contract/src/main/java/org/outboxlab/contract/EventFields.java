package org.outboxlab.contract;

/**
 * The names of an event's fields, alike in its JSON envelope (the message body) and in the message
 * properties the broker and the consumers act on.
 */
public final class EventFields {

    public static final String EVENT_ID = "eventId";
    public static final String EVENT_TYPE = "eventType";
    public static final String AGGREGATE_TYPE = "aggregateType";
    public static final String AGGREGATE_ID = "aggregateId";
    public static final String SEQUENCE = "sequence";
    public static final String SCHEMA_VERSION = "schemaVersion";
    public static final String OCCURRED_AT = "occurredAt";
    public static final String WRITE_MODE = "writeMode";
    public static final String TRACE_PARENT = "traceparent";

    /**
     * The epoch of the lease under which the relay published the event (a message property only,
     * not in the envelope): it grows with every change of the partition's owner, so a message with
     * a lower epoch than one already seen for its partition came from a node that had lost its
     * lease. Absent on a message its write path sent itself (XA, NAIVE).
     */
    public static final String PARTITION_EPOCH = "partitionEpoch";

    /** The envelope's business content (JSON object); not a message property. */
    public static final String PAYLOAD = "payload";

    private EventFields() {}
}
