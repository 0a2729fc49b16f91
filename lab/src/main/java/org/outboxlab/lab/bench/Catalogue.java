package org.outboxlab.lab.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The products a load chooses from and how often each: Zipf-distributed over {@code skus} products,
 * the product of rank k (from 1) chosen with weight k^-skew, so skew 0 is uniform and skew 1.1 over
 * 1,000 products gives the top one about 18 % of the orders, as a real shop's best seller takes a
 * large share. The products are the benchmark's own ({@code HOT-0000} on), installed with ample
 * stock.
 */
final class Catalogue {

    /** Stock each product is installed with: far more than any measurement sells. */
    static final int STOCK = 100_000_000;

    private final String[] skus;
    private final double[] cumulative;
    private final double skew;

    private Catalogue(int skus, double skew) {
        if (skus < 1) {
            throw new IllegalArgumentException("a catalogue needs a product, was " + skus);
        }
        if (skew < 0 || Double.isNaN(skew)) {
            throw new IllegalArgumentException("skew must be 0 or more, was " + skew);
        }
        this.skew = skew;
        this.skus = new String[skus];
        this.cumulative = new double[skus];
        double total = 0;
        for (int k = 0; k < skus; k++) {
            this.skus[k] = sku(k);
            total += Math.pow(k + 1, -skew);
            cumulative[k] = total;
        }
        for (int k = 0; k < skus; k++) {
            cumulative[k] /= total;
        }
    }

    /** {@code skus} products chosen with Zipf exponent {@code skew} (0: uniform). */
    static Catalogue zipf(int skus, double skew) {
        return new Catalogue(skus, skew);
    }

    /** The same products chosen uniformly. */
    Catalogue uniform() {
        return new Catalogue(skus.length, 0);
    }

    double skew() {
        return skew;
    }

    int size() {
        return skus.length;
    }

    /** The share of orders the most popular product gets. */
    double topShare() {
        return cumulative[0];
    }

    /** A product, drawn by its weight. */
    String pick() {
        double u = ThreadLocalRandom.current().nextDouble();
        int at = Arrays.binarySearch(cumulative, u);
        int k = at >= 0 ? at : -at - 1;
        return skus[Math.min(k, skus.length - 1)];
    }

    /** Adds the products to the shop's catalogue (the application's schema); existing ones stay. */
    void install(Connection db) throws SQLException {
        try (PreparedStatement ps =
                db.prepareStatement(
                        "insert into product (sku, name, price_cents, stock) values (?, ?,"
                                + " 1000, ?) on conflict (sku) do nothing")) {
            for (int k = 0; k < skus.length; k++) {
                ps.setString(1, skus[k]);
                ps.setString(2, "Benchmark product " + (k + 1));
                ps.setInt(3, STOCK);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static String sku(int k) {
        return String.format(Locale.ROOT, "HOT-%04d", k);
    }
}
