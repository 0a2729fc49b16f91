package org.outboxlab.scenario;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.outboxlab.contract.ConsumerName;
import org.outboxlab.contract.EventIds;
import org.outboxlab.contract.EventTypes;

/**
 * Compares the database of record with each consumer's effects for one run, reading PostgreSQL
 * directly (never the application's counters): which committed events were lost, which effects have
 * no committed event (phantoms), which were applied twice or out of order, what the inboxes
 * absorbed, and how long after the fault the last effect landed. An event in a dead-letter queue is
 * an effect that did not happen: it counts as lost unless the run poisoned its order on purpose
 * ({@link RunRecord#poisonedCustomers()}); either way it counts as dead-lettered.
 */
public final class Audit {

    /** Each consumer's id (as in the inbox) and the table of its effects. */
    public static final Map<String, String> EFFECT_TABLES =
            Arrays.stream(ConsumerName.values())
                    .collect(
                            Collectors.toUnmodifiableMap(
                                    ConsumerName::id, ConsumerName::effectTable));

    private static final Map<String, String> EVENT_OF_ACTION =
            Map.of(
                    "place",
                    EventTypes.ORDER_PLACED,
                    "pay",
                    EventTypes.ORDER_PAID,
                    "ship",
                    EventTypes.ORDER_SHIPPED,
                    "cancel",
                    EventTypes.ORDER_CANCELLED);

    private final Connection db;

    public Audit(Connection db) {
        this.db = db;
    }

    private record Event(
            String id,
            String orderId,
            String customerId,
            String type,
            Instant occurredAt,
            String status,
            boolean timed) {}

    private record Effect(
            String eventId, String orderId, int sequence, Instant appliedAt, String id) {}

    /**
     * Audits {@code run}.
     *
     * @param deadLetters event ids parked per consumer id (see {@link DeadLetters})
     * @param heuristic heuristic or unresolved XA transactions found after the run
     * @param quiesced whether the system settled before the audit's wait ran out
     * @param cluster whether several nodes shared the relay: only then are stale publishes counted
     */
    public RunResult audit(
            RunRecord run,
            Map<String, Set<String>> deadLetters,
            long heuristic,
            boolean quiesced,
            boolean cluster)
            throws SQLException {
        return audit(run, deadLetters, heuristic, quiesced, cluster, null);
    }

    /**
     * As {@link #audit(RunRecord, Map, long, boolean, boolean)}, with the effects the database
     * refused on an effect table's unique key.
     *
     * @param effectKeyViolations the event id of each such refusal since the run began ({@link
     *     EffectKeyViolations}), any run's; {@code null} if they could not be read
     */
    public RunResult audit(
            RunRecord run,
            Map<String, Set<String>> deadLetters,
            long heuristic,
            boolean quiesced,
            boolean cluster,
            List<String> effectKeyViolations)
            throws SQLException {
        String like = run.tag() + "-%";
        Long stale = cluster ? stalePublishes(like) : null;
        Map<String, Event> events = new HashMap<>();
        try (PreparedStatement ps =
                db.prepareStatement(
                        "select e.event_id, e.aggregate_id, o.customer_id, e.event_type, "
                                + "e.occurred_at, e.status from outbox_event e join customer_order o on o.id = e.aggregate_id "
                                + "where o.customer_id like ?")) {
            ps.setString(1, like);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.put(
                            rs.getString(1),
                            new Event(
                                    rs.getString(1),
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getTimestamp(5).toInstant(),
                                    rs.getString(6),
                                    true));
                }
            }
        }
        events.putAll(capturedChanges(like));
        Set<String> parked = new HashSet<>();
        Set<String> lost = new HashSet<>();
        long phantom = 0;
        long duplicateEffects = 0;
        long outOfOrder = 0;
        Map<String, Instant> lastApplied = new HashMap<>();
        for (Map.Entry<String, String> consumer : EFFECT_TABLES.entrySet()) {
            Set<String> parkedHere = deadLetters.getOrDefault(consumer.getKey(), Set.of());
            List<Effect> effects = effects(consumer.getValue(), like);
            Map<String, Integer> applied = new HashMap<>();
            Map<String, List<Effect>> byOrder = new HashMap<>();
            for (Effect effect : effects) {
                applied.merge(effect.eventId(), 1, Integer::sum);
                byOrder.computeIfAbsent(effect.orderId(), k -> new ArrayList<>()).add(effect);
                lastApplied.merge(
                        effect.eventId(), effect.appliedAt(), (a, b) -> a.isAfter(b) ? a : b);
                if (!events.containsKey(effect.eventId())) {
                    phantom++;
                }
            }
            for (int count : applied.values()) {
                duplicateEffects += Math.max(0, count - 1);
            }
            for (List<Effect> ofOrder : byOrder.values()) {
                outOfOrder += reordered(ofOrder);
            }
            for (Event event : events.values()) {
                if (parkedHere.contains(event.id())) {
                    parked.add(event.id());
                    if (!run.poisonedCustomers().contains(event.customerId())) {
                        lost.add(event.id());
                    }
                } else if (!applied.containsKey(event.id())) {
                    lost.add(event.id());
                }
            }
            phantom += phantomsWithoutOrder(consumer.getValue(), run.mode(), run.loadStart());
        }
        List<Long> latencies = new ArrayList<>();
        for (Event event : events.values()) {
            Instant last = lastApplied.get(event.id());
            if (last != null
                    && event.timed()
                    && !lost.contains(event.id())
                    && !parked.contains(event.id())) {
                latencies.add(Duration.between(event.occurredAt(), last).toMillis());
            }
        }
        Collections.sort(latencies);

        Map<String, Set<String>> typesByCustomer = new HashMap<>();
        events.values()
                .forEach(
                        e ->
                                typesByCustomer
                                        .computeIfAbsent(e.customerId(), k -> new HashSet<>())
                                        .add(e.type()));
        boolean serverGoesDown =
                Scenario.byId(run.scenario()).map(Scenario::takesWildFlyDown).orElse(false);
        long rejected = 0;
        long errors = 0;
        long indeterminate = 0;
        long indeterminateCommitted = 0;
        long ackedButMissing = 0;
        WriteRequest firstError = null;
        for (WriteRequest request : run.requests()) {
            boolean inDatabase =
                    typesByCustomer
                            .getOrDefault(request.customerId(), Set.of())
                            .contains(EVENT_OF_ACTION.get(request.action()));
            switch (request.outcome()) {
                case REFUSED -> rejected++;
                case UNREACHABLE, UNAVAILABLE -> {
                    if (serverGoesDown) {
                        rejected++;
                    } else {
                        errors++;
                        firstError = firstError == null ? request : firstError;
                    }
                }
                case ERROR -> {
                    errors++;
                    firstError = firstError == null ? request : firstError;
                }
                case INDETERMINATE -> {
                    indeterminate++;
                    if (inDatabase) {
                        indeterminateCommitted++;
                    }
                }
                case ACCEPTED, COMMITTED_UNSENT -> {
                    if (!inDatabase) {
                        ackedButMissing++;
                    }
                }
            }
        }
        double loadSeconds =
                Math.max(
                        0.001,
                        Duration.between(run.loadStart(), run.loadEnd()).toMillis() / 1000.0);
        long pending = events.values().stream().filter(e -> "PENDING".equals(e.status())).count();
        long unpublished =
                pending + events.values().stream().filter(e -> "FAILED".equals(e.status())).count();
        Double recovery = null;
        if (lost.isEmpty() && pending == 0) {
            // the events written up to the fault's end: when was the last of them applied
            // everywhere?
            Instant consistent = run.faultOver();
            for (Event event : events.values()) {
                Instant last = lastApplied.get(event.id());
                if (last != null
                        && !event.occurredAt().isAfter(run.faultOver())
                        && last.isAfter(consistent)) {
                    consistent = last;
                }
            }
            recovery = Duration.between(run.faultOver(), consistent).toMillis() / 1000.0;
        }
        return new RunResult(
                run.mode(),
                run.scenario(),
                run.faultPoint(),
                run.faultPointReached(),
                run.ordersAttempted(),
                events.size(),
                rejected,
                errors,
                lost.size(),
                phantom,
                duplicateEffects,
                duplicateDeliveries(events.keySet()),
                outOfOrder,
                heuristic,
                parked.size(),
                indeterminate,
                indeterminateCommitted,
                ackedButMissing,
                unpublished,
                stale,
                effectKeyViolations == null
                        ? null
                        : effectKeyViolations.stream().filter(events::containsKey).count(),
                events.size() / loadSeconds,
                percentile(latencies, 0.50),
                percentile(latencies, 0.95),
                percentile(latencies, 0.99),
                recovery,
                quiesced,
                noted(run.note(), firstError));
    }

    /**
     * The run's note, and what the first write counted as an error answered, so a report (or a
     * failed test) says which answer it was; the server log has the rest.
     */
    static String noted(String note, WriteRequest firstError) {
        if (firstError == null) {
            return note;
        }
        String error = "first error: " + firstError.answered();
        return note == null || note.isBlank() ? error : note + "; " + error;
    }

    /**
     * Deliveries of the run's orders that a consumer counted as sent under a lost lease ({@code
     * consumer_progress.stale}): what reached the consumers, not what a node marked.
     */
    private long stalePublishes(String like) throws SQLException {
        try (PreparedStatement ps =
                db.prepareStatement(
                        "select coalesce(sum(p.stale), 0) from consumer_progress p "
                                + "join customer_order o on o.id = p.order_id where o.customer_id like ?")) {
            ps.setString(1, like);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Effects of the run's orders in one consumer's table, in the order they were applied. */
    private List<Effect> effects(String table, String like) throws SQLException {
        List<Effect> effects = new ArrayList<>();
        try (PreparedStatement ps =
                db.prepareStatement(
                        "select f.event_id, f.order_id, f.sequence_no, f.applied_at, f.id "
                                + "from "
                                + table
                                + " f join customer_order o on o.id = f.order_id where o.customer_id like ? "
                                + "order by f.applied_at, f.id")) {
            ps.setString(1, like);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    effects.add(
                            new Effect(
                                    rs.getString(1),
                                    rs.getString(2),
                                    rs.getInt(3),
                                    rs.getTimestamp(4).toInstant(),
                                    rs.getString(5)));
                }
            }
        }
        return effects;
    }

    /** Effects in this mode since the run began whose order the database does not hold at all. */
    private long phantomsWithoutOrder(String table, String mode, Instant since)
            throws SQLException {
        try (PreparedStatement ps =
                db.prepareStatement(
                        "select count(*) from "
                                + table
                                + " f where f.write_mode = ? "
                                + "and f.applied_at >= ? and not exists (select 1 from customer_order o where o.id = f.order_id)")) {
            ps.setString(1, mode);
            ps.setTimestamp(2, Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Repeated deliveries of {@code eventIds} that an inbox absorbed. */
    private long duplicateDeliveries(Set<String> eventIds) throws SQLException {
        long duplicates = 0;
        try (PreparedStatement ps =
                        db.prepareStatement(
                                "select i.event_id, i.duplicates from inbox i where i.duplicates > 0");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (eventIds.contains(rs.getString(1))) {
                    duplicates += rs.getLong(2);
                }
            }
        }
        return duplicates;
    }

    /** The statuses an order passes through before its last one, by sequence (1 is placed). */
    private static final List<String> PATH = List.of("PLACED", "PAID", "SHIPPED");

    private static final Map<String, String> EVENT_OF_STATUS =
            Map.of(
                    "PLACED",
                    EventTypes.ORDER_PLACED,
                    "PAID",
                    EventTypes.ORDER_PAID,
                    "SHIPPED",
                    EventTypes.ORDER_SHIPPED,
                    "CANCELLED",
                    EventTypes.ORDER_CANCELLED);

    /**
     * The events the run's CDC orders committed, which no outbox row records: one per change of the
     * order row, 1 to its {@code last_sequence}, each id derived from the order and the sequence as
     * the log reader derives it. The lifecycle fixes every status but the last (placed, paid,
     * shipped; a cancel ends it), so the row tells the whole history. Only the first and the last
     * change have a time in the row (created, updated): the ones in between count for everything
     * but latency.
     */
    private Map<String, Event> capturedChanges(String like) throws SQLException {
        Map<String, Event> events = new HashMap<>();
        try (PreparedStatement ps =
                db.prepareStatement(
                        "select id, customer_id, status, last_sequence, created_at, updated_at "
                                + "from customer_order where customer_id like ? and write_mode = 'CDC'")) {
            ps.setString(1, like);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String order = rs.getString(1);
                    int last = rs.getInt(4);
                    for (int sequence = 1; sequence <= last; sequence++) {
                        String status =
                                sequence == last
                                        ? rs.getString(3)
                                        : PATH.get(Math.min(sequence, PATH.size()) - 1);
                        String id = EventIds.ofChange(order, sequence);
                        boolean timed = sequence == 1 || sequence == last;
                        events.put(
                                id,
                                new Event(
                                        id,
                                        order,
                                        rs.getString(2),
                                        EVENT_OF_STATUS.get(status),
                                        (sequence == 1 ? rs.getTimestamp(5) : rs.getTimestamp(6))
                                                .toInstant(),
                                        null,
                                        timed));
                    }
                }
            }
        }
        return events;
    }

    /**
     * Effects applied after an effect of a later event of the same order (input in applied order).
     */
    static long reordered(List<Effect> ofOrderInAppliedOrder) {
        long count = 0;
        int highest = 0;
        for (Effect effect : ofOrderInAppliedOrder) {
            if (effect.sequence() < highest) {
                count++;
            }
            highest = Math.max(highest, effect.sequence());
        }
        return count;
    }

    /** Nearest-rank percentile of sorted values; 0 for none. */
    static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
