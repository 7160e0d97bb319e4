-- account-service's replica of what it needs from customer-service's feed: each owner's name, and how far it has
-- read the feed. Both change in one transaction, so the replica is always exactly the feed up to that position.
create table owner_replica (
    customer_id uuid         not null primary key,
    given_name  varchar(100) not null,
    surname     varchar(100) not null,
    position    bigint       not null
);

create table feed_position (
    feed          varchar(40) not null primary key,
    last_position bigint      not null,
    read_at       timestamp with time zone
);

insert into feed_position (feed, last_position) values ('customers', 0);
