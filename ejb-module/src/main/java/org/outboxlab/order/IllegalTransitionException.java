package org.outboxlab.order;

/** The order's lifecycle does not allow the requested status change. */
public class IllegalTransitionException extends OrderRejectedException {

    public IllegalTransitionException(String orderId, OrderStatus from, OrderStatus to) {
        super("order " + orderId + " is " + from + " and cannot become " + to);
    }
}
