package org.outboxlab.order;

/** No order has the given id. */
public class OrderNotFoundException extends OrderRejectedException {

    public OrderNotFoundException(String orderId) {
        super("no order with id " + orderId);
    }
}
