package org.outboxlab.web.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API under {@code /outbox/api}. */
@ApplicationPath("api")
public class OutboxApi extends Application {}
