package org.outboxlab.order;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.outboxlab.contract.WriteMode;
import org.outboxlab.outbox.OutboxEvent;
import org.outboxlab.outbox.RowLookup;

/**
 * The business transaction shared by every write mode: record the order or its status change and
 * its event, and reserve stock, all through one entity manager so they commit together. The stock
 * update is the transaction's last statement, so the product row, which every order of that product
 * needs, is held for the shortest time.
 */
final class OrderBook {

    private final EntityManager em;

    OrderBook(EntityManager em) {
        this.em = em;
    }

    /**
     * Writes the order with its OrderPlaced event and reserves its stock; a refusal throws, and the
     * transaction (rolled back by the exception) leaves nothing written.
     */
    OutboxEvent place(PlaceOrder command, WriteMode mode) {
        List<String> skus = command.lines().stream().map(PlaceOrder.Line::sku).toList();
        Map<String, Product> products =
                em.createQuery("select p from Product p where p.sku in :skus", Product.class)
                        .setParameter("skus", skus)
                        .getResultStream()
                        .collect(Collectors.toMap(Product::getSku, Function.identity()));
        List<OrderLine> lines = new ArrayList<>();
        for (int i = 0; i < command.lines().size(); i++) {
            PlaceOrder.Line line = command.lines().get(i);
            Product product = products.get(line.sku());
            if (product == null) {
                throw new UnknownProductException("lines[" + i + "].sku", line.sku());
            }
            lines.add(new OrderLine(line.sku(), line.quantity(), product.getPriceCents()));
        }
        CustomerOrder order = new CustomerOrder(command.customerId(), mode, lines);
        em.persist(order);
        OutboxEvent event = OrderEvents.of(order, command.traceParent(), mode);
        if (mode.writesEventRow()) {
            em.persist(event);
        }
        if (command.idempotencyKey() != null) {
            remember(command, mode, event);
        }
        // The order, its lines and its event are written first; the stock comes last, so a
        // popular product's row is locked only from here to the commit, not across every insert.
        // Short stock throws, and the transaction rolls back what was written.
        em.flush();
        reserve(command.lines());
        return event;
    }

    /**
     * The request's key and answer, in this transaction; a concurrent request that took the key
     * first fails it.
     */
    private void remember(PlaceOrder command, WriteMode mode, OutboxEvent event) {
        em.persist(
                new IdempotencyKey(
                        command.idempotencyKey(),
                        IdempotentRequests.hash(command, mode),
                        WrittenEvent.of(event),
                        Instant.now()));
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (uniqueViolation(e)) {
                throw new IdempotencyKeyTakenException(command.idempotencyKey(), e);
            }
            throw e;
        }
    }

    /**
     * The request's earlier answer, if a request with its key was committed; fails if that request
     * had other content.
     */
    Optional<WrittenEvent> answered(PlaceOrder command, WriteMode mode) {
        IdempotencyKey known = RowLookup.find(em, IdempotencyKey.class, command.idempotencyKey());
        if (known == null) {
            return Optional.empty();
        }
        if (!known.getRequestHash().equals(IdempotentRequests.hash(command, mode))) {
            throw new IdempotencyKeyReusedException(command.idempotencyKey());
        }
        return Optional.of(known.answer());
    }

    private static boolean uniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Moves an order to {@code next}, releasing stock on cancel, and writes the event. */
    OutboxEvent advance(String orderId, OrderStatus next, String traceParent) {
        // Lock the order row alone: a locking find would join the eagerly loaded lines, which
        // PostgreSQL cannot lock, and Hibernate would warn and lock in a second select anyway.
        if (em.createQuery("select o.id from CustomerOrder o where o.id = :id", String.class)
                .setParameter("id", orderId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList()
                .isEmpty()) {
            throw new OrderNotFoundException(orderId);
        }
        CustomerOrder order = RowLookup.find(em, CustomerOrder.class, orderId);
        order.moveTo(next);
        OutboxEvent event = OrderEvents.of(order, traceParent, order.getWriteMode());
        if (order.getWriteMode().writesEventRow()) {
            em.persist(event);
        }
        if (next == OrderStatus.CANCELLED) {
            em.flush(); // the status and the event first; the product rows last, as in place()
            order.getLines().stream()
                    .sorted(Comparator.comparing(OrderLine::getSku))
                    .forEach(l -> adjustStock(l.getSku(), l.getQuantity()));
        }
        return event;
    }

    /** The mode an order was placed with; its later events leave the same way. */
    WriteMode modeOf(String orderId) {
        CustomerOrder order = RowLookup.find(em, CustomerOrder.class, orderId);
        if (order == null) {
            throw new OrderNotFoundException(orderId);
        }
        return order.getWriteMode();
    }

    private void reserve(List<PlaceOrder.Line> lines) {
        // Updating in SKU order keeps concurrent orders from deadlocking on product rows.
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(i -> lines.get(i).sku()));
        for (int i : order) {
            PlaceOrder.Line line = lines.get(i);
            int updated =
                    em.createQuery(
                                    "update Product p set p.stock = p.stock - :q where p.sku = :sku and p.stock >= :q")
                            .setParameter("q", line.quantity())
                            .setParameter("sku", line.sku())
                            .executeUpdate();
            if (updated == 0) {
                Integer available =
                        em.createQuery(
                                        "select p.stock from Product p where p.sku = :sku",
                                        Integer.class)
                                .setParameter("sku", line.sku())
                                .getSingleResult();
                throw new InsufficientStockException(
                        "lines[" + i + "].quantity", line.sku(), line.quantity(), available);
            }
        }
    }

    private void adjustStock(String sku, int delta) {
        em.createQuery("update Product p set p.stock = p.stock + :d where p.sku = :sku")
                .setParameter("d", delta)
                .setParameter("sku", sku)
                .executeUpdate();
    }
}
