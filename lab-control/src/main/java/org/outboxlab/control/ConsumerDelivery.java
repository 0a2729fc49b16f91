package org.outboxlab.control;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.outboxlab.contract.ConsumerName;

/**
 * The WildFly CLI commands that stop or start the delivery of every consumer's message-driven bean
 * in the deployed EAR. Stopped, messages wait in their queues; nothing is lost or redelivered.
 */
public final class ConsumerDelivery {

    private static final String BEANS =
            "/deployment=outbox.ear/subdeployment=outbox-ejb.jar/subsystem=ejb3/message-driven-bean=";

    private ConsumerDelivery() {}

    /** Stops every consumer's delivery. */
    public static String stop() {
        return commands("stop-delivery");
    }

    /** Starts every consumer's delivery again. */
    public static String start() {
        return commands("start-delivery");
    }

    private static String commands(String operation) {
        return Arrays.stream(ConsumerName.values())
                .map(consumer -> BEANS + consumer.beanName() + ":" + operation)
                .collect(Collectors.joining(","));
    }
}
