package org.outboxlab.scenario;

import org.outboxlab.contract.FaultPlan;

/**
 * {@code consumer-failure}: consumers fail the first delivery of one event in {@value
 * #TRANSIENT_EVERY}, and every delivery of one poison order per mode, which must end in its
 * dead-letter queue while the rest take effect once.
 */
final class ConsumerFailureRun extends ServerUpRun {

    /** Consumers fail the first delivery of one event in this many. */
    static final int TRANSIENT_EVERY = 7;

    private static final String POISON = "poison";

    @Override
    public Scenario scenario() {
        return Scenario.CONSUMER_FAILURE;
    }

    @Override
    FaultPlan plan(String tag) {
        return new FaultPlan(null, TRANSIENT_EVERY, "-" + POISON, 0, 0, tag);
    }

    @Override
    String note() {
        return "one poison order per mode; consumers fail the first delivery of 1 event in "
                + TRANSIENT_EVERY;
    }

    @Override
    void started(UnderLoad load) {
        load.loads().values().forEach(l -> l.placePoison(POISON));
    }
}
