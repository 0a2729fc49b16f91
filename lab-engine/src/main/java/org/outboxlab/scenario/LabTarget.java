package org.outboxlab.scenario;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.outboxlab.contract.FaultPlan;

/**
 * A running outbox server a comparison drives and audits: its API, its database of record, its
 * fault plan, its dead-letter queues and its transaction log. The lab's own processes are one; the
 * server the admin console runs in is another.
 */
public interface LabTarget {

    /** The application's base URI ({@code http://host:port/outbox/}). */
    URI baseUri();

    /** Every node's base URI, {@link #baseUri()} first; the load spreads over them. */
    default List<URI> baseUris() {
        return List.of(baseUri());
    }

    /** A new JDBC connection to the database of record; the caller closes it. */
    Connection database() throws SQLException;

    /** Replaces the server's fault plan; {@link FaultPlan#NONE} clears it. */
    void faults(FaultPlan plan);

    /** Event ids parked in each consumer's dead-letter queue, by consumer id. */
    Map<String, Set<String>> deadLetters();

    /**
     * XA participants in a heuristic state in the server's transaction log; 0 if it cannot tell.
     */
    long heuristics();

    /**
     * The event id of each effect the database refused on an effect table's unique key, from its
     * server log ({@link EffectKeyViolations}), every run's; {@code null} if this target cannot
     * read that log.
     */
    default List<String> effectKeyViolations() {
        return null;
    }
}
