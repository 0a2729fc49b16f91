package org.outboxlab.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;

/**
 * The test server's management model, for tests that run as its client: addresses of the app's
 * resources (its message-driven beans, the embedded broker's queues), operations on them that must
 * succeed, and the metrics page.
 */
final class ServerModel {

    private final ManagementClient management;

    ServerModel(ManagementClient management) {
        this.management = management;
    }

    /** A message-driven bean of the outbox EAR, e.g. {@code FulfilmentConsumer}. */
    static ModelNode messageDrivenBean(String name) {
        return address(
                "deployment",
                "outbox.ear",
                "subdeployment",
                "outbox-ejb.jar",
                "subsystem",
                "ejb3",
                "message-driven-bean",
                name);
    }

    /**
     * A resource of the embedded broker: {@code queue} (a core queue, such as a subscription),
     * {@code jms-queue}, …
     */
    static ModelNode messaging(String type, String name) {
        return address("subsystem", "messaging-activemq", "server", "default", type, name);
    }

    static ModelNode address(String... pairs) {
        ModelNode address = new ModelNode();
        for (int i = 0; i < pairs.length; i += 2) {
            address.add(pairs[i], pairs[i + 1]);
        }
        return address;
    }

    static ModelNode op(ModelNode address, String name) {
        ModelNode op = new ModelNode();
        op.get("address").set(address);
        op.get("operation").set(name);
        return op;
    }

    /** Runs {@code op} and returns its result; fails the test if the server refused it. */
    ModelNode execute(ModelNode op) {
        try {
            ModelNode result = management.getControllerClient().execute(op);
            if (!"success".equals(result.get("outcome").asString())) {
                throw new AssertionError(op + " failed: " + result);
            }
            return result.get("result");
        } catch (IOException e) {
            throw new AssertionError(op + " failed", e);
        }
    }

    /** The Prometheus page of the management interface. */
    static String metrics() {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:9990/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted reading /metrics", e);
        }
    }
}
