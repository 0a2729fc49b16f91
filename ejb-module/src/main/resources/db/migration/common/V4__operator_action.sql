-- What operators did, by whom, to what and to how many (the console and the operator API write it).
create table operator_action (
    id varchar(36) not null,
    acted_at timestamp(6) with time zone not null,
    actor varchar(64) not null,
    action varchar(40) not null,
    target varchar(300),
    affected bigint not null,
    primary key (id)
);

create index ix_operator_action_at on operator_action (acted_at);
