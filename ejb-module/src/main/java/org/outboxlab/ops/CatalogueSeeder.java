package org.outboxlab.ops;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.logging.Logger;
import org.outboxlab.order.Product;

/** Seeds the sample catalogue on first start; an existing catalogue is left as it is. */
@Singleton
@Startup
public class CatalogueSeeder {

    private static final Logger LOG = Logger.getLogger(CatalogueSeeder.class.getName());

    /**
     * The sample catalogue; {@code LIMITED-1} has little stock so that short stock is easy to show.
     */
    static final List<Product> SAMPLE =
            List.of(
                    new Product(
                            "BOOK-1", "Designing Data-Intensive Applications", 4_500, 1_000_000),
                    new Product("BOOK-2", "Enterprise Integration Patterns", 5_200, 1_000_000),
                    new Product("MUG-1", "Two-phase commit mug", 1_200, 1_000_000),
                    new Product("TEE-1", "Exactly-once T-shirt", 2_000, 1_000_000),
                    new Product("CABLE-1", "Ethernet cable, 2 m", 800, 1_000_000),
                    new Product("LAMP-1", "Desk lamp", 3_900, 1_000_000),
                    new Product("PEN-1", "Fountain pen", 2_700, 1_000_000),
                    new Product("SOCK-1", "Idempotent socks (pair)", 900, 1_000_000),
                    new Product("LIMITED-1", "Signed first edition", 99_000, 5));

    @PersistenceContext(unitName = "outbox")
    EntityManager em;

    @PostConstruct
    void seed() {
        long existing =
                em.createQuery("select count(p) from Product p", Long.class).getSingleResult();
        if (existing == 0) {
            SAMPLE.forEach(
                    p ->
                            em.persist(
                                    new Product(
                                            p.getSku(),
                                            p.getName(),
                                            p.getPriceCents(),
                                            p.getStock())));
            LOG.info("seeded the sample catalogue with " + SAMPLE.size() + " products");
        }
    }
}
