package org.outboxlab.consume;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The record that a consumer applied an event, written in the same transaction as the effect; its
 * primary key (consumer, event id) makes a second application impossible. Later deliveries of the
 * same event only increment {@link #getDuplicates()}.
 */
@Entity
// Retention counts from when an event was processed: the housekeeper scans this index.
@Table(
        name = "inbox",
        indexes = @Index(name = "ix_inbox_processed", columnList = "consumer, processed_at"))
public class InboxEntry {

    @EmbeddedId private InboxKey key;

    @Column(name = "processed_at", nullable = false)
    private Instant processedAt;

    @Column(name = "duplicates", nullable = false)
    private int duplicates;

    @Column(name = "last_duplicate_at")
    private Instant lastDuplicateAt;

    protected InboxEntry() {}

    public InboxEntry(InboxKey key, Instant processedAt) {
        this.key = key;
        this.processedAt = processedAt;
    }

    public InboxKey getKey() {
        return key;
    }

    public Instant getProcessedAt() {
        return processedAt;
    }

    public int getDuplicates() {
        return duplicates;
    }

    public Instant getLastDuplicateAt() {
        return lastDuplicateAt;
    }
}
