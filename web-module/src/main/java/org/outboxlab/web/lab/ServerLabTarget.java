package org.outboxlab.web.lab;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.outboxlab.contract.ConsumerName;
import org.outboxlab.contract.FaultPlan;
import org.outboxlab.faults.Faults;
import org.outboxlab.ops.DeadLetter;
import org.outboxlab.ops.DeadLetterQueues;
import org.outboxlab.scenario.LabTarget;

/**
 * The server this console runs in, as a comparison's target: its own order API over HTTP, its
 * datasource, its fault plan and its dead-letter queues. Its transaction log is not read here, so
 * it reports no heuristic outcomes.
 */
public final class ServerLabTarget implements LabTarget {

    /** Dead letters browsed per consumer at most. */
    static final int MAX_DEAD_LETTERS = 100_000;

    private final URI baseUri;
    private final DataSource database;
    private final Faults faults;
    private final DeadLetterQueues deadLetters;

    /**
     * @param baseUri the application's base URI on this server ({@code
     *     http://127.0.0.1:<port>/outbox/})
     */
    public ServerLabTarget(
            URI baseUri, DataSource database, Faults faults, DeadLetterQueues deadLetters) {
        this.baseUri = baseUri;
        this.database = database;
        this.faults = faults;
        this.deadLetters = deadLetters;
    }

    @Override
    public URI baseUri() {
        return baseUri;
    }

    @Override
    public Connection database() throws SQLException {
        return database.getConnection();
    }

    @Override
    public void faults(FaultPlan plan) {
        faults.apply(plan);
    }

    @Override
    public Map<String, Set<String>> deadLetters() {
        Map<String, Set<String>> parked = new HashMap<>();
        for (ConsumerName consumer : ConsumerName.values()) {
            Set<String> ids = new HashSet<>();
            for (DeadLetter letter : deadLetters.browse(consumer, MAX_DEAD_LETTERS)) {
                if (letter.eventId() != null) {
                    ids.add(letter.eventId());
                }
            }
            parked.put(consumer.id(), ids);
        }
        return parked;
    }

    /** Always 0: Narayana's log store is not read from inside the server. */
    @Override
    public long heuristics() {
        return 0;
    }
}
