/**
 * The comparison lab's engine: orders driven through their lifecycle ({@link
 * org.outboxlab.scenario.LifecycleLoad}), the scenarios ({@link org.outboxlab.scenario.Scenario};
 * those a running server takes in {@link org.outboxlab.scenario.ServerUpScenarios}), and an audit
 * that reads the database of record and the dead-letter queues directly ({@link
 * org.outboxlab.scenario.Audit}), written as {@link org.outboxlab.scenario.ReportJson}. The
 * scenarios that kill WildFly or the broker, and the processes they kill ({@code LabTopology},
 * {@code ScenarioRunner}), are in the arquillian-tests module's part of this package.
 */
package org.outboxlab.scenario;
