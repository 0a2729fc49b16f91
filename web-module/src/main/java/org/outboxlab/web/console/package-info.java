/**
 * The admin console (Jakarta Faces under {@code /outbox/console/}): dashboard, outbox browser, dead
 * letters, relay control, orders and the lab (comparisons started here, every run's results),
 * behind FORM login; {@code outbox-admin} may act, {@code outbox-viewer} may only look.
 */
package org.outboxlab.web.console;
