-- The write mode CDC: its orders (and their idempotency keys) record the mode like the others'.
alter table customer_order alter column write_mode enum ('BASELINE','CDC','NAIVE','OUTBOX','XA') not null;
alter table idempotency_key alter column write_mode enum ('BASELINE','CDC','NAIVE','OUTBOX','XA') not null;
alter table outbox_event alter column write_mode enum ('BASELINE','CDC','NAIVE','OUTBOX','XA') not null;
