/**
 * The lab's processes on loopback, each able to fail alone, and the scenarios that make them fail:
 * PostgreSQL, a standalone Artemis broker or pair and one to three stock WildFly nodes started from
 * the server parts a build provides ({@link org.outboxlab.control.ServerParts}), composed by {@link
 * org.outboxlab.control.LabTopology}, killed with real signals, restarted on their data, and
 * managed (the broker's management, the fault plan, the WildFly CLI). Each process-killing scenario
 * is a {@link org.outboxlab.scenario.LabScenario} of its own, registered once by {@link
 * org.outboxlab.control.ScenarioRunner}.
 */
package org.outboxlab.control;
