package org.outboxlab.order;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.outboxlab.contract.CrashPoint;
import org.outboxlab.contract.WriteMode;
import org.outboxlab.faults.Faults;
import org.outboxlab.outbox.OutboxEvent;
import org.outboxlab.outbox.TraceParent;

/**
 * Places orders and moves them through their lifecycle in the chosen write mode. Runs outside any
 * transaction so that each mode controls its own: OUTBOX and XA commit everything at once, NAIVE
 * commits the database and only then sends.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OrderService {

    @EJB OrderTransactions local;

    @EJB XaOrderTransactions xa;

    @EJB EventSender sender;

    @Inject Faults faults;

    @Inject RefusedWrites refusals;

    @Inject
    @ConfigProperty(name = "outbox.write.default-mode", defaultValue = "OUTBOX")
    WriteMode defaultMode;

    @Inject
    @ConfigProperty(name = "outbox.bench.baseline-enabled", defaultValue = "false")
    boolean baselineEnabled;

    /**
     * Places an order. With an idempotency key, a request whose key was answered before gets that
     * answer again and writes nothing; the key is stored in the order's own transaction.
     */
    public WrittenEvent place(PlaceOrder command) {
        WriteMode mode = command.mode() == null ? defaultMode : command.mode();
        if (mode == WriteMode.BASELINE && !baselineEnabled) {
            throw new ModeNotEnabledException(mode);
        }
        PlaceOrder traced =
                new PlaceOrder(
                        command.customerId(),
                        command.lines(),
                        mode,
                        TraceParent.orNew(command.traceParent()),
                        command.idempotencyKey());
        if (traced.idempotencyKey() != null) {
            Optional<WrittenEvent> earlier = local.answered(traced, mode);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        OutboxEvent event;
        try {
            event =
                    switch (mode) {
                        case OUTBOX -> local.place(traced, WriteMode.OUTBOX);
                        case XA -> xa.place(traced);
                        case NAIVE -> sendAfterCommit(local.place(traced, WriteMode.NAIVE));
                        case BASELINE -> local.place(traced, WriteMode.BASELINE);
                    };
        } catch (IdempotencyKeyTakenException e) {
            return local.answered(traced, mode)
                    .orElseThrow(() -> e); // the concurrent request's answer
        }
        refusals.accepted(mode);
        return WrittenEvent.of(event);
    }

    public WrittenEvent advance(String orderId, OrderStatus next, String traceParent) {
        String trace = TraceParent.orNew(traceParent);
        WriteMode mode = local.modeOf(orderId);
        OutboxEvent event =
                switch (mode) {
                    case OUTBOX -> local.advance(orderId, next, trace);
                    case XA -> xa.advance(orderId, next, trace);
                    case NAIVE -> sendAfterCommit(local.advance(orderId, next, trace));
                    case BASELINE -> local.advance(orderId, next, trace);
                };
        refusals.accepted(mode);
        return WrittenEvent.of(event);
    }

    public WriteMode defaultMode() {
        return defaultMode;
    }

    private OutboxEvent sendAfterCommit(OutboxEvent committed) {
        faults.reach(CrashPoint.NAIVE_AFTER_DB_COMMIT);
        try {
            sender.sendWithoutTransaction(committed);
        } catch (RuntimeException e) {
            throw new EventNotPublishedException(
                    committed.getAggregateId(), committed.getEventId(), e);
        }
        return committed;
    }
}
