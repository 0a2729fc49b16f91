/** The REST API: orders and products, with problem documents for every refusal. */
package org.outboxlab.web.api;
