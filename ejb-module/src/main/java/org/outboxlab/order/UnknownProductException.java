package org.outboxlab.order;

/** An order line names a SKU that is not in the catalogue. */
public class UnknownProductException extends OrderRejectedException {

    private final String field;

    public UnknownProductException(String field, String sku) {
        super("unknown sku: " + sku);
        this.field = field;
    }

    @Override
    public String field() {
        return field;
    }
}
