package org.outboxlab.it;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.outboxlab.testsupport.Await;
import org.outboxlab.testsupport.OrderApi;
import org.outboxlab.testsupport.OutboxProbe;
import org.outboxlab.testsupport.OutboxRelayControl;

/**
 * Plants a gap that will never close, for the console's browser tests: an order placed and paid
 * with the relay paused, its first event then taken out of the outbox as if it had been sent
 * elsewhere (status {@code DIRECT}), so only the second is published and every consumer holds it,
 * waiting for sequence 1. Deployed only with the tests; answers the order id once all three
 * consumers hold it.
 */
@WebServlet("/test-fixtures/held-event")
public class HeldEventFixture extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        OrderApi api = OrderApi.local();
        OutboxProbe probe = OutboxProbe.inServer();
        String[] orderId = new String[1];
        OutboxRelayControl.whilePaused(
                () -> {
                    orderId[0] = api.placed("held-" + System.nanoTime(), "OUTBOX", "MUG-1", 1);
                    if (api.advance(orderId[0], "pay").status() != 200) {
                        throw new IllegalStateException("could not pay " + orderId[0]);
                    }
                    probe.update(
                            "update outbox_event set status = 'DIRECT' where aggregate_id = ? and sequence_no = 1",
                            orderId[0]);
                });
        Await.until(
                "every consumer to hold the paid event of " + orderId[0],
                Duration.ofSeconds(30),
                () ->
                        probe.count(
                                        "select count(*) from held_event where order_id = ?",
                                        orderId[0])
                                == 3,
                () ->
                        probe.count(
                                        "select count(*) from held_event where order_id = ?",
                                        orderId[0])
                                + " held");
        response.setContentType("text/plain");
        response.getWriter().write(orderId[0]);
    }
}
