-- Change data capture's watermark: the latest order change (its updated_at) the slot's reader has
-- published, and whether a catch-up is due: a reader whose slot was made anew (dropped, or
-- invalidated by PostgreSQL) publishes again, from the order rows, the changes the lost WAL held,
-- and clears the flag only once it has published them all, so a catch-up cut short by a crash or a
-- takeover is finished by whichever node reads the slot next.
alter table relay_slot add column captured_to timestamp(6) with time zone;
alter table relay_slot add column catching_up boolean default false not null;
