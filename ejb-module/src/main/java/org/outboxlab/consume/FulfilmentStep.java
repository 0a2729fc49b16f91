package org.outboxlab.consume;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import org.outboxlab.contract.EventTypes;

/** A warehouse action taken for an order event. */
@Entity
@Table(
        name = "fulfilment_step",
        indexes = {@Index(name = "ix_fulfilment_order", columnList = "order_id")},
        // One effect per event, whatever else fails: the database refuses a second.
        uniqueConstraints =
                @UniqueConstraint(name = "uk_fulfilment_event", columnNames = "event_id"))
public class FulfilmentStep extends AppliedEffect {

    @Column(name = "action", nullable = false, length = 40)
    private String action;

    protected FulfilmentStep() {}

    public FulfilmentStep(ReceivedEvent event) {
        super(event);
        this.action =
                switch (event.eventType()) {
                    case EventTypes.ORDER_PLACED -> "PICK_LIST_CREATED";
                    case EventTypes.ORDER_PAID -> "RELEASED_TO_WAREHOUSE";
                    case EventTypes.ORDER_SHIPPED -> "HANDED_TO_CARRIER";
                    case EventTypes.ORDER_CANCELLED -> "PICK_LIST_CANCELLED";
                    default -> "NONE";
                };
    }

    public String getAction() {
        return action;
    }
}
