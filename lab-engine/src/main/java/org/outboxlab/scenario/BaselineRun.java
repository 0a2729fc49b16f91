package org.outboxlab.scenario;

import org.outboxlab.contract.FaultPlan;

/** {@code baseline}: load and nothing else, what every other scenario is measured against. */
final class BaselineRun extends ServerUpRun {

    @Override
    public Scenario scenario() {
        return Scenario.BASELINE;
    }

    @Override
    FaultPlan plan(String tag) {
        return FaultPlan.NONE;
    }

    @Override
    String note() {
        return null;
    }
}
