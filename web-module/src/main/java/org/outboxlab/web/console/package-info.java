/**
 * The admin console (Jakarta Faces under {@code /outbox/console/}): dashboard, outbox browser, dead
 * letters, relay control, orders and lab results, behind FORM login; {@code outbox-admin} may act,
 * {@code outbox-viewer} may only look.
 */
package org.outboxlab.web.console;
