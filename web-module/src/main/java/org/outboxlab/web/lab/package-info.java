/**
 * Comparisons started from the admin console and run inside this server: the server as a lab
 * target, the request, and the one-at-a-time runner that writes each report where the lab's own go.
 */
package org.outboxlab.web.lab;
