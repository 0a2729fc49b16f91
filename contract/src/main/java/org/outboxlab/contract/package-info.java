/**
 * The product's shared names and shapes: what a write mode, an event type, a consumer or a crash
 * point is called wherever it appears (database, broker, API, lab, tests), the API's problem types,
 * and the fault plan the server applies and the lab arms. Nothing here depends on anything.
 */
package org.outboxlab.contract;
