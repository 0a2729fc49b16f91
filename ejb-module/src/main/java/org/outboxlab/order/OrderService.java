package org.outboxlab.order;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.outboxlab.contract.WriteMode;
import org.outboxlab.contract.WriteMode.Publication;
import org.outboxlab.outbox.OutboxEvent;
import org.outboxlab.outbox.TraceParent;

/**
 * Places orders and moves them through their lifecycle in the chosen write mode. Runs outside any
 * transaction so that each mode's {@link ModeWrites}, chosen by the mode's publication, controls
 * its own: OUTBOX and XA commit everything at once, NAIVE commits the database and only then sends.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OrderService {

    @EJB OrderTransactions local;

    @Inject @Any Instance<ModeWrites> strategies;

    @Inject RefusedWrites refusals;

    @Inject
    @ConfigProperty(name = "outbox.write.default-mode", defaultValue = "OUTBOX")
    WriteMode defaultMode;

    @Inject
    @ConfigProperty(name = "outbox.bench.baseline-enabled", defaultValue = "false")
    boolean baselineEnabled;

    @Inject
    @ConfigProperty(name = "outbox.cdc.enabled", defaultValue = "false")
    boolean changeCaptureEnabled;

    private final Map<Publication, ModeWrites> writes = new EnumMap<>(Publication.class);

    @PostConstruct
    void chooseWrites() {
        for (ModeWrites strategy : strategies) {
            for (Publication publication : strategy.publications()) {
                if (writes.put(publication, strategy) != null) {
                    throw new IllegalStateException("two ways to write for " + publication);
                }
            }
        }
        for (Publication publication : Publication.values()) {
            if (!writes.containsKey(publication)) {
                throw new IllegalStateException("no ModeWrites writes for " + publication);
            }
        }
    }

    /**
     * Places an order. With an idempotency key, a request whose key was answered before gets that
     * answer again and writes nothing; the key is stored in the order's own transaction.
     */
    public WrittenEvent place(PlaceOrder command) {
        long began = System.nanoTime();
        WriteMode mode = command.mode() == null ? defaultMode : command.mode();
        if ((mode == WriteMode.BASELINE && !baselineEnabled)
                || (mode.readsChangeLog() && !changeCaptureEnabled)) {
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
            event = writesOf(mode).place(traced);
        } catch (IdempotencyKeyTakenException e) {
            return local.answered(traced, mode)
                    .orElseThrow(() -> e); // the concurrent request's answer
        }
        refusals.accepted(mode, began);
        return WrittenEvent.of(event);
    }

    public WrittenEvent advance(String orderId, OrderStatus next, String traceParent) {
        long began = System.nanoTime();
        String trace = TraceParent.orNew(traceParent);
        WriteMode mode = local.modeOf(orderId);
        OutboxEvent event = writesOf(mode).advance(orderId, next, trace);
        refusals.accepted(mode, began);
        return WrittenEvent.of(event);
    }

    public WriteMode defaultMode() {
        return defaultMode;
    }

    private ModeWrites writesOf(WriteMode mode) {
        return writes.get(mode.publication());
    }
}
