-- The log-tailing relay (outbox.relay.strategy=log-tailing): the lease on reading a replication
-- slot, one row per slot, and the outbox table in the publication the slot is read for.

create table relay_slot (
    slot_name varchar(63) not null,
    owner varchar(64),
    epoch bigint not null,
    lease_until timestamp(6) with time zone,
    primary key (slot_name)
);

-- pg.sh makes the publication outbox_events, empty and owned by the application's role (which may
-- not create one: it has no CREATE in the database); the migration adds the outbox table to it.
-- Where a DBA manages publications instead, nothing happens here, and log tailing refuses to start
-- until the publication publishes outbox_event's inserts.
do $$
begin
    if exists (select 1 from pg_publication p join pg_roles r on r.oid = p.pubowner
               where p.pubname = 'outbox_events' and r.rolname = current_user)
       and not exists (select 1 from pg_publication_tables t
                       where t.pubname = 'outbox_events' and t.tablename = 'outbox_event'
                       and t.schemaname = current_schema()) then
        alter publication outbox_events add table outbox_event;
    end if;
end
$$;
