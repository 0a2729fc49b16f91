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
 * On H2 the EAR refuses change data capture ({@code outbox.cdc.enabled=true}) at deployment, with
 * one message that says why and what to set instead, rather than accepting CDC orders whose changes
 * nothing can read.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class ChangeCaptureRefusedOnH2IT extends RefusedDeployment {

    private static final String NAME = "cdc-on-h2";

    @Deployment(name = NAME, managed = false)
    public static EnterpriseArchive deployment() {
        return OutboxDeployments.ear(
                Map.of("outbox.cdc.enabled", "true"), ChangeCaptureRefusedOnH2IT.class);
    }

    @Test
    public void theDeploymentFailsSayingWhy() {
        String messages = refused(NAME);
        assertTrue(
                messages.contains("outbox.cdc.enabled=true reads PostgreSQL's write-ahead log")
                        && messages.contains("outbox.cdc.enabled=false"),
                messages);
    }
}
