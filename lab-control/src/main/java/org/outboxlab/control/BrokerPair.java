package org.outboxlab.control;

import jakarta.jms.JMSException;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The lab's standalone Artemis: one broker, or a primary/backup pair on one journal. Killing the
 * broker kills the primary; the journal survives, and a started primary takes it back from the
 * backup.
 */
final class BrokerPair {

    private final BrokerProcess primary;

    /** Of a pair, the backup; else null. */
    private final BrokerProcess backup;

    private BrokerPair(BrokerProcess primary, BrokerProcess backup) {
        this.primary = primary;
        this.backup = backup;
    }

    /** One broker listening on {@code port}. */
    static BrokerPair single(Path jmsConfig, Path dir, Path distribution, int port) {
        return new BrokerPair(new BrokerProcess(jmsConfig, dir, distribution, port), null);
    }

    /** A primary on {@code port} and its backup on {@code port + 1}. */
    static BrokerPair pair(Path jmsConfig, Path dir, Path distribution, int port) {
        List<BrokerProcess> pair = BrokerProcess.pair(jmsConfig, dir, distribution, port, port + 1);
        return new BrokerPair(pair.get(0), pair.get(1));
    }

    boolean isPair() {
        return backup != null;
    }

    /** The primary's port. */
    int port() {
        return primary.port();
    }

    /** The backup's port; only for a pair. */
    int backupPort() {
        return backup.port();
    }

    /** The application's broker user's password. */
    String password() {
        return primary.password();
    }

    /** Starts the primary and, of a pair, the backup. */
    void startAll() {
        primary.start();
        if (backup != null) {
            backup.start();
        }
    }

    /** Starts the primary again on its journal; returns once it accepts connections. */
    void startPrimary() {
        primary.start();
    }

    /** SIGKILL to the primary; its journal survives. */
    void killPrimary() {
        primary.kill();
    }

    void stopAll() {
        if (backup != null) {
            backup.stop();
        }
        primary.stop();
    }

    /** Waits until the backup accepts connections; returns how long that took. */
    Duration awaitBackupLive(Duration timeout) throws InterruptedException {
        if (backup == null) {
            throw new IllegalStateException("the broker has no backup");
        }
        long started = System.nanoTime();
        while (System.nanoTime() - started < timeout.toNanos()) {
            try (Socket probe = new Socket("127.0.0.1", backup.port())) {
                return Duration.ofNanos(System.nanoTime() - started);
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException(
                "the backup broker did not take over within " + timeout.toSeconds() + " s");
    }

    /** The URL a client connects with (both brokers of a pair, with failover). */
    String url() {
        if (backup != null) {
            return "(tcp://127.0.0.1:"
                    + primary.port()
                    + ",tcp://127.0.0.1:"
                    + backup.port()
                    + ")?ha=true";
        }
        return "tcp://127.0.0.1:" + primary.port();
    }

    /** A factory that logs in as the broker's administrator (management included). */
    ActiveMQConnectionFactory adminFactory() {
        return new ActiveMQConnectionFactory(url(), BrokerProcess.ADMIN, primary.adminPassword());
    }

    /** Invokes a management operation as the broker's administrator. */
    Object manage(String resource, String operation, Object... parameters) {
        try (ActiveMQConnectionFactory factory = adminFactory();
                jakarta.jms.Connection connection = factory.createConnection()) {
            return BrokerManagement.invoke(connection, resource, operation, parameters);
        } catch (JMSException e) {
            throw new IllegalStateException(
                    "broker management " + resource + "." + operation + ": " + e, e);
        }
    }

    /**
     * Whether the application's broker user may use the broker's management address: asks for the
     * broker's version as that user and returns false only when the broker refuses it for lack of
     * permission (any other failure throws, so an unreachable broker proves nothing).
     */
    boolean applicationUserMayManage() {
        try (ActiveMQConnectionFactory factory =
                        new ActiveMQConnectionFactory(
                                url(), BrokerProcess.USER, primary.password());
                jakarta.jms.Connection connection = connect(factory)) {
            BrokerManagement.attribute(connection, "broker", "version");
            return true;
        } catch (jakarta.jms.JMSSecurityException refused) {
            return false;
        } catch (JMSException e) {
            throw new IllegalStateException(
                    "broker management as " + BrokerProcess.USER + ": " + e, e);
        }
    }

    /** A connection whose sends wait for the broker's answer, so a refusal fails the send. */
    private static jakarta.jms.Connection connect(ActiveMQConnectionFactory factory)
            throws JMSException {
        factory.setBlockOnNonDurableSend(true);
        factory.setCallTimeout(5000);
        return factory.createConnection();
    }

    /** Event ids parked in each consumer's dead-letter queue, by consumer id. */
    Map<String, Set<String>> deadLetters() {
        return DeadLetterBrowser.browse(url(), BrokerProcess.USER, primary.password());
    }
}
