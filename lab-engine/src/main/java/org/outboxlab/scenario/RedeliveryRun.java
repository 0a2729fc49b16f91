package org.outboxlab.scenario;

import org.outboxlab.contract.FaultPlan;

/**
 * {@code redelivery}: one event in {@value #REPUBLISH_EVERY} is published twice past the broker's
 * duplicate detection, and consumers roll back one event in {@value #ROLLBACK_EVERY} after staging
 * its effect; the inboxes must absorb every repeat.
 */
final class RedeliveryRun extends ServerUpRun {

    static final int REPUBLISH_EVERY = 5;
    static final int ROLLBACK_EVERY = 6;

    @Override
    public Scenario scenario() {
        return Scenario.REDELIVERY;
    }

    @Override
    FaultPlan plan(String tag) {
        return new FaultPlan(null, 0, null, REPUBLISH_EVERY, ROLLBACK_EVERY, tag);
    }

    @Override
    String note() {
        return "1 event in "
                + REPUBLISH_EVERY
                + " published twice past the broker's duplicate detection; "
                + "consumers roll back 1 event in "
                + ROLLBACK_EVERY
                + " after staging its effect";
    }
}
