package org.outboxlab.web.api;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.outboxlab.contract.WriteMode;
import org.outboxlab.order.PlaceOrder;

/**
 * Whether the order API's hand-written reader ({@link OrderRequestReader}) may give way to JSON-B
 * and Bean Validation: parses a typical three-line order with each, after a warm-up, and prints
 * operations per second. Not a test: after {@code ./mvnw -pl web-module -am test}, from web-module,
 * {@code java -cp target/test-classes:target/classes:../contract/target/classes:
 * ../ejb-module/target/classes:../lab-engine/target/classes:<the rest of the test classpath, from
 * dependency:build-classpath -Dmdep.includeScope=test> org.outboxlab.web.api.OrderRequestBenchmark
 * [iterations]}. Measured on 2 cores with 1,000,000 iterations: about 270,000 to 355,000 orders per
 * second by hand, 91,000 to 101,000 with JSON-B and Bean Validation, so the hand-written reader
 * stays.
 */
public final class OrderRequestBenchmark {

    static final String ORDER =
            "{\"customerId\":\"customer-42\",\"mode\":\"OUTBOX\",\"lines\":["
                    + "{\"sku\":\"BOOK-1\",\"quantity\":2},"
                    + "{\"sku\":\"MUG-1\",\"quantity\":1},"
                    + "{\"sku\":\"PEN-1\",\"quantity\":10}]}";

    /** The request as JSON-B would bind it, with the reader's rules as constraints. */
    public record OrderRequest(
            @NotNull(message = "is required")
                    @Pattern(
                            regexp = "[A-Za-z0-9._@-]{1,64}",
                            message = "must be 1 to 64 letters, digits or . _ @ -")
                    String customerId,
            @NotNull(message = "is required")
                    @Size(
                            min = 1,
                            max = OrderRequestReader.MAX_LINES,
                            message = "must hold 1 to 50 lines")
                    List<@Valid @NotNull(message = "must be an object with sku and quantity") Line>
                            lines,
            String mode) {}

    /** One line of {@link OrderRequest}. */
    public record Line(
            @NotNull(message = "is required")
                    @Pattern(
                            regexp = "[A-Za-z0-9._-]{1,40}",
                            message = "must be 1 to 40 letters, digits or . _ -")
                    String sku,
            @NotNull(message = "is required")
                    @Min(value = 1, message = "must be between 1 and 1000")
                    @Max(
                            value = OrderRequestReader.MAX_QUANTITY,
                            message = "must be between 1 and 1000")
                    Integer quantity) {}

    private static final Validator VALIDATOR =
            Validation.buildDefaultValidatorFactory().getValidator();

    private OrderRequestBenchmark() {}

    /** The JSON-B and Bean Validation reader this measures against the hand-written one. */
    static PlaceOrder bound(byte[] body) {
        OrderRequest request =
                StrictJsonb.JSONB.fromJson(new ByteArrayInputStream(body), OrderRequest.class);
        Set<ConstraintViolation<OrderRequest>> violations = VALIDATOR.validate(request);
        if (!violations.isEmpty()) {
            ConstraintViolation<OrderRequest> first =
                    violations.stream()
                            .min(Comparator.comparing(v -> v.getPropertyPath().toString()))
                            .orElseThrow();
            String field = first.getPropertyPath().toString();
            throw new ProblemException(400, field, field + " " + first.getMessage());
        }
        List<PlaceOrder.Line> lines = new ArrayList<>();
        Set<String> skus = new HashSet<>();
        for (int i = 0; i < request.lines().size(); i++) {
            Line line = request.lines().get(i);
            if (!skus.add(line.sku())) {
                throw new ProblemException(400, "lines[" + i + "].sku", "repeats " + line.sku());
            }
            lines.add(new PlaceOrder.Line(line.sku(), line.quantity()));
        }
        WriteMode mode =
                request.mode() == null
                        ? null
                        : WriteMode.valueOf(request.mode().toUpperCase(Locale.ROOT));
        return new PlaceOrder(request.customerId(), lines, mode, null);
    }

    static PlaceOrder handWritten(byte[] body) {
        return OrderRequestReader.read(new ByteArrayInputStream(body), null);
    }

    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        byte[] body = ORDER.getBytes(StandardCharsets.UTF_8);
        if (!handWritten(body).equals(bound(body))) {
            throw new IllegalStateException(handWritten(body) + " != " + bound(body));
        }
        run("warm-up hand-written", body, true, iterations / 5);
        run("warm-up JSON-B+BV", body, false, iterations / 5);
        for (int round = 1; round <= 3; round++) {
            run("round " + round + " hand-written (JSON-P)", body, true, iterations);
            run("round " + round + " JSON-B + Bean Validation", body, false, iterations);
        }
    }

    private static void run(String label, byte[] body, boolean handWritten, int iterations) {
        long sink = 0;
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            PlaceOrder order = handWritten ? handWritten(body) : bound(body);
            sink += order.lines().size();
        }
        long nanos = System.nanoTime() - start;
        System.out.printf(
                Locale.ROOT,
                "%-40s %,12.0f ops/s (%d lines read)%n",
                label,
                iterations * 1e9 / nanos,
                sink);
    }
}
