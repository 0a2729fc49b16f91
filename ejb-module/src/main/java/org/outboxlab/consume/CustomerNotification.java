package org.outboxlab.consume;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/** A message sent to the customer about an order event. */
@Entity
@Table(
        name = "customer_notification",
        indexes = {@Index(name = "ix_notification_order", columnList = "order_id")},
        // One effect per event, whatever else fails: the database refuses a second.
        uniqueConstraints =
                @UniqueConstraint(name = "uk_notification_event", columnNames = "event_id"))
public class CustomerNotification extends AppliedEffect {

    @Column(name = "recipient", nullable = false, length = 64)
    private String recipient;

    @Column(name = "text", nullable = false, length = 200)
    private String text;

    protected CustomerNotification() {}

    public CustomerNotification(ReceivedEvent event) {
        super(event);
        this.recipient = event.payload().getString("customerId", "unknown");
        this.text =
                "Your order "
                        + event.aggregateId()
                        + " is now "
                        + event.payload()
                                .getString("status", event.eventType())
                                .toLowerCase(java.util.Locale.ROOT);
    }

    public String getRecipient() {
        return recipient;
    }

    public String getText() {
        return text;
    }
}
