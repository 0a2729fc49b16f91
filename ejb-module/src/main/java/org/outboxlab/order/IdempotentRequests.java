package org.outboxlab.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.outboxlab.contract.WriteMode;

/**
 * What makes two order requests the same for an {@code Idempotency-Key}: the customer, the write
 * mode (the default resolved) and the lines in their order, hashed (SHA-256); the trace context is
 * not part of it, a retry may carry a new one.
 */
final class IdempotentRequests {

    private IdempotentRequests() {}

    static String hash(PlaceOrder command, WriteMode mode) {
        StringBuilder canonical =
                new StringBuilder().append(command.customerId()).append('\n').append(mode);
        for (PlaceOrder.Line line : command.lines()) {
            canonical.append('\n').append(line.sku()).append('\t').append(line.quantity());
        }
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
