package org.outboxlab.web.console;

import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.util.logging.Logger;
import org.outboxlab.contract.ConsumerName;
import org.outboxlab.ops.DeadLetterQueues;
import org.outboxlab.ops.OperatorCommands;
import org.outboxlab.relay.OutboxRelay;
import org.outboxlab.web.lab.ComparisonRequest;
import org.outboxlab.web.lab.ComparisonRunner;
import org.outboxlab.web.security.ConsoleRoles;

/**
 * Every state-changing action of the console, callable only by {@code outbox-admin}: the container
 * refuses anyone else whatever the page showed them. The actions on events and the relay's switch
 * are {@link OperatorCommands}' (recorded with their caller in the operators' record, as the
 * operator API's are); the rest are logged with their caller.
 */
@Stateless
@DeclareRoles({ConsoleRoles.ADMIN, ConsoleRoles.VIEWER})
@RolesAllowed(ConsoleRoles.ADMIN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OperatorActions {

    private static final Logger LOG = Logger.getLogger(OperatorActions.class.getName());

    @EJB OutboxRelay relay;

    @EJB OperatorCommands commands;

    @Inject ComparisonRunner comparisons;

    @Resource SessionContext session;

    public void pauseRelay() {
        commands.pauseRelay(caller());
    }

    public void resumeRelay() {
        commands.resumeRelay(caller());
    }

    /**
     * New interval and batch size, effective at once; refuses values outside the relay's ranges.
     */
    public void configureRelay(long intervalMs, int batchSize) {
        relay.configure(intervalMs, batchSize);
        audit("set the relay to every " + intervalMs + " ms, " + batchSize + " rows a batch");
    }

    /**
     * Returns {@code true} if the FAILED row is PENDING again; the relay is asked to publish it at
     * once.
     */
    public boolean retryEvent(String eventId) {
        return commands.retryEvent(caller(), eventId);
    }

    /**
     * Releases {@code consumer}'s held events of {@code orderId} past the gap they wait on (the
     * events missing before them are skipped for good); returns how many were applied.
     */
    public int releaseHeld(ConsumerName consumer, String orderId) {
        return commands.releaseHeld(caller(), consumer, orderId);
    }

    public boolean replayDeadLetter(ConsumerName consumer, String messageId) {
        return commands.replayDeadLetter(caller(), consumer, messageId);
    }

    public boolean discardDeadLetter(ConsumerName consumer, String messageId) {
        return commands.discardDeadLetter(caller(), consumer, messageId);
    }

    /**
     * Replays (or, without {@code replay}, discards) every message in {@code consumer}'s
     * dead-letter queue; returns how many were moved and how many stayed (not events).
     */
    public DeadLetterQueues.Batch takeAllDeadLetters(ConsumerName consumer, boolean replay) {
        return commands.takeDeadLetters(caller(), consumer, null, replay);
    }

    /**
     * Starts a comparison against this server's API at {@code baseUri}; returns where its report
     * will be.
     *
     * @throws org.outboxlab.web.lab.ComparisonRefusedException if it cannot start now (the reason
     *     says why)
     */
    public Path startComparison(ComparisonRequest request, URI baseUri) {
        Path report = comparisons.start(request, baseUri, session.getCallerPrincipal().getName());
        audit("started a comparison " + request.options());
        return report;
    }

    private String caller() {
        return session.getCallerPrincipal().getName();
    }

    private void audit(String what) {
        String who = session.getCallerPrincipal().getName();
        LOG.info(() -> "console: " + who + " " + what);
    }
}
