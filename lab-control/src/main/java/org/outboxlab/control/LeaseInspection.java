package org.outboxlab.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.outboxlab.scenario.LabTarget;

/**
 * The relay's leases as the database of record holds them ({@code relay_partition}, {@code
 * relay_lease_grant}): who owns which partition now, and whether a node published where it held no
 * lease (a failed fence). Reads only.
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
     * How many events {@code node} published since {@code since} in a partition whose latest lease
     * at that moment was another node's: a failed fence (0 when fencing holds).
     */
    public long publishedWithoutLease(String node, Instant since) throws SQLException {
        try (Connection db = target.database();
                PreparedStatement ps =
                        db.prepareStatement(
                                "select count(*) from outbox_event e where e.published_by = ?"
                                        + " and e.published_at >= ? and coalesce((select g.owner"
                                        + " from relay_lease_grant g where g.partition_no ="
                                        + " e.partition_no and g.granted_at <= e.published_at"
                                        + " order by g.granted_at desc, g.epoch desc fetch first 1"
                                        + " rows only), '') <> ?")) {
            ps.setString(1, node);
            ps.setTimestamp(2, Timestamp.from(since));
            ps.setString(3, node);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
