/**
 * Test support for integration testers of the outbox EAR: deploy the real EAR with your tests,
 * drive the order API, wait for the outbox to drain and assert each committed order's effects
 * exactly once.
 */
package org.outboxlab.testsupport;
