package org.outboxlab.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.outboxlab.testsupport.OutboxDeployments;

/**
 * On H2 the EAR refuses {@code outbox.relay.strategy=log-tailing} at deployment, with one message
 * that says why and what to set instead, rather than starting a relay that can publish nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class LogTailingRefusedOnH2IT extends RefusedDeployment {

    private static final String NAME = "log-tailing-on-h2";

    @Deployment(name = NAME, managed = false)
    public static EnterpriseArchive deployment() {
        return OutboxDeployments.ear(
                Map.of("outbox.relay.strategy", "log-tailing"), LogTailingRefusedOnH2IT.class);
    }

    @Test
    public void theDeploymentFailsSayingWhy() {
        String messages = refused(NAME);
        assertTrue(
                messages.contains("log-tailing reads PostgreSQL's write-ahead log")
                        && messages.contains("outbox.relay.strategy=polling"),
                messages);
    }
}
