package org.outboxlab.consume;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.MessageDriven;
import org.junit.jupiter.api.Test;
import org.outboxlab.contract.ConsumerName;

/**
 * Each consumer's bean name, which the lab's tooling uses to stop and start its delivery through
 * the management model, is the simple name of a message-driven bean of this package.
 */
class ConsumerBeanNamesTest {

    @Test
    void everyConsumerNamesItsMessageDrivenBean() throws ClassNotFoundException {
        for (ConsumerName consumer : ConsumerName.values()) {
            Class<?> bean =
                    Class.forName(
                            ConsumerBeanNamesTest.class.getPackageName()
                                    + "."
                                    + consumer.beanName());
            assertTrue(bean.isAnnotationPresent(MessageDriven.class), bean.getName());
        }
    }
}
