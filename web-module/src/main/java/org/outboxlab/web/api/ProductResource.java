package org.outboxlab.web.api;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.outboxlab.order.OrderQueries;

/** The catalogue with current stock. */
@RequestScoped
@Path("products")
@Produces(MediaType.APPLICATION_JSON)
public class ProductResource {

    @EJB OrderQueries queries;

    /** One catalogue entry. */
    public record ProductView(String sku, String name, long priceCents, int stock) {}

    @GET
    public List<ProductView> list() {
        return queries.catalogue().stream()
                .map(p -> new ProductView(p.getSku(), p.getName(), p.getPriceCents(), p.getStock()))
                .toList();
    }
}
