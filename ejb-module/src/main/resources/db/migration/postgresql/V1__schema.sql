-- The schema the product's builds made with hibernate.hbm2ddl.auto=update, as Hibernate 6.6 writes it
-- for PostgreSQL: a database those builds made is recorded as this version (baseline), not run.

create table consumer_progress (
    consumer varchar(20) not null,
    order_id varchar(36) not null,
    epoch bigint default 0 not null,
    held integer not null,
    last_sequence integer not null,
    stale integer default 0 not null,
    primary key (consumer, order_id)
);

create table customer_notification (
    id varchar(36) not null,
    applied_at timestamp(6) with time zone not null,
    event_id varchar(36) not null,
    event_type varchar(40) not null,
    in_order boolean not null,
    order_id varchar(36) not null,
    sequence_no integer not null,
    write_mode varchar(10),
    recipient varchar(64) not null,
    text varchar(200) not null,
    primary key (id),
    constraint uk_notification_event unique (event_id)
);

create table customer_order (
    id varchar(36) not null,
    created_at timestamp(6) with time zone not null,
    customer_id varchar(64) not null,
    last_sequence integer not null,
    status varchar(10) not null check (status in ('PLACED','PAID','SHIPPED','CANCELLED')),
    total_cents bigint not null,
    updated_at timestamp(6) with time zone not null,
    write_mode varchar(10) not null check (write_mode in ('OUTBOX','XA','NAIVE','BASELINE')),
    primary key (id)
);

create table fulfilment_step (
    id varchar(36) not null,
    applied_at timestamp(6) with time zone not null,
    event_id varchar(36) not null,
    event_type varchar(40) not null,
    in_order boolean not null,
    order_id varchar(36) not null,
    sequence_no integer not null,
    write_mode varchar(10),
    action varchar(40) not null,
    primary key (id),
    constraint uk_fulfilment_event unique (event_id)
);

create table held_event (
    consumer varchar(20) not null,
    event_id varchar(36) not null,
    event_type varchar(40) not null,
    held_at timestamp(6) with time zone not null,
    occurred_at timestamp(6) with time zone not null,
    order_id varchar(36) not null,
    payload varchar(16000) not null,
    sequence_no integer not null,
    write_mode varchar(10),
    primary key (consumer, event_id)
);

create table idempotency_key (
    key_value varchar(200) not null,
    created_at timestamp(6) with time zone not null,
    event_id varchar(36),
    event_type varchar(64) not null,
    write_mode varchar(16) not null check (write_mode in ('OUTBOX','XA','NAIVE','BASELINE')),
    order_id varchar(36) not null,
    request_hash varchar(64) not null,
    sequence_no integer not null,
    primary key (key_value)
);

create table inbox (
    consumer varchar(20) not null,
    event_id varchar(36) not null,
    duplicates integer not null,
    last_duplicate_at timestamp(6) with time zone,
    processed_at timestamp(6) with time zone not null,
    primary key (consumer, event_id)
);

create table ledger_entry (
    id varchar(36) not null,
    applied_at timestamp(6) with time zone not null,
    event_id varchar(36) not null,
    event_type varchar(40) not null,
    in_order boolean not null,
    order_id varchar(36) not null,
    sequence_no integer not null,
    write_mode varchar(10),
    amount_cents bigint not null,
    primary key (id),
    constraint uk_ledger_event unique (event_id)
);

create table order_line (
    order_id varchar(36) not null,
    quantity integer not null,
    sku varchar(40) not null,
    unit_price_cents bigint not null,
    line_no integer not null,
    primary key (order_id, line_no)
);

create table outbox_event (
    event_id varchar(36) not null,
    aggregate_id varchar(36) not null,
    aggregate_type varchar(40) not null,
    attempts integer not null,
    event_type varchar(40) not null,
    last_error varchar(1000),
    message_body varchar(20000),
    occurred_at timestamp(6) with time zone not null,
    partition_no integer default 0 not null,
    payload varchar(16000) not null,
    published_at timestamp(6) with time zone,
    published_by varchar(64),
    schema_version integer not null,
    sequence_no integer not null,
    status varchar(10) not null check (status in ('PENDING','PUBLISHED','FAILED','DIRECT')),
    trace_parent varchar(55),
    write_mode varchar(10) not null check (write_mode in ('OUTBOX','XA','NAIVE','BASELINE')),
    primary key (event_id)
);

create table product (
    sku varchar(40) not null,
    name varchar(200) not null,
    price_cents bigint not null,
    stock integer not null,
    primary key (sku)
);

create table relay_control (
    id integer not null,
    changed_at timestamp(6) with time zone,
    changed_by varchar(64),
    paused boolean not null,
    primary key (id)
);

create table relay_lease_grant (
    epoch bigint not null,
    partition_no integer not null,
    granted_at timestamp(6) with time zone not null,
    owner varchar(64) not null,
    primary key (epoch, partition_no)
);

create table relay_node (
    node_id varchar(64) not null,
    heartbeat_at timestamp(6) with time zone not null,
    relaying boolean not null,
    started_at timestamp(6) with time zone not null,
    primary key (node_id)
);

create table relay_partition (
    partition_no integer not null,
    epoch bigint not null,
    lease_until timestamp(6) with time zone,
    owner varchar(64),
    primary key (partition_no)
);

create index ix_notification_order
   on customer_notification (order_id);

create index ix_fulfilment_order
   on fulfilment_step (order_id);

create index ix_held_order
   on held_event (consumer, order_id, sequence_no);

create index ix_idempotency_created
   on idempotency_key (created_at);

create index ix_inbox_processed
   on inbox (consumer, processed_at);

create index ix_ledger_order
   on ledger_entry (order_id);

create index ix_outbox_status_id
   on outbox_event (status, event_id);

create index ix_outbox_aggregate
   on outbox_event (aggregate_id, sequence_no);

alter table if exists order_line
   add constraint FKhx2sh9w4yimwp265ak68pa7i5
   foreign key (order_id)
   references customer_order;
