package org.outboxlab.consume;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.io.Serializable;
import java.util.Objects;

/** Identifies one order as seen by one consumer. */
@Embeddable
public class ProgressKey implements Serializable {

    @Column(name = "consumer", length = 20)
    private String consumer;

    @Column(name = "order_id", length = 36)
    private String orderId;

    protected ProgressKey() {}

    public ProgressKey(String consumer, String orderId) {
        this.consumer = consumer;
        this.orderId = orderId;
    }

    public String getConsumer() {
        return consumer;
    }

    public String getOrderId() {
        return orderId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProgressKey k
                && k.consumer.equals(consumer)
                && k.orderId.equals(orderId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(consumer, orderId);
    }
}
