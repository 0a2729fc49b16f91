package org.outboxlab.web.console;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.outboxlab.consume.HeldEvents;
import org.outboxlab.contract.ConsumerName;
import org.outboxlab.ops.BlockedOrders;

/**
 * What waits on something missing: orders the relay holds back behind a {@code FAILED} event, and
 * events consumers hold until an earlier event of their order is applied. A held event whose
 * predecessor will never come can be released (admin, asked first, logged with the user).
 */
@Named
@ViewScoped
public class BlockedPage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int MAX_SHOWN = 200;

    /** A release waiting for the operator's confirmation. */
    public record Pending(String consumer, String orderId) implements Serializable {}

    @EJB BlockedOrders blockedOrders;

    @EJB HeldEvents heldEvents;

    @Inject OperatorActions actions;

    @Inject AdminOnly adminOnly;

    private Pending pending;
    private transient List<BlockedOrders.Blocked> orders;
    private transient List<HeldEvents.Held> held;

    public List<BlockedOrders.Blocked> getOrders() {
        if (orders == null) {
            orders = blockedOrders.oldest(MAX_SHOWN);
        }
        return orders;
    }

    public List<HeldEvents.Held> getHeld() {
        if (held == null) {
            held = heldEvents.oldest(MAX_SHOWN);
        }
        return held;
    }

    /** How long {@code event} has been held. */
    public Duration heldFor(HeldEvents.Held event) {
        return Duration.between(event.heldAt(), Instant.now());
    }

    public void askRelease(String consumer, String orderId) {
        pending = new Pending(consumer, orderId);
    }

    public void cancel() {
        pending = null;
    }

    /**
     * Releases the pending order's held events for its consumer; the events are looked up again, so
     * a stale page acts on what is there now.
     */
    public void confirm() {
        Pending action = pending;
        pending = null;
        if (action == null) {
            return;
        }
        ConsumerName consumer =
                ConsumerName.valueOf(action.consumer().toUpperCase(java.util.Locale.ROOT));
        adminOnly.run(
                () -> {
                    int applied = actions.releaseHeld(consumer, action.orderId());
                    return applied == 0
                            ? "Nothing held for order "
                                    + action.orderId()
                                    + " by "
                                    + consumer.id()
                                    + " any more."
                            : "Released order "
                                    + action.orderId()
                                    + " for "
                                    + consumer.id()
                                    + ": "
                                    + applied
                                    + " event(s) applied.";
                });
        held = null;
    }

    public Pending getPending() {
        return pending;
    }
}
