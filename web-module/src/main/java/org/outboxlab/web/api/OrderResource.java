package org.outboxlab.web.api;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import org.outboxlab.order.IdempotencyKey;
import org.outboxlab.order.OrderDetails;
import org.outboxlab.order.OrderQueries;
import org.outboxlab.order.OrderService;
import org.outboxlab.order.OrderStatus;
import org.outboxlab.order.PlaceOrder;
import org.outboxlab.order.WrittenEvent;

/**
 * Places orders, moves them through their lifecycle and shows them with their events and effects.
 */
@RequestScoped
@Path("orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    @EJB OrderService orders;

    @EJB OrderQueries queries;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response place(
            InputStream body,
            @HeaderParam("traceparent") String traceParent,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @HeaderParam("Content-Length") Long contentLength,
            @Context UriInfo uri) {
        if (contentLength != null && contentLength > OrderRequestReader.MAX_BODY_BYTES) {
            throw new ProblemException(
                    413, null, "body larger than " + OrderRequestReader.MAX_BODY_BYTES + " bytes");
        }
        requireValidKey(idempotencyKey);
        PlaceOrder request = OrderRequestReader.read(body, traceParent);
        WrittenEvent written =
                orders.place(
                        new PlaceOrder(
                                request.customerId(),
                                request.lines(),
                                request.mode(),
                                request.traceParent(),
                                idempotencyKey));
        return Response.created(uri.getAbsolutePathBuilder().path(written.orderId()).build())
                .entity(written)
                .build();
    }

    /**
     * A key is 1 to 200 visible ASCII characters (a UUID is a good one); absent means no
     * idempotency.
     */
    private static void requireValidKey(String key) {
        if (key == null) {
            return;
        }
        if (key.isEmpty()
                || key.length() > IdempotencyKey.MAX_LENGTH
                || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new ProblemException(
                    400,
                    "Idempotency-Key",
                    "Idempotency-Key must be 1 to "
                            + IdempotencyKey.MAX_LENGTH
                            + " visible ASCII characters");
        }
    }

    @GET
    @Path("{id}")
    public OrderDetails get(@PathParam("id") String id) {
        return queries.details(id);
    }

    @POST
    @Path("{id}/pay")
    public WrittenEvent pay(
            @PathParam("id") String id, @HeaderParam("traceparent") String traceParent) {
        return orders.advance(id, OrderStatus.PAID, traceParent);
    }

    @POST
    @Path("{id}/ship")
    public WrittenEvent ship(
            @PathParam("id") String id, @HeaderParam("traceparent") String traceParent) {
        return orders.advance(id, OrderStatus.SHIPPED, traceParent);
    }

    @POST
    @Path("{id}/cancel")
    public WrittenEvent cancel(
            @PathParam("id") String id, @HeaderParam("traceparent") String traceParent) {
        return orders.advance(id, OrderStatus.CANCELLED, traceParent);
    }
}
