package org.outboxlab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.outboxlab.cluster.WakeOwner;
import org.outboxlab.cluster.WakeupChannel;
import org.outboxlab.testsupport.Await;
import org.outboxlab.testsupport.OutboxDeployments;

/**
 * The wake-up listener's connection goes back to the outbox pool listening to nothing, whether the
 * listener stops (an undeployment, a redeployment) or its receiver throws. Each connection the
 * channel takes from the pool is checked ({@code pg_listening_channels()}) at the moment it is
 * handed back, so the check sees exactly the connections the channel used.
 */
@ExtendWith(ArquillianExtension.class)
public class WakeupChannelPostgresIT {

    private final List<Long> channelsAtReturn = new CopyOnWriteArrayList<>();
    private final AtomicInteger heard = new AtomicInteger();

    @Deployment
    public static EnterpriseArchive deployment() {
        return OutboxDeployments.ear(WakeupChannelPostgresIT.class);
    }

    @Test
    public void aStoppedChannelReturnsItsConnectionUnlistened() throws Exception {
        WakeupChannel channel =
                new WakeupChannel(recording(), payloads -> heard.incrementAndGet(), 100);
        Thread thread = run(channel);
        awaitHeard(1);
        channel.stop();
        thread.join(WakeupChannel.stopWithinMs());
        assertFalse(thread.isAlive(), "the channel stopped");
        assertEquals(
                List.of(0L), channelsAtReturn, "channels listened to when returned to the pool");
    }

    @Test
    public void aChannelWhoseReceiverThrewReturnsItsConnectionUnlistened() throws Exception {
        WakeupChannel channel =
                new WakeupChannel(
                        recording(),
                        payloads -> {
                            if (heard.incrementAndGet() == 1) {
                                throw new IllegalStateException("receiver failed");
                            }
                        },
                        100);
        Thread thread = run(channel);
        awaitHeard(2); // heard again on a connection taken after the failure
        channel.stop();
        thread.join(WakeupChannel.stopWithinMs());
        assertEquals(
                List.of(0L, 0L),
                channelsAtReturn,
                "channels listened to when returned to the pool");
    }

    private static Thread run(WakeupChannel channel) {
        Thread thread = new Thread(channel, "wakeup-channel-under-test");
        thread.start();
        return thread;
    }

    /** Notifies until the channel has heard {@code count} batches: it listens by then. */
    private void awaitHeard(int count) {
        Await.until(
                "the channel to hear " + count + " notice(s)",
                Duration.ofSeconds(30),
                () -> {
                    notifyChannel();
                    return heard.get() >= count;
                },
                heard::get);
    }

    private void notifyChannel() {
        try (Connection connection = outbox().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("select pg_notify('" + WakeOwner.CHANNEL + "', 'probe')");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The outbox pool, each connection checked for the channels it listens to as it is closed. */
    private DataSource recording() {
        return proxy(
                DataSource.class,
                (method, args) -> {
                    Object result = method.invoke(outbox(), args);
                    return result instanceof Connection connection ? recorded(connection) : result;
                });
    }

    private Connection recorded(Connection connection) {
        return proxy(
                Connection.class,
                (method, args) -> {
                    if (method.getName().equals("close")) {
                        channelsAtReturn.add(listening(connection));
                    }
                    return method.invoke(connection, args);
                });
    }

    private static long listening(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery("select count(*) from pg_listening_channels()")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private interface Call {
        Object invoke(Method method, Object[] args) throws Exception;
    }

    private static <T> T proxy(Class<T> type, Call call) {
        return type.cast(
                Proxy.newProxyInstance(
                        WakeupChannelPostgresIT.class.getClassLoader(),
                        new Class<?>[] {type},
                        (self, method, args) -> {
                            try {
                                return call.invoke(method, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }));
    }

    private static DataSource outbox() {
        try {
            return (DataSource) new InitialContext().lookup("java:jboss/datasources/OutboxDS");
        } catch (NamingException e) {
            throw new IllegalStateException(e);
        }
    }
}
