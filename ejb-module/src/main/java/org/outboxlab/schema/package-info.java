/** The database schema: versioned migrations, applied as the persistence unit starts. */
package org.outboxlab.schema;
