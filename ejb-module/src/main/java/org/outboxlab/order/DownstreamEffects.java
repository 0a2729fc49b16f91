package org.outboxlab.order;

import java.util.List;
import java.util.Map;
import org.outboxlab.contract.ConsumerName;

/**
 * What the consumers applied for an order, as the order side reads it; the consumers' side answers,
 * so the order side never reads the consumers' tables itself.
 */
public interface DownstreamEffects {

    /**
     * Every consumer's effects for {@code orderId}, oldest first; a consumer with none maps to an
     * empty list.
     */
    Map<ConsumerName, List<DownstreamEffect>> of(String orderId);
}
