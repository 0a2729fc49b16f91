package org.outboxlab.order;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.outboxlab.contract.WriteMode;
import org.outboxlab.outbox.UnreachableException.Resource;

/**
 * An outage is logged once as it starts and once as it ends, and only a write begun after it
 * started ends it. Shown to fail with the begin time ignored: the write begun before the refusals
 * logged their end, and the next refusal a second start (what the lab's held XA write made the
 * server do).
 */
class RefusedWritesTest {

    private final Logger logger = Logger.getLogger(RefusedWrites.class.getName());
    private final List<LogRecord> lines = new ArrayList<>();
    private final Handler capture =
            new Handler() {
                @Override
                public void publish(LogRecord record) {
                    lines.add(record);
                }

                @Override
                public void flush() {}

                @Override
                public void close() {}
            };
    private RefusedWrites refusals;

    @BeforeEach
    void setUp() {
        logger.addHandler(capture);
        refusals = new RefusedWrites();
        refusals.registry = new SimpleMeterRegistry();
        refusals.register();
    }

    @AfterEach
    void tearDown() {
        logger.removeHandler(capture);
    }

    @Test
    void onlyAWriteBegunAfterTheFirstRefusalEndsTheOutage() {
        long beganBefore = System.nanoTime();
        refusals.refused(Resource.DATABASE, "connection refused");
        refusals.refused(Resource.DATABASE, "connection refused");
        refusals.accepted(WriteMode.XA, beganBefore);
        refusals.refused(Resource.DATABASE, "connection refused");
        assertEquals(List.of("WARNING"), levels(), "one start, no end: " + messages());

        refusals.accepted(WriteMode.OUTBOX, System.nanoTime());
        assertEquals(List.of("WARNING", "INFO"), levels(), messages().toString());
        assertEquals(
                "writes succeed again; 3 refused while the database was unreachable",
                lines.get(1).getMessage());
        assertEquals(
                3.0,
                refusals.registry.counter("outbox.writes.refused", "cause", "database").count());
    }

    @Test
    void aWriteThatDoesNotSendEndsNoBrokerOutage() {
        refusals.refused(Resource.BROKER, "broker down");
        refusals.accepted(WriteMode.OUTBOX, System.nanoTime());
        assertEquals(List.of("WARNING"), levels());
        refusals.accepted(WriteMode.XA, System.nanoTime());
        assertEquals(List.of("WARNING", "INFO"), levels());
    }

    private List<String> levels() {
        return lines.stream().map(LogRecord::getLevel).map(Level::getName).toList();
    }

    private List<String> messages() {
        return lines.stream().map(LogRecord::getMessage).toList();
    }
}
