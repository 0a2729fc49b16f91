/** Health checks of the outbox EAR, as WildFly's MicroProfile Health subsystem reports them. */
package org.outboxlab.health;
