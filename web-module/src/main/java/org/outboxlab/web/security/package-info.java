/** Who may do what: the roles the REST API and the console both check. */
package org.outboxlab.web.security;
