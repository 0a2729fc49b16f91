package org.outboxlab.it;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Timestamp;
import java.util.UUID;
import org.outboxlab.contract.EventIds;
import org.outboxlab.testsupport.OutboxProbe;

/**
 * Plants what the application itself never writes, for the console's browser tests (which run
 * outside the server): an outbox row that failed, with the payload and error text given. Deployed
 * only with the tests; answers {@code "<eventId> <orderId>"}.
 */
@WebServlet("/test-fixtures/failed-event")
public class ConsoleFixtures extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String eventId = EventIds.next();
        String orderId = UUID.randomUUID().toString();
        String payload = request.getParameter("payload").replace("ORDER_ID", orderId);
        OutboxProbe.inServer()
                .update(
                        "insert into outbox_event (event_id, aggregate_type, aggregate_id, event_type, "
                                + "sequence_no, schema_version, occurred_at, payload, write_mode, status, attempts, last_error) "
                                + "values (?, 'Order', ?, 'OrderPlaced', 1, 1, ?, ?, 'OUTBOX', 'FAILED', 10, ?)",
                        eventId,
                        orderId,
                        new Timestamp(System.currentTimeMillis()),
                        payload,
                        request.getParameter("error"));
        response.setContentType("text/plain");
        response.getWriter().write(eventId + " " + orderId);
    }
}
