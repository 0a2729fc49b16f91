-- The relay's claim reads the pending rows of its partitions in event_id order
-- (RelayBatch.READY_ORDERS). An index of the pending rows alone stays as small as the backlog,
-- however many published rows the table keeps until housekeeping deletes them; hbm2ddl could not
-- express it (no partial indexes in JPA).
create index if not exists ix_outbox_pending
    on outbox_event (event_id) include (partition_no, aggregate_id, sequence_no)
    where status = 'PENDING';
