/**
 * The comparison lab's engine: orders driven through their lifecycle ({@link
 * org.outboxlab.scenario.LifecycleLoad}), the scenarios ({@link org.outboxlab.scenario.Scenario}),
 * each a {@link org.outboxlab.scenario.LabScenario} registered once in a {@link
 * org.outboxlab.scenario.ScenarioRegistry} and built from the shared {@link
 * org.outboxlab.scenario.ScenarioSteps} (those a running server takes run through {@link
 * org.outboxlab.scenario.ServerUpScenarios}), and an audit that reads the database of record and
 * the dead-letter queues directly ({@link org.outboxlab.scenario.Audit}), written as {@link
 * org.outboxlab.scenario.ReportJson}. The scenarios that kill WildFly, the broker or the database,
 * and the processes they kill ({@code LabTopology}, {@code ScenarioRunner}), are in the lab-control
 * module (package {@code org.outboxlab.control}).
 */
package org.outboxlab.scenario;
