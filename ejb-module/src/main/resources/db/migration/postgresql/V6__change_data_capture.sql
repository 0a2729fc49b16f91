-- The write mode CDC (outbox.cdc.enabled): its orders record the mode like the others', and the log
-- reader reads the order tables' changes from the publication order_changes.

alter table customer_order drop constraint if exists customer_order_write_mode_check;
alter table customer_order add constraint customer_order_write_mode_check
    check (write_mode in ('OUTBOX','CDC','XA','NAIVE','BASELINE'));
alter table idempotency_key drop constraint if exists idempotency_key_write_mode_check;
alter table idempotency_key add constraint idempotency_key_write_mode_check
    check (write_mode in ('OUTBOX','CDC','XA','NAIVE','BASELINE'));
alter table outbox_event drop constraint if exists outbox_event_write_mode_check;
alter table outbox_event add constraint outbox_event_write_mode_check
    check (write_mode in ('OUTBOX','CDC','XA','NAIVE','BASELINE'));

-- pg.sh makes the publication order_changes, empty and owned by the application's role; the
-- migration adds the order tables to it. Where a DBA manages publications instead, nothing happens
-- here, and change data capture refuses to start until the publication publishes both tables.
do $$
begin
    if exists (select 1 from pg_publication p join pg_roles r on r.oid = p.pubowner
               where p.pubname = 'order_changes' and r.rolname = current_user) then
        if not exists (select 1 from pg_publication_tables t
                       where t.pubname = 'order_changes' and t.tablename = 'customer_order'
                       and t.schemaname = current_schema()) then
            alter publication order_changes add table customer_order;
        end if;
        if not exists (select 1 from pg_publication_tables t
                       where t.pubname = 'order_changes' and t.tablename = 'order_line'
                       and t.schemaname = current_schema()) then
            alter publication order_changes add table order_line;
        end if;
    end if;
end
$$;
