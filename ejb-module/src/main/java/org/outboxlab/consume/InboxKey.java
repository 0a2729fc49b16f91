package org.outboxlab.consume;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.io.Serializable;
import java.util.Objects;

/** Identifies one event as seen by one consumer. */
@Embeddable
public class InboxKey implements Serializable {

    @Column(name = "consumer", length = 20)
    private String consumer;

    @Column(name = "event_id", length = 36)
    private String eventId;

    protected InboxKey() {}

    public InboxKey(String consumer, String eventId) {
        this.consumer = consumer;
        this.eventId = eventId;
    }

    public String getConsumer() {
        return consumer;
    }

    public String getEventId() {
        return eventId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InboxKey k && k.consumer.equals(consumer) && k.eventId.equals(eventId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(consumer, eventId);
    }
}
