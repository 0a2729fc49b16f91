-- The sample catalogue, into an empty catalogue only (one that has products is left as it is);
-- LIMITED-1 has little stock so that short stock is easy to show.
insert into product (sku, name, price_cents, stock)
select sku, name, price_cents, stock
from (values
    ('BOOK-1', 'Designing Data-Intensive Applications', 4500, 1000000),
    ('BOOK-2', 'Enterprise Integration Patterns', 5200, 1000000),
    ('MUG-1', 'Two-phase commit mug', 1200, 1000000),
    ('TEE-1', 'Exactly-once T-shirt', 2000, 1000000),
    ('CABLE-1', 'Ethernet cable, 2 m', 800, 1000000),
    ('LAMP-1', 'Desk lamp', 3900, 1000000),
    ('PEN-1', 'Fountain pen', 2700, 1000000),
    ('SOCK-1', 'Idempotent socks (pair)', 900, 1000000),
    ('LIMITED-1', 'Signed first edition', 99000, 5)
) as sample (sku, name, price_cents, stock)
where not exists (select 1 from product);
