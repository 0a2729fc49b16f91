package org.outboxlab.logtail;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.outboxlab.cluster.ClusterSettings;
import org.outboxlab.cluster.Fence;
import org.outboxlab.cluster.LeaseExpiredException;
import org.outboxlab.cluster.LeaseKeeper;
import org.outboxlab.contract.Partitions;
import org.outboxlab.outbox.PendingEvent;
import org.outboxlab.relay.RelaySettings;
import org.outboxlab.relay.RelayStrategy;

/**
 * The log-tailing relay ({@code outbox.relay.strategy=log-tailing}): on the one node that holds the
 * slot's lease ({@link SlotLeases}), a thread of the server reads the outbox table's committed
 * inserts from the slot, whole transactions in commit order, and publishes each batch in one broker
 * transaction, then marks its rows published (refused if the lease passed on), then confirms the
 * slot's position. A crash anywhere before the confirmation re-reads the batch from the last
 * confirmed position: at-least-once, the broker's duplicate detection and the consumers' inbox
 * absorb the repeats. An order's row goes out only behind its predecessor (published before, or
 * ahead of it in the batch); a row whose predecessor is unpublished stays pending for the polling
 * relay, which under this strategy sweeps rows older than {@link RelaySettings#sweepAfterMs()}. The
 * broker commit happens only within half a lease of the last renewal, as for a polling batch. The
 * messages carry epoch 0: the slot, not a partition lease, fences them. {@link LogTailingCheck}
 * refuses a deployment that cannot run it; a missing publication is reported and retried, so that a
 * DBA can add it without a redeployment.
 *
 * <p>With change data capture ({@code outbox.cdc.enabled}) the same reader, under either strategy,
 * also reads the order tables' publication and publishes the events of the orders written in mode
 * CDC ({@link OrderChanges}), in the same batches: they have no outbox row, so nothing marks or
 * sweeps them; the slot's confirmed position says what was published, and a watermark (the latest
 * change published) lets a reader whose slot was made anew, its WAL gone, catch up from the order
 * rows ({@link ChangeCatchUp}) before it reads the new slot.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LogTailingRelay {

    /** The datasource whose connections are in logical replication mode (configure-wildfly.sh). */
    public static final String REPLICATION_DATASOURCE =
            "java:jboss/datasources/OutboxReplicationDS";

    private static final Logger LOG = Logger.getLogger(LogTailingRelay.class.getName());

    private static final long BACKOFF_MAX_MS = 15_000;

    /**
     * How far before its watermark change data capture catches up on a slot made anew: a change
     * stamped earlier (another node's clock, a long transaction) may have committed after the
     * watermark's change.
     */
    private static final Duration CATCH_UP_MARGIN = Duration.ofMinutes(5);

    /**
     * Events per catch-up chunk. Most are repeats of what was published before the slot was lost,
     * which the broker's duplicate cache refuses: the chunk is then sent one event per broker
     * transaction, and must end within half a lease of the renewal before it. With whole batches
     * (the relay's batch size) that took longer than the half lease, the fence stopped every try
     * and the catch-up never ended (the lab's relay-stall: 179 CDC events lost).
     */
    private static final int CATCH_UP_CHUNK = 16;

    /**
     * How long a partly filled batch waits for more of the stream before it is published: while a
     * backlog streams, the walsender fills the socket in bursts, and without the wait a batch held
     * only what one burst brought.
     */
    private static final long LINGER_NANOS = 2_000_000;

    @Inject RelaySettings settings;

    @Inject LogTailSettings log;

    @Inject ClusterSettings cluster;

    @EJB LeaseKeeper keeper;

    @EJB SlotLeases leases;

    @EJB SlotBatch batches;

    @EJB ChangeCatchUp catchUp;

    @Resource ManagedThreadFactory threads;

    @Resource(lookup = "java:jboss/datasources/OutboxDS")
    DataSource outbox;

    private DataSource replication;

    /** The application's schema: the publication may hold other schemas' outbox tables too. */
    private String schema;

    private volatile boolean running;
    private Thread reader;

    // the reader thread's own state
    private volatile long epoch;
    private long renewedAtNanos;
    private LogStream session;
    private final Map<Integer, LogMessage.Relation> relations = new HashMap<>();
    private boolean inTransaction;
    private final List<PendingEvent> batch = new ArrayList<>();
    private final OrderChanges changes = new OrderChanges();

    /** Whether the reader publishes the outbox table's rows (strategy log-tailing). */
    private boolean tailsOutbox;

    /** The end of the last transaction received whole: where a new session may resume. */
    private long lastCommitEnd;

    private volatile long confirmed;
    private boolean failing;
    private final Map<Integer, Long> noEpochs = new HashMap<>();
    private final java.util.concurrent.atomic.AtomicLong publishedHere =
            new java.util.concurrent.atomic.AtomicLong();

    @PostConstruct
    void start() {
        tailsOutbox = settings.strategy() == RelayStrategy.LOG_TAILING;
        if (!tailsOutbox && !log.changeCapture()) {
            return;
        }
        try { // LogTailingCheck refused the deployment if the datasource is missing
            replication = (DataSource) new InitialContext().lookup(REPLICATION_DATASOURCE);
        } catch (NamingException e) {
            throw new IllegalStateException(e);
        }
        try (java.sql.Connection connection = outbox.getConnection();
                java.sql.Statement statement = connection.createStatement();
                java.sql.ResultSet current = statement.executeQuery("select current_schema()")) {
            current.next();
            schema = current.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the outbox schema: " + e.getMessage(), e);
        }
        for (int partition = 0; partition < Partitions.COUNT; partition++) {
            noEpochs.put(partition, 0L);
        }
        running = true;
        reader = threads.newThread(this::run);
        reader.setName("outbox-log-reader");
        reader.start();
        LOG.info(
                "log reader: slot "
                        + log.slot()
                        + ", publications "
                        + publications()
                        + (tailsOutbox
                                ? "; relay strategy log-tailing, the polling relay sweeps rows older than "
                                        + settings.sweepAfterMs()
                                        + " ms"
                                : "")
                        + (log.changeCapture() ? "; change data capture of mode CDC" : ""));
    }

    @PreDestroy
    void stop() {
        if (reader == null) {
            return;
        }
        running = false;
        try {
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The slot's reader as this node sees it: whether it is this node, and under which epoch. */
    public State state() {
        return new State(
                settings.strategy() == RelayStrategy.LOG_TAILING || log.changeCapture(),
                log.slot(),
                epoch > 0,
                epoch,
                lsn(confirmed),
                publishedHere.get());
    }

    /**
     * The log reader's state on this node.
     *
     * @param active the reader runs: the relay's strategy is log tailing, or change data capture is
     *     on
     * @param reading this node holds the slot's lease
     * @param confirmedLsn the last position this node confirmed
     * @param published events this node published from the log since it started
     */
    public record State(
            boolean active,
            String slot,
            boolean reading,
            long epoch,
            String confirmedLsn,
            long published) {}

    /** A publication the slot is read for does not publish a table the reader needs. */
    static final class MissingPublicationException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        MissingPublicationException(String publication, String tables, String consequence) {
            super(
                    "the publication "
                            + publication
                            + " does not publish the changes of "
                            + tables
                            + ": nothing is read from the log, and "
                            + consequence
                            + " (pg.sh makes the publication and the migrations "
                            + "fill it; elsewhere: CREATE PUBLICATION "
                            + publication
                            + " FOR TABLE "
                            + tables
                            + " WITH (publish = 'insert, update'))");
        }
    }

    /** The publications the slot is read for, as pgoutput takes them. */
    private String publications() {
        List<String> names = new ArrayList<>();
        if (tailsOutbox) {
            names.add(log.publication());
        }
        if (log.changeCapture()) {
            names.add(log.changePublication());
        }
        return String.join(",", names);
    }

    /** Refuses to read while a publication lacks a table. */
    private void checkPublications() throws SQLException {
        if (tailsOutbox
                && !SlotSession.publishes(
                        replication, log.publication(), OutboxImage.TABLE, false)) {
            throw new MissingPublicationException(
                    log.publication(),
                    OutboxImage.TABLE,
                    "the sweeper publishes every row once it is old enough");
        }
        if (log.changeCapture()
                && !(SlotSession.publishes(
                                replication, log.changePublication(), OrderChanges.ORDERS, true)
                        && SlotSession.publishes(
                                replication, log.changePublication(), OrderChanges.LINES, false))) {
            throw new MissingPublicationException(
                    log.changePublication(),
                    OrderChanges.ORDERS + ", " + OrderChanges.LINES,
                    "the orders written in mode CDC produce no events until it does");
        }
    }

    private void run() {
        long backoffMs = 0;
        while (running) {
            try {
                if (!holdLease()) {
                    closeSession();
                    sleep(cluster.heartbeatMs());
                    continue;
                }
                if (settings.paused() || keeper.ownership().clusterPaused()) {
                    closeSession();
                    sleep(Math.min(cluster.heartbeatMs(), 200));
                    continue;
                }
                if (session == null) {
                    checkPublications();
                    session = SlotSession.open(replication, log.slot(), publications());
                    if (log.changeCapture()) {
                        if (session.slotMadeAnew()) {
                            catchUp.due(log.slot(), cluster.node(), epoch, true);
                        }
                        if (catchUp.state(log.slot()).due()) {
                            catchUp();
                        }
                    }
                    if (failing) {
                        LOG.info("log reader of slot " + log.slot() + " reads again");
                        failing = false;
                    }
                }
                if (!readAndPublish()) {
                    sleep(log.pollMs());
                }
                backoffMs = 0;
            } catch (LeaseExpiredException e) {
                LOG.warning(e.getMessage());
                closeSession();
                epoch = 0;
            } catch (SQLException | RuntimeException e) {
                closeSession();
                backoffMs = backoffMs == 0 ? 250 : Math.min(backoffMs * 2, BACKOFF_MAX_MS);
                if (!failing) {
                    failing = true;
                    LOG.log(
                            e instanceof MissingPublicationException ? Level.SEVERE : Level.WARNING,
                            "log reader of slot "
                                    + log.slot()
                                    + " failed; it resumes from the last confirmed position "
                                    + lsn(confirmed)
                                    + " when it can: "
                                    + e,
                            e instanceof SQLException || e instanceof MissingPublicationException
                                    ? null
                                    : e);
                }
                sleep(backoffMs);
            }
        }
        closeSession();
        if (epoch > 0) {
            try {
                leases.release(log.slot(), cluster.node());
            } catch (RuntimeException e) {
                LOG.fine("slot lease not released; it runs out: " + e.getMessage());
            }
        }
    }

    /** Renews or takes the slot's lease once a heartbeat; whether this node holds it. */
    private boolean holdLease() {
        long now = System.nanoTime();
        if (epoch > 0 && now - renewedAtNanos < cluster.heartbeatMs() * 1_000_000L) {
            return true;
        }
        long held =
                leases.hold(
                        log.slot(), cluster.node(), epoch, Duration.ofMillis(cluster.leaseMs()));
        if (held != epoch) {
            closeSession(); // a new epoch reads from the slot's confirmed position
            if (held > 0) {
                LOG.info(
                        "node "
                                + cluster.node()
                                + " reads slot "
                                + log.slot()
                                + " (epoch "
                                + held
                                + ")");
            } else if (epoch > 0) {
                LOG.warning("node " + cluster.node() + " no longer holds slot " + log.slot());
            }
        }
        epoch = held;
        renewedAtNanos = now;
        return held > 0;
    }

    /**
     * Reads what has arrived into the batch and publishes it once it is full or nothing more has
     * arrived for {@link #LINGER_NANOS}. pgoutput sends a transaction only once it has committed,
     * so a large transaction is published in batches as it arrives; the slot's position is
     * confirmed only at the end of a transaction whose rows are all published. Returns false if
     * nothing arrived.
     */
    private boolean readAndPublish() throws SQLException {
        boolean any = false;
        long quietSince = 0;
        while (batch.size() < settings.batchSize()) {
            ByteBuffer message = session.next();
            if (message == null) {
                // the walsender may be mid-send: a partly filled batch waits a moment for more
                if (batch.isEmpty()) {
                    break;
                }
                long now = System.nanoTime();
                if (quietSince == 0) {
                    quietSince = now;
                } else if (now - quietSince > LINGER_NANOS) {
                    break;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(100_000);
                continue;
            }
            quietSince = 0;
            any = true;
            take(LogMessage.decode(message));
        }
        if (!batch.isEmpty()) {
            publish();
        }
        if (lastCommitEnd > confirmed) {
            confirmed = lastCommitEnd;
            session.confirm(lastCommitEnd, true);
        } else if (!inTransaction && batch.isEmpty()) {
            // nothing of the outbox in flight: keepalives and other tables' transactions move the
            // slot on, so an idle outbox pins no WAL
            confirmReceived();
        }
        return any;
    }

    /** Takes one message in. */
    private void take(LogMessage message) {
        if (message instanceof LogMessage.Relation relation) {
            relations.put(relation.oid(), relation);
        } else if (message instanceof LogMessage.Begin) {
            inTransaction = true;
        } else if (message instanceof LogMessage.Row row) {
            LogMessage.Relation relation = relations.get(row.relation());
            if (relation == null || !relation.namespace().equals(schema)) {
                return;
            }
            if (log.changeCapture() && OrderChanges.reads(relation)) {
                try {
                    changes.take(relation, row);
                } catch (RuntimeException unreadable) {
                    LOG.severe(
                            "an order row in the log cannot be read, its change is not published: "
                                    + unreadable.getMessage());
                }
            } else if (tailsOutbox
                    && row.kind() == 'I'
                    && OutboxImage.TABLE.equals(relation.name())) {
                try {
                    OutboxImage image = OutboxImage.of(relation, row.values());
                    if (image.pending()) {
                        batch.add(image.event());
                    }
                } catch (RuntimeException unreadable) {
                    // never a reason to stop reading: the row, if pending, is the sweeper's
                    LOG.severe(
                            "an outbox row in the log cannot be read, left to the sweeper: "
                                    + unreadable.getMessage());
                }
            }
        } else if (message instanceof LogMessage.Commit commit) {
            if (!changes.isEmpty()) {
                batch.addAll(changes.events()); // whole: a placed order's lines come after it
                changes.clear();
            }
            inTransaction = false;
            lastCommitEnd = commit.endLsn();
        }
    }

    /** Publishes the batch and marks it, in one transaction ({@link SlotBatch#publish}). */
    private void publish() {
        Fence fence = new Fence(noEpochs, renewedAtNanos + cluster.leaseMs() * 1_000_000L / 2);
        fence.check();
        publishedHere.addAndGet(batches.publish(batch, fence, log.slot(), cluster.node(), epoch));
        batch.clear();
    }

    /**
     * On a slot made anew, before its stream: publishes again the events of the CDC orders changed
     * since a margin before the watermark, rebuilt from their rows ({@link ChangeCatchUp}), for the
     * WAL that held them is gone; then records the catch-up done. A change committed since the slot
     * was made is in both the rows and the stream: the second copy is a duplicate the broker and
     * the inbox absorb. Cut short (a crash, a lost lease), it is due still, and the next session on
     * the slot, this node's or another's, runs it again from the watermark it reached.
     */
    private void catchUp() {
        java.util.Optional<java.time.Instant> watermark = catchUp.state(log.slot()).capturedTo();
        java.time.Instant since = watermark.map(w -> w.minus(CATCH_UP_MARGIN)).orElse(null);
        java.time.Instant after = since;
        LOG.warning(
                "slot "
                        + log.slot()
                        + " was made anew: publishing again the CDC orders changed "
                        + watermark
                                .map(w -> "since " + since + " (watermark " + w + ")")
                                .orElse("ever")
                        + ", from their rows");
        String afterId = null;
        long events = 0;
        long catchUpEpoch = epoch;
        while (running) {
            ChangeCatchUp.Page page = catchUp.page(after, afterId, settings.batchSize());
            if (page.events().isEmpty()) {
                break;
            }
            int chunkSize = Math.min(settings.batchSize(), CATCH_UP_CHUNK);
            for (int from = 0; from < page.events().size(); from += chunkSize) {
                List<PendingEvent> chunk =
                        page.events()
                                .subList(from, Math.min(page.events().size(), from + chunkSize));
                // each chunk gets a lease renewed just before it, and half of it to finish in
                renewedAtNanos = 0;
                if (!holdLease() || epoch != catchUpEpoch) { // lapsed, even if taken back
                    throw new LeaseExpiredException(
                            "node "
                                    + cluster.node()
                                    + " lost slot "
                                    + log.slot()
                                    + " during change data capture's catch-up: the next reader runs it again");
                }
                Fence fence =
                        new Fence(noEpochs, renewedAtNanos + cluster.leaseMs() * 1_000_000L / 2);
                fence.check();
                events += batches.publish(chunk, fence, log.slot(), cluster.node(), epoch);
            }
            after = page.nextAfter();
            afterId = page.nextId();
        }
        if (!running || !catchUp.due(log.slot(), cluster.node(), epoch, false)) {
            throw new LeaseExpiredException(
                    "change data capture's catch-up of slot "
                            + log.slot()
                            + " did not finish on node "
                            + cluster.node()
                            + ": the next reader runs it again");
        }
        publishedHere.addAndGet(events);
        LOG.info("change data capture caught up: " + events + " events published again");
    }

    private void confirmReceived() throws SQLException {
        long received = session.received();
        if (received > confirmed) {
            confirmed = received;
            session.confirm(received, false);
        }
    }

    /** A position as PostgreSQL writes it: {@code 0/1976168}. */
    static String lsn(long position) {
        return Long.toHexString(position >>> 32).toUpperCase(java.util.Locale.ROOT)
                + "/"
                + Long.toHexString(position & 0xFFFFFFFFL).toUpperCase(java.util.Locale.ROOT);
    }

    private void closeSession() {
        if (session != null) {
            session.close();
            session = null;
        }
        relations.clear();
        inTransaction = false;
        changes.clear();
        batch.clear(); // read again by the next session, from the confirmed position
        lastCommitEnd = confirmed;
    }

    private void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
