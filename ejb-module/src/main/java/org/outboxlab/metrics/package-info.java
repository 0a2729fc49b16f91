/**
 * The relay's and the consumers' meters, and the facts other packages report to them: committed
 * work arrives as CDI events observed after a successful commit, so a rolled-back transaction
 * counts nothing. Depends on the contract only.
 */
package org.outboxlab.metrics;
