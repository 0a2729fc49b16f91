/** Operating the application: start-up seeding, and later housekeeping, metrics and health. */
package org.outboxlab.ops;
