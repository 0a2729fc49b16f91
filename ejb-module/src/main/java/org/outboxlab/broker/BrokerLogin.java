package org.outboxlab.broker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Opens connections on the relay's plain connection factory with the broker credentials ({@code
 * outbox.broker.user}, {@code outbox.broker.password}) when a remote broker requires a login, and
 * without any for the broker embedded in WildFly.
 */
@ApplicationScoped
public class BrokerLogin {

    @Inject
    @ConfigProperty(name = "outbox.broker.user")
    Optional<String> user;

    @Inject
    @ConfigProperty(name = "outbox.broker.password")
    Optional<String> password;

    public Connection connection(ConnectionFactory factory) throws JMSException {
        return user.isPresent()
                ? factory.createConnection(user.get(), password.orElse(null))
                : factory.createConnection();
    }

    public JMSContext context(ConnectionFactory factory) {
        return user.isPresent()
                ? factory.createContext(user.get(), password.orElse(null))
                : factory.createContext();
    }
}
