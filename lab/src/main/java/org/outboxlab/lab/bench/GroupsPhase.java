package org.outboxlab.lab.bench;

import static org.outboxlab.lab.bench.Benchmark.progress;
import static org.outboxlab.lab.bench.Benchmark.round;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.util.Locale;

/**
 * Phase {@code groups} (not a default: it takes minutes): the broker's message-group state and heap
 * under {@code --group-orders} distinct orders ({@link GroupSoak}), with the consumers' delivery
 * stopped. Writes bench.json's {@code groups}.
 */
final class GroupsPhase {

    private final BenchRig rig;

    GroupsPhase(BenchRig rig) {
        this.rig = rig;
    }

    void run(JsonObjectBuilder bench) throws Exception {
        int orders = rig.options().groupOrders;
        rig.relayBench().pauseConsumers();
        rig.topology().purgeConsumerQueues();
        GroupSoak.Result soak = new GroupSoak(rig.topology()).measure(orders, rig.options().batch);
        rig.topology().purgeConsumerQueues();
        progress(
                String.format(
                        Locale.ROOT,
                        "message groups, %d orders (%.0f events/s): open orders leave %d groups in "
                                + "FulfilmentEvents, closing ones %d, open orders on a queue without buckets %d; broker heap after GC "
                                + "%d MiB before, %d after the open orders, %d after the closing ones, %d after the unbounded queue",
                        orders,
                        soak.eventsPerSec(),
                        soak.groupsOpen(),
                        soak.groupsClosing(),
                        soak.groupsUnbounded(),
                        soak.heapBeforeMiB(),
                        soak.heapOpenMiB(),
                        soak.heapClosingMiB(),
                        soak.heapUnboundedMiB()));
        bench.add(
                "groups",
                Json.createObjectBuilder()
                        .add("orders", orders)
                        .add("eventsPerSec", round(soak.eventsPerSec()))
                        .add("groupsAfterOpenOrders", soak.groupsOpen())
                        .add("groupsAfterClosingOrders", soak.groupsClosing())
                        .add("brokerHeapMiBBefore", soak.heapBeforeMiB())
                        .add("brokerHeapMiBAfterOpen", soak.heapOpenMiB())
                        .add("brokerHeapMiBAfterClosing", soak.heapClosingMiB())
                        .add("groupsWithoutBuckets", soak.groupsUnbounded())
                        .add("brokerHeapMiBWithoutBuckets", soak.heapUnboundedMiB()));
    }
}
