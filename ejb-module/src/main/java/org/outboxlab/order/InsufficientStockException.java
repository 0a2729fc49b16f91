package org.outboxlab.order;

/** An order line asked for more than the product has in stock. */
public class InsufficientStockException extends OrderRejectedException {

    private final String field;

    public InsufficientStockException(String field, String sku, int requested, int available) {
        super(
                "insufficient stock for "
                        + sku
                        + ": requested "
                        + requested
                        + ", available "
                        + available);
        this.field = field;
    }

    @Override
    public String field() {
        return field;
    }
}
