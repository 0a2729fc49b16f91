package org.outboxlab.web.console;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import org.outboxlab.cluster.ClusterSettings;
import org.outboxlab.cluster.ClusterView;
import org.outboxlab.logtail.LogTailSettings;
import org.outboxlab.logtail.LogTailingRelay;
import org.outboxlab.logtail.SlotLeases;
import org.outboxlab.logtail.SlotMonitor;
import org.outboxlab.relay.OutboxRelay;
import org.outboxlab.relay.RelaySettings;
import org.outboxlab.relay.RelayStrategy;

/**
 * Relay control: pause and resume (every node), batch size and interval (this node), each effective
 * at once; this node's strategy and, where there is one, the replication slot (its reader, how far
 * behind it is and the WAL it keeps); the nodes sharing the outbox, their partitions and each
 * partition's backlog.
 */
@Named
@ViewScoped
public class RelayPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject OutboxRelay relay;

    @Inject OperatorActions actions;

    @Inject AdminOnly adminOnly;

    @Inject ClusterView cluster;

    @Inject ClusterSettings clusterSettings;

    @Inject RelaySettings relaySettings;

    @Inject LogTailSettings logTail;

    @EJB LogTailingRelay reader;

    @EJB SlotMonitor slots;

    @EJB SlotLeases slotLeases;

    private transient Optional<SlotMonitor.SlotStatus> slot;

    private long intervalMs;
    private int batchSize;

    @PostConstruct
    void load() {
        OutboxRelay.State state = relay.state();
        intervalMs = state.intervalMs();
        batchSize = state.batchSize();
    }

    public boolean isPaused() {
        return relay.state().paused();
    }

    public boolean isBrokerOutage() {
        return relay.state().brokerOutage();
    }

    /** This node's name. */
    public String getNode() {
        return clusterSettings.node();
    }

    public long getLeaseMs() {
        return clusterSettings.leaseMs();
    }

    public List<ClusterView.Node> getNodes() {
        return cluster.nodes();
    }

    public List<ClusterView.Partition> getPartitions() {
        return cluster.partitions();
    }

    /** This node's relay strategy: {@code polling} or {@code log-tailing}. */
    public String getStrategy() {
        return relaySettings.strategy().id();
    }

    public boolean isLogTailing() {
        return relaySettings.strategy() == RelayStrategy.LOG_TAILING;
    }

    /** Whether this node's log reader also publishes the changes of mode CDC's orders. */
    public boolean isChangeCapture() {
        return logTail.changeCapture();
    }

    /** Whether this node reads the slot: under log tailing, or for change data capture. */
    public boolean isReadsSlot() {
        return isLogTailing() || isChangeCapture();
    }

    /** The replication slot as PostgreSQL reports it; null when there is none. */
    public SlotMonitor.SlotStatus getSlot() {
        if (slot == null) {
            slot = slots.read();
        }
        return slot.orElse(null);
    }

    /** The slot's configured name. */
    public String getSlotName() {
        return reader.state().slot();
    }

    /** Who reads the slot (holds its lease), under which epoch; "nobody" when no one does. */
    public String getSlotReader() {
        return slotLeases
                .holder(reader.state().slot())
                .map(h -> h.node() + " (epoch " + h.epoch() + ")")
                .orElse("nobody");
    }

    /** {@code bytes} as an operator reads them: B, kB, MB or GB. */
    public String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    public long getEffectiveIntervalMs() {
        return relay.state().intervalMs();
    }

    public int getEffectiveBatchSize() {
        return relay.state().batchSize();
    }

    public void pause() {
        adminOnly.run(
                () -> {
                    actions.pauseRelay();
                    return "Relay paused: committed events stay in the outbox.";
                });
    }

    public void resume() {
        adminOnly.run(
                () -> {
                    actions.resumeRelay();
                    return "Relay resumed.";
                });
    }

    public void apply() {
        long interval = intervalMs;
        int size = batchSize;
        adminOnly.run(
                () -> {
                    actions.configureRelay(interval, size);
                    return "Relay set to every " + interval + " ms, " + size + " rows a batch.";
                });
        load();
    }

    public long getIntervalMs() {
        return intervalMs;
    }

    public void setIntervalMs(long intervalMs) {
        this.intervalMs = intervalMs;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }
}
