/**
 * The comparison lab's engine: WildFly, PostgreSQL and a standalone Artemis broker as processes of
 * their own ({@link org.outboxlab.scenario.LabTopology}), orders driven through their lifecycle
 * ({@link org.outboxlab.scenario.LifecycleLoad}), real faults ({@link org.outboxlab.scenario.Scenario}),
 * and an audit that reads the databases and the broker directly ({@link org.outboxlab.scenario.Audit}).
 */
package org.outboxlab.scenario;
