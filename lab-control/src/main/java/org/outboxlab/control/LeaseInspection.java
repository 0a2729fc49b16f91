package org.outboxlab.control;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.outboxlab.scenario.LabTarget;

/**
 * The relay's leases as the database of record holds them ({@code relay_partition}, {@code
 * relay_lease_grant}, {@code relay_slot}): who owns which partition and who reads the slot now; and
 * what the consumers received from a node that had lost its lease (a fence that did not hold).
 * Reads only.
 */
public final class LeaseInspection {

    private final LabTarget target;

    LeaseInspection(LabTarget target) {
        this.target = target;
    }

    /** How many relay partitions each node holds a lease on now (the database's view). */
    public Map<String, Integer> partitionsByOwner() throws SQLException {
        Map<String, Integer> owners = new TreeMap<>();
        try (Connection db = target.database();
                ResultSet rs =
                        db.createStatement()
                                .executeQuery(
                                        "select owner, count(*) from relay_partition where owner"
                                                + " is not null and lease_until > current_timestamp"
                                                + " group by owner")) {
            while (rs.next()) {
                owners.put(rs.getString(1), rs.getInt(2));
            }
        }
        return owners;
    }

    /**
     * The node that reads the replication slot now: the holder of an unexpired lease in {@code
     * relay_slot} (log tailing or change data capture); empty when no node does.
     */
    public Optional<String> slotReader() throws SQLException {
        try (Connection db = target.database();
                ResultSet rs =
                        db.createStatement()
                                .executeQuery(
                                        "select owner from relay_slot where owner is not null"
                                                + " and lease_until > current_timestamp"
                                                + " order by slot_name limit 1")) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    /**
     * Node {@code from}'s and node {@code to}'s leases now, by the database's clock: how many
     * unexpired partitions each holds and when {@code from}'s latest lease ends (NaN if it holds
     * none any more).
     */
    public LeaseMoment moment(String from, String to) throws SQLException {
        try (Connection db = target.database();
                java.sql.PreparedStatement ps =
                        db.prepareStatement(
                                "select extract(epoch from current_timestamp),"
                                        + " count(*) filter (where owner = ? and lease_until > current_timestamp),"
                                        + " extract(epoch from max(lease_until) filter (where owner = ?)),"
                                        + " count(*) filter (where owner = ? and lease_until > current_timestamp),"
                                        + " count(*) from relay_partition")) {
            ps.setString(1, from);
            ps.setString(2, from);
            ps.setString(3, to);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                double fromLeaseEnd = rs.getDouble(3);
                if (rs.wasNull()) {
                    fromLeaseEnd = Double.NaN;
                }
                return new LeaseMoment(
                        rs.getDouble(1), rs.getInt(2), fromLeaseEnd, rs.getInt(4), rs.getInt(5));
            }
        }
    }

    /**
     * Two nodes' leases at one moment of the database's clock (seconds since the epoch).
     *
     * @param now the database's clock
     * @param fromHeld the unexpired partitions the first node holds
     * @param fromLeaseEnd when the first node's latest lease ends, NaN if it owns none
     * @param toHeld the unexpired partitions the second node holds
     * @param partitions every partition
     */
    public record LeaseMoment(
            double now, int fromHeld, double fromLeaseEnd, int toHeld, int partitions) {}

    /**
     * How many deliveries the consumers have counted as coming from a lease its sender had lost (an
     * epoch lower than one already applied for the order, {@code consumer_progress.stale}), summed
     * over every consumer and order: what reached the broker and the consumers, not what a node
     * marked, so a late broker commit after a takeover shows here.
     */
    public long staleDeliveries() throws SQLException {
        try (Connection db = target.database();
                ResultSet rs =
                        db.createStatement()
                                .executeQuery(
                                        "select coalesce(sum(stale), 0) from consumer_progress")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
