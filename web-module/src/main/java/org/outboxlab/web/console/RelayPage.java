package org.outboxlab.web.console;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.outboxlab.cluster.ClusterSettings;
import org.outboxlab.cluster.ClusterView;
import org.outboxlab.relay.OutboxRelay;

/**
 * Relay control: pause and resume (every node), batch size and interval (this node), each effective
 * at once; the nodes sharing the outbox, their partitions and each partition's backlog.
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
