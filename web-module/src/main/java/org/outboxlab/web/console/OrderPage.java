package org.outboxlab.web.console;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.outboxlab.order.OrderDetails;
import org.outboxlab.order.OrderNotFoundException;
import org.outboxlab.order.OrderQueries;

/** Finds an order by id and shows its events and, per event, each consumer's effect. */
@Named
@ViewScoped
public class OrderPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject OrderQueries queries;

    private String orderId;
    private transient OrderDetails details;
    private transient boolean loaded;

    /** The order, or {@code null} when none was asked for or none has that id. */
    public OrderDetails getDetails() {
        if (!loaded) {
            loaded = true;
            details = null;
            if (orderId != null && !orderId.isBlank()) {
                try {
                    details = queries.details(orderId.trim());
                } catch (OrderNotFoundException e) {
                    details = null;
                }
            }
        }
        return details;
    }

    public boolean isNotFound() {
        return orderId != null && !orderId.isBlank() && getDetails() == null;
    }

    public void find() {
        loaded = false;
    }

    public String getOrderId() {
        return orderId;
    }

    public void setOrderId(String orderId) {
        this.orderId = orderId;
        this.loaded = false;
    }
}
