package org.outboxlab.scenario;

/** {@code baseline}: load and nothing else, what every other scenario is measured against. */
final class BaselineRun extends ServerUpRun {

    @Override
    public Scenario scenario() {
        return Scenario.BASELINE;
    }

    @Override
    String arm(LabTarget target, String tag) {
        return null;
    }
}
