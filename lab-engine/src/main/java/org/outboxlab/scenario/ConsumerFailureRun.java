package org.outboxlab.scenario;

import java.util.Map;

/**
 * {@code consumer-failure}: consumers fail the first delivery of one event in {@value
 * #TRANSIENT_EVERY}, and every delivery of one poison order per mode, which must end in its
 * dead-letter queue while the rest take effect once.
 */
final class ConsumerFailureRun extends ServerUpRun {

    /** Consumers fail the first delivery of one event in this many. */
    static final int TRANSIENT_EVERY = 7;

    @Override
    public Scenario scenario() {
        return Scenario.CONSUMER_FAILURE;
    }

    @Override
    String arm(LabTarget target, String tag) {
        target.faults(
                "{\"transientFailureEvery\":"
                        + TRANSIENT_EVERY
                        + ",\"poisonCustomerSuffix\":\"-poison\","
                        + "\"customerPrefix\":\""
                        + tag
                        + "\"}");
        return "one poison order per mode; consumers fail the first delivery of 1 event in "
                + TRANSIENT_EVERY;
    }

    @Override
    void started(Map<String, LifecycleLoad> loads) {
        loads.values().forEach(l -> l.placeOne("poison"));
    }
}
