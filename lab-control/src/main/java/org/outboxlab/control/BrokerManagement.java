package org.outboxlab.control;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueRequestor;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;

/**
 * Invokes Artemis management operations through the broker's management address ({@code
 * activemq.management}), as its own console does: create a divert, pause a queue. The connection's
 * user needs the {@code manage} permission.
 */
public final class BrokerManagement {

    private BrokerManagement() {}

    /**
     * Reads {@code attribute} of {@code resource} (such as {@code groupCount} of {@code
     * queue.FulfilmentEvents}).
     */
    public static Object attribute(Connection connection, String resource, String attribute)
            throws JMSException {
        return request(
                connection,
                resource,
                attribute,
                request -> JMSManagementHelper.putAttribute(request, resource, attribute));
    }

    /**
     * Invokes {@code operation} on {@code resource} (a {@code ResourceNames} name, such as {@code
     * "broker"} or {@code "queue.FulfilmentEvents"}) and returns its result; fails if the broker
     * refuses it.
     */
    public static Object invoke(
            Connection connection, String resource, String operation, Object... parameters)
            throws JMSException {
        return request(
                connection,
                resource,
                operation,
                request ->
                        JMSManagementHelper.putOperationInvocation(
                                request, resource, operation, parameters));
    }

    /** How a management request is filled in. */
    private interface Filling {
        void fill(Message request) throws Exception;
    }

    private static Object request(
            Connection connection, String resource, String operation, Filling filling)
            throws JMSException {
        try (QueueSession session =
                ((QueueConnection) connection)
                        .createQueueSession(false, Session.AUTO_ACKNOWLEDGE)) {
            connection.start();
            QueueRequestor requestor =
                    new QueueRequestor(
                            session, ActiveMQJMSClient.createQueue("activemq.management"));
            Message request = session.createMessage();
            try {
                filling.fill(request);
                Message reply = requestor.request(request);
                if (reply == null) {
                    throw new IllegalStateException(
                            "no answer from the broker to " + resource + "." + operation);
                }
                Object result = JMSManagementHelper.getResult(reply);
                if (!JMSManagementHelper.hasOperationSucceeded(reply)) {
                    throw new IllegalStateException(
                            "broker refused " + resource + "." + operation + ": " + result);
                }
                return result;
            } catch (JMSException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(
                        resource + "." + operation + ": " + e.getMessage(), e);
            }
        }
    }
}
