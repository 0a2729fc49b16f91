package org.outboxlab.scenario;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What the lab did in one write mode of one scenario, before the audit looks at the databases: when
 * load ran, when the fault was over, and every request with what its client learned.
 *
 * @param faultPointReached whether the server said it reached {@code faultPoint} (its own log line)
 *     before its JVM halted; {@code false} without a fault point
 * @param tag the customer-id prefix of every order of this run
 * @param faultOver when the injected fault ended (the process back, the fault plan cleared); the
 *     load's end for a run without a fault
 * @param poisonedCustomers customers whose events the scenario poisons on purpose: their dead
 *     letters are expected; any other event in a dead-letter queue is an effect that did not happen
 */
public record RunRecord(
        String mode,
        String scenario,
        String faultPoint,
        boolean faultPointReached,
        String tag,
        Instant loadStart,
        Instant loadEnd,
        Instant faultOver,
        long ordersAttempted,
        List<WriteRequest> requests,
        Set<String> poisonedCustomers,
        String note) {}
