/** The lab: runs the real server as a separate process and drives and audits it from outside. */
package org.outboxlab.lab;
