package org.outboxlab.order;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One product and quantity of an order, at the price it was ordered for. */
@Embeddable
public class OrderLine {

    @Column(name = "sku", nullable = false, length = 40)
    private String sku;

    @Column(name = "quantity", nullable = false)
    private int quantity;

    @Column(name = "unit_price_cents", nullable = false)
    private long unitPriceCents;

    protected OrderLine() {}

    public OrderLine(String sku, int quantity, long unitPriceCents) {
        this.sku = sku;
        this.quantity = quantity;
        this.unitPriceCents = unitPriceCents;
    }

    public String getSku() {
        return sku;
    }

    public int getQuantity() {
        return quantity;
    }

    public long getUnitPriceCents() {
        return unitPriceCents;
    }
}
