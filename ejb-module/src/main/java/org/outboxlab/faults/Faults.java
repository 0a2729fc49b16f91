package org.outboxlab.faults;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.outboxlab.contract.CrashPoint;
import org.outboxlab.contract.FaultPlan;

/**
 * The server's current {@link FaultPlan}, consulted at each fault point. Unless the server runs
 * with {@code outbox.faults.enabled=true} the plan is always {@link FaultPlan#NONE} and every check
 * is a volatile read that does nothing.
 */
@ApplicationScoped
public class Faults {

    /**
     * The system property the lab's Byteman rule reads: a crash point that lives inside Narayana
     * (XA phase 2) is armed by setting it to the point's id.
     */
    public static final String ARMED_PROPERTY = "outbox.fault.armed";

    /** The exit status of a halted JVM, as for a SIGKILL. */
    public static final int HALT_STATUS = 137;

    private static final Logger LOG = Logger.getLogger(Faults.class.getName());

    @Inject
    @ConfigProperty(name = "outbox.faults.enabled", defaultValue = "false")
    boolean enabled;

    /** The most injected rollbacks {@link #injectedRollbacks()} remembers. */
    static final int ROLLBACKS_KEPT = 10_000;

    private volatile FaultPlan plan = FaultPlan.NONE;

    private final Map<String, Instant> rollbacks = new ConcurrentHashMap<>();

    public boolean enabled() {
        return enabled;
    }

    public FaultPlan plan() {
        return plan;
    }

    /**
     * Replaces the plan.
     *
     * @throws FaultsDisabledException if fault injection is not enabled on this server
     */
    public void apply(FaultPlan next) {
        if (!enabled) {
            throw new FaultsDisabledException();
        }
        plan = next;
        rollbacks.clear();
        if (next.crashPoint() == null) {
            System.clearProperty(ARMED_PROPERTY);
        } else {
            System.setProperty(ARMED_PROPERTY, next.crashPoint().id());
        }
        LOG.warning(() -> "fault plan now " + next);
    }

    /**
     * Halts the JVM at once if {@code point} is armed: no shutdown hook, no rollback, no flush but
     * of the one line that says so ({@link CrashPoint#reachedLine()}, on the console and in the
     * server log), which the lab reads to tell this halt from any other exit.
     */
    public void reach(CrashPoint point) {
        if (plan.crashPoint() == point) {
            System.err.println(point.reachedLine());
            System.err.flush();
            Runtime.getRuntime().halt(HALT_STATUS);
        }
    }

    /**
     * Called before a consumer applies an event.
     *
     * @throws InjectedFaultException for a poison customer's event, or the first delivery of a
     *     transiently failing one
     */
    public void beforeEffect(
            String consumer, String eventId, String customerId, int deliveryCount) {
        FaultPlan current = plan;
        if (!current.covers(customerId)) {
            return;
        }
        if (current.poisonCustomerSuffix() != null
                && customerId != null
                && customerId.endsWith(current.poisonCustomerSuffix())) {
            throw new InjectedFaultException(
                    consumer + ": poison event " + eventId + " (customer " + customerId + ")");
        }
        if (deliveryCount <= 1 && FaultPlan.selects(current.transientFailureEvery(), eventId)) {
            throw new InjectedFaultException(
                    consumer + ": transient failure on first delivery of " + eventId);
        }
    }

    /**
     * Called after a consumer staged an event's effect and inbox entry, before its transaction
     * commits.
     *
     * @throws InjectedFaultException on the first delivery of a selected event: all of it rolls
     *     back
     */
    public void afterEffect(String consumer, String eventId, String customerId, int deliveryCount) {
        FaultPlan current = plan;
        if (deliveryCount <= 1
                && FaultPlan.selects(current.rollbackAfterEffectEvery(), eventId)
                && current.covers(customerId)) {
            if (rollbacks.size() < ROLLBACKS_KEPT) {
                rollbacks.putIfAbsent(consumer + " " + eventId, Instant.now());
            }
            throw new InjectedFaultException(
                    consumer + ": rollback after staging the effect of " + eventId);
        }
    }

    /**
     * When each rollback since the plan was last replaced was injected, by {@code "<consumer>
     * <eventId>"} (at most {@value #ROLLBACKS_KEPT}): a test proves the rollback happened by an
     * effect applied after that instant, by a redelivery, since the staged one was undone.
     */
    public Map<String, Instant> injectedRollbacks() {
        return Map.copyOf(rollbacks);
    }

    /**
     * Whether {@code eventId} of {@code customerId}'s order (asked only if it matters) is to be
     * published a second time.
     */
    public boolean publishTwice(String eventId, Supplier<String> customerId) {
        FaultPlan current = plan;
        return FaultPlan.selects(current.duplicatePublishEvery(), eventId)
                && (current.customerPrefix() == null || current.covers(customerId.get()));
    }
}
