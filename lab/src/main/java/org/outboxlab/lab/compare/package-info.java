/**
 * The comparison: every selected write mode in every selected scenario against WildFly, PostgreSQL
 * and a standalone broker run as processes of their own, audited, and written as report.json,
 * report.md and report.html.
 */
package org.outboxlab.lab.compare;
