/** Orders, stock and the three write modes that record an order and send its event. */
package org.outboxlab.order;
