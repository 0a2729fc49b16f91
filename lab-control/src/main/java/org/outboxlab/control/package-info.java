/**
 * The lab's processes on loopback, each able to fail alone, and the scenarios that make them fail:
 * PostgreSQL, a standalone Artemis broker and a stock WildFly started from the server parts a build
 * provides ({@link org.outboxlab.control.ServerParts}), killed with real signals, restarted on
 * their data, and managed (the broker's management, the fault plan, the WildFly CLI).
 */
package org.outboxlab.control;
