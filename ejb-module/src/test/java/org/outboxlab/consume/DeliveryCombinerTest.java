package org.outboxlab.consume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Message;
import java.lang.reflect.Proxy;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.outboxlab.contract.ConsumerName;
import org.outboxlab.faults.Faults;
import org.outboxlab.metrics.OutboxMetrics;

/**
 * The combining on real threads, against a receiver that records what it was asked to apply in
 * which transaction (the receiver's own work is the Arquillian tests' part).
 */
class DeliveryCombinerTest {

    private final Receiver receiver = new Receiver();
    private final DeliveryCombiner combiner = combiner(receiver, 64);
    private final ExecutorService sessions = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        sessions.shutdownNow();
    }

    /**
     * Orders in different lanes do not wait for each other: while one order's transaction is held,
     * another order's delivery, in the other lane, commits. Shown to fail with one lane (the second
     * delivery then waits for the first).
     */
    @Test
    void ordersInDifferentLanesCommitAtTheSameTime() throws Exception {
        String first = "order-0";
        String other = "order-1";
        for (int i = 1;
                Math.floorMod(other.hashCode(), 2) == Math.floorMod(first.hashCode(), 2);
                i++) {
            other = "order-" + i;
        }
        String otherOrder = other;
        receiver.holdFirst = new CountDownLatch(1);
        Future<?> held =
                sessions.submit(
                        () -> combiner.deliver(ConsumerName.LEDGER, message("a", 1, first)));
        assertTrue(receiver.firstStarted.await(5, TimeUnit.SECONDS));
        sessions.submit(() -> combiner.deliver(ConsumerName.LEDGER, message("b", 1, otherOrder)))
                .get(5, TimeUnit.SECONDS);
        assertEquals(List.of(List.of("b")), receiver.sortedTransactions(), "b committed first");
        receiver.holdFirst.countDown();
        held.get(5, TimeUnit.SECONDS);
        assertEquals(List.of(List.of("b"), List.of("a")), receiver.sortedTransactions());
    }

    /** Shown to fail with every delivery applied alone (batch-max 1 gives [[a], [b], [c], [d]]). */
    @Test
    void deliveriesThatWaitWhileATransactionRunsCommitTogetherInTheNext() throws Exception {
        receiver.holdFirst = new CountDownLatch(1);
        Future<?> first =
                sessions.submit(() -> combiner.deliver(ConsumerName.LEDGER, message("a", 1)));
        assertTrue(receiver.firstStarted.await(5, TimeUnit.SECONDS));
        List<Future<?>> waiting = new ArrayList<>();
        for (String id : List.of("b", "c", "d")) {
            waiting.add(
                    sessions.submit(() -> combiner.deliver(ConsumerName.LEDGER, message(id, 1))));
        }
        awaitQueued(3);
        receiver.holdFirst.countDown();
        first.get(5, TimeUnit.SECONDS);
        for (Future<?> f : waiting) {
            f.get(5, TimeUnit.SECONDS);
        }
        assertEquals(List.of(List.of("a"), List.of("b", "c", "d")), receiver.sortedTransactions());
    }

    @Test
    void aFailedBatchIsAppliedOneByOneSoOnlyThePoisonFails() throws Exception {
        receiver.poison = "p";
        receiver.holdFirst = new CountDownLatch(1);
        Future<?> first =
                sessions.submit(() -> combiner.deliver(ConsumerName.LEDGER, message("a", 1)));
        assertTrue(receiver.firstStarted.await(5, TimeUnit.SECONDS));
        Future<?> good =
                sessions.submit(() -> combiner.deliver(ConsumerName.LEDGER, message("b", 1)));
        Future<?> poison =
                sessions.submit(() -> combiner.deliver(ConsumerName.LEDGER, message("p", 1)));
        awaitQueued(2);
        receiver.holdFirst.countDown();
        first.get(5, TimeUnit.SECONDS);
        good.get(5, TimeUnit.SECONDS);
        Exception failed = assertThrows(Exception.class, () -> poison.get(5, TimeUnit.SECONDS));
        assertTrue(failed.getCause() instanceof IllegalStateException, failed.toString());
        assertTrue(receiver.committed.contains(List.of("b")), receiver.committed.toString());
        assertTrue(!receiver.committed.contains(List.of("p")), receiver.committed.toString());
    }

    @Test
    void anUnreachableDatabaseFailsTheWholeBatchWithoutApplyingItOneByOne() throws Exception {
        receiver.holdFirst = new CountDownLatch(1);
        Future<?> first =
                sessions.submit(() -> combiner.deliver(ConsumerName.LEDGER, message("a", 1)));
        assertTrue(receiver.firstStarted.await(5, TimeUnit.SECONDS));
        receiver.databaseDown = true;
        Future<?> b = sessions.submit(() -> combiner.deliver(ConsumerName.LEDGER, message("b", 1)));
        Future<?> c = sessions.submit(() -> combiner.deliver(ConsumerName.LEDGER, message("c", 1)));
        awaitQueued(2);
        receiver.holdFirst.countDown();
        first.get(5, TimeUnit.SECONDS);
        Exception fb = assertThrows(Exception.class, () -> b.get(5, TimeUnit.SECONDS));
        Exception fc = assertThrows(Exception.class, () -> c.get(5, TimeUnit.SECONDS));
        assertSame(fb.getCause(), fc.getCause(), "one failure, the batch's");
        assertEquals(1, receiver.singleAttempts, "only the first delivery was tried alone");
    }

    @Test
    void aRedeliveredMessageIsAppliedAlone() throws Exception {
        receiver.holdFirst = new CountDownLatch(1);
        Future<?> first =
                sessions.submit(() -> combiner.deliver(ConsumerName.LEDGER, message("a", 1)));
        assertTrue(receiver.firstStarted.await(5, TimeUnit.SECONDS));
        List<Future<?>> waiting = new ArrayList<>();
        waiting.add(sessions.submit(() -> combiner.deliver(ConsumerName.LEDGER, message("b", 1))));
        waiting.add(sessions.submit(() -> combiner.deliver(ConsumerName.LEDGER, message("r", 2))));
        waiting.add(sessions.submit(() -> combiner.deliver(ConsumerName.LEDGER, message("c", 1))));
        awaitQueued(3);
        receiver.holdFirst.countDown();
        first.get(5, TimeUnit.SECONDS);
        for (Future<?> f : waiting) {
            f.get(5, TimeUnit.SECONDS);
        }
        List<List<String>> transactions = receiver.sortedTransactions();
        assertTrue(transactions.contains(List.of("r")), transactions.toString());
        assertTrue(transactions.contains(List.of("b", "c")), transactions.toString());
    }

    @Test
    void aBatchMaxOfOneAppliesEachDeliveryAlone() throws Exception {
        Receiver alone = new Receiver();
        DeliveryCombiner one = combiner(alone, 1);
        alone.holdFirst = new CountDownLatch(1);
        Future<?> first = sessions.submit(() -> one.deliver(ConsumerName.LEDGER, message("a", 1)));
        assertTrue(alone.firstStarted.await(5, TimeUnit.SECONDS));
        Future<?> b = sessions.submit(() -> one.deliver(ConsumerName.LEDGER, message("b", 1)));
        Future<?> c = sessions.submit(() -> one.deliver(ConsumerName.LEDGER, message("c", 1)));
        awaitQueued(one, 2);
        alone.holdFirst.countDown();
        first.get(5, TimeUnit.SECONDS);
        b.get(5, TimeUnit.SECONDS);
        c.get(5, TimeUnit.SECONDS);
        List<List<String>> transactions = alone.sortedTransactions();
        assertEquals(List.of("a"), transactions.get(0), "the first delivery commits first");
        // b and c wait together; which of them the next leader takes first is the threads' race
        assertEquals(
                java.util.Set.of(List.of("b"), List.of("c")),
                java.util.Set.copyOf(transactions.subList(1, transactions.size())),
                transactions.toString());
        assertEquals(3, transactions.size(), transactions.toString());
    }

    private void awaitQueued(int n) throws InterruptedException {
        awaitQueued(combiner, n);
    }

    private static void awaitQueued(DeliveryCombiner combiner, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (combiner.waiting(ConsumerName.LEDGER) < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(n, combiner.waiting(ConsumerName.LEDGER), "deliveries waiting");
    }

    private static DeliveryCombiner combiner(EventReceiver receiver, int most) {
        DeliveryCombiner combiner = new DeliveryCombiner();
        combiner.receiver = receiver;
        combiner.faults = new Faults();
        combiner.metrics =
                new OutboxMetrics() {
                    @Override
                    public void committed(ConsumerName consumer) {}
                };
        combiner.most = most;
        combiner.validate();
        return combiner;
    }

    /** A message with an id (as its text) and a delivery count, of no order. */
    private static Message message(String id, int deliveryCount) {
        return message(id, deliveryCount, null);
    }

    /** A message with an id (as its text) and a delivery count, of order {@code order}. */
    private static Message message(String id, int deliveryCount, String order) {
        return (Message)
                Proxy.newProxyInstance(
                        Message.class.getClassLoader(),
                        new Class<?>[] {Message.class},
                        (proxy, method, args) ->
                                switch (method.getName()) {
                                    case "propertyExists" -> "JMSXDeliveryCount".equals(args[0]);
                                    case "getIntProperty" -> deliveryCount;
                                    case "getStringProperty" ->
                                            "aggregateId".equals(args[0]) ? order : null;
                                    case "toString" -> id;
                                    default ->
                                            throw new UnsupportedOperationException(
                                                    method.getName());
                                });
    }

    /**
     * Records each transaction's message ids; the first transaction waits for {@link #holdFirst}; a
     * transaction holding {@link #poison} fails, and every batch fails while {@link #databaseDown}.
     */
    private static final class Receiver extends EventReceiver {

        final List<List<String>> committed = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch firstStarted = new CountDownLatch(1);
        volatile CountDownLatch holdFirst;
        volatile String poison;
        volatile boolean databaseDown;
        volatile int singleAttempts;

        @Override
        public boolean receive(ConsumerName consumer, Message message) {
            singleAttempts++;
            transaction(List.of(message));
            return true;
        }

        @Override
        public void receiveAll(ConsumerName consumer, List<Message> messages) {
            if (databaseDown) {
                throw new IllegalStateException(
                        new SQLTransientConnectionException("connection refused"));
            }
            transaction(messages);
        }

        private void transaction(List<Message> messages) {
            if (firstStarted.getCount() > 0) {
                firstStarted.countDown();
                try {
                    holdFirst.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            List<String> ids = new ArrayList<>();
            messages.forEach(m -> ids.add(m.toString()));
            if (poison != null && ids.contains(poison)) {
                throw new IllegalStateException("poison " + poison);
            }
            committed.add(ids);
        }

        List<List<String>> sortedTransactions() {
            List<List<String>> sorted = new ArrayList<>();
            synchronized (committed) {
                for (List<String> t : committed) {
                    List<String> ids = new ArrayList<>(t);
                    Collections.sort(ids);
                    sorted.add(ids);
                }
            }
            return sorted;
        }
    }
}
