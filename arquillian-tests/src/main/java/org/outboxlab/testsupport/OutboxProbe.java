package org.outboxlab.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.outboxlab.scenario.Audit;

/**
 * Reads the database of record directly (never the application's own counters) to answer what a
 * test needs to know: is the outbox drained, which effects did each consumer apply, how many
 * duplicate deliveries did the inbox absorb. Use it inside the server, where the datasource is.
 */
public final class OutboxProbe {

    /** Each consumer's id (as in the inbox) and the table of its effects. */
    public static final Map<String, String> EFFECT_TABLES = Audit.EFFECT_TABLES;

    private final DataSource dataSource;

    public OutboxProbe(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The probe on the application's own datasource, looked up in the server's JNDI. */
    public static OutboxProbe inServer() {
        try {
            return new OutboxProbe(
                    (DataSource) new InitialContext().lookup("java:jboss/datasources/OutboxDS"));
        } catch (NamingException e) {
            throw new IllegalStateException("OutboxProbe.inServer() runs inside WildFly only", e);
        }
    }

    /** Outbox rows the relay has not published yet. */
    public long pendingEvents() {
        return count("select count(*) from outbox_event where status = 'PENDING'");
    }

    /** Waits until no outbox row is pending. */
    public void awaitOutboxDrained(Duration timeout) {
        Await.until(
                "the outbox to drain", timeout, () -> pendingEvents() == 0, this::pendingEvents);
    }

    /**
     * The event ids of an order, in its sequence: its outbox rows' or, for an order written in mode
     * CDC (which writes none), the ids change data capture derives from its changes 1 to {@code
     * last_sequence}.
     */
    public List<String> eventIds(String orderId) {
        List<String> changes =
                strings(
                        "select last_sequence from customer_order where id = ? and write_mode = 'CDC'",
                        orderId);
        if (!changes.isEmpty()) {
            int last = Integer.parseInt(changes.get(0));
            return IntStream.rangeClosed(1, last)
                    .mapToObj(
                            sequence -> org.outboxlab.contract.EventIds.ofChange(orderId, sequence))
                    .toList();
        }
        return strings(
                "select event_id from outbox_event where aggregate_id = ? order by sequence_no",
                orderId);
    }

    /**
     * How many effects {@code consumer} recorded for {@code eventId}: 1 when it was applied exactly
     * once.
     */
    public long effects(String consumer, String eventId) {
        return count("select count(*) from " + table(consumer) + " where event_id = ?", eventId);
    }

    /** How many effects all consumers recorded for the events of an order. */
    public long effectsOfOrder(String orderId) {
        long total = 0;
        for (String table : EFFECT_TABLES.values()) {
            total += count("select count(*) from " + table + " where order_id = ?", orderId);
        }
        return total;
    }

    /**
     * Deliveries of {@code eventId} to {@code consumer} that the inbox recognised and suppressed.
     */
    public long duplicatesAbsorbed(String consumer, String eventId) {
        return count(
                "select coalesce(sum(duplicates), 0) from inbox where consumer = ? and event_id = ?",
                consumer,
                eventId);
    }

    /**
     * Waits until every consumer has applied every event each of {@code orderIds} committed so far.
     */
    public void awaitEffects(Collection<String> orderIds, Duration timeout) {
        Await.until(
                "every consumer to apply every event of " + orderIds.size() + " orders",
                timeout,
                () -> missingEffects(orderIds).isEmpty(),
                () -> missingEffects(orderIds));
    }

    /**
     * Asserts that each consumer applied each event of each order exactly once, in the order's
     * sequence: no event missing, none applied twice, and the effects in applied order numbered 1
     * to n.
     */
    public void assertEachEffectExactlyOnce(Collection<String> orderIds) {
        List<String> problems = new ArrayList<>();
        for (String orderId : orderIds) {
            List<String> events = eventIds(orderId);
            if (events.isEmpty()) {
                problems.add("order " + orderId + " has no events");
            }
            for (String eventId : events) {
                for (String consumer : EFFECT_TABLES.keySet()) {
                    long n = effects(consumer, eventId);
                    if (n != 1) {
                        problems.add(
                                consumer
                                        + " applied event "
                                        + eventId
                                        + " of order "
                                        + orderId
                                        + " "
                                        + n
                                        + " times");
                    }
                }
            }
            for (String consumer : EFFECT_TABLES.keySet()) {
                List<Integer> applied = appliedSequence(consumer, orderId);
                if (!applied.equals(inSequence(applied.size()))) {
                    problems.add(
                            consumer
                                    + " applied the events of order "
                                    + orderId
                                    + " as "
                                    + applied
                                    + ", not 1.."
                                    + applied.size());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("effects not exactly once: " + problems);
        }
    }

    /**
     * The sequence numbers of an order's effects in one consumer, in the order they were applied
     * ({@code applied_at}, then the effect's time-ordered id): what happened, not the effect's
     * {@code in_order} column, which every effect sets to true.
     */
    public List<Integer> appliedSequence(String consumer, String orderId) {
        return strings(
                        "select sequence_no from "
                                + table(consumer)
                                + " where order_id = ? order by applied_at, id",
                        orderId)
                .stream()
                .map(Integer::valueOf)
                .toList();
    }

    /** When {@code consumer} applied {@code eventId} (its first effect), or {@code null}. */
    public Instant appliedAt(String consumer, String eventId) {
        String sql = "select min(applied_at) from " + table(consumer) + " where event_id = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = prepare(c, sql, eventId);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            Timestamp at = rs.getTimestamp(1);
            return at == null ? null : at.toInstant();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** 1, 2, …, n. */
    public static List<Integer> inSequence(int n) {
        return IntStream.rangeClosed(1, n).boxed().toList();
    }

    /** Missing (consumer, event) effects of the given orders. */
    public List<String> missingEffects(Collection<String> orderIds) {
        List<String> missing = new ArrayList<>();
        for (String orderId : orderIds) {
            for (String eventId : eventIds(orderId)) {
                for (String consumer : EFFECT_TABLES.keySet()) {
                    if (effects(consumer, eventId) == 0) {
                        missing.add(consumer + ":" + eventId);
                    }
                }
            }
        }
        return missing;
    }

    /** Row counts of the tables a write touches, to prove that a refused request wrote nothing. */
    public Map<String, Long> rowCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table :
                List.of(
                        "customer_order",
                        "order_line",
                        "outbox_event",
                        "inbox",
                        "fulfilment_step",
                        "customer_notification",
                        "ledger_entry")) {
            counts.put(table, count("select count(*) from " + table));
        }
        counts.put("stock", count("select coalesce(sum(stock), 0) from product"));
        return counts;
    }

    /**
     * {@link #rowCounts()} once the system is quiet: two reads {@code quiet} apart agree (earlier
     * tests' events still reaching the consumers would otherwise count as this test's writes).
     * Fails after {@code timeout}.
     */
    public Map<String, Long> quietRowCounts(Duration quiet, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Long> last = rowCounts();
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(quiet.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            Map<String, Long> now = rowCounts();
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        throw new AssertionError("row counts still changing after " + timeout + ": " + last);
    }

    /** Runs a {@code select count(...)}-style query with positional parameters. */
    public long count(String sql, Object... params) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = prepare(c, sql, params);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Runs an update, for tests that plant rows the application would never write. */
    public int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = prepare(c, sql, params)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The first column of every row of a query. */
    public List<String> strings(String sql, Object... params) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = prepare(c, sql, params);
                ResultSet rs = ps.executeQuery()) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params)
            throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
        return ps;
    }

    private static String table(String consumer) {
        String table = EFFECT_TABLES.get(consumer);
        if (table == null) {
            throw new IllegalArgumentException(
                    "no consumer " + consumer + "; one of " + EFFECT_TABLES.keySet());
        }
        return table;
    }
}
