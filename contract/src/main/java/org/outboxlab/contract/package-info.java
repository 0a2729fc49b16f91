/**
 * The product's shared names: what a write mode, an event type, a consumer or a crash point is
 * called wherever it appears (database, broker, API, lab, tests). Nothing here depends on anything.
 */
package org.outboxlab.contract;
