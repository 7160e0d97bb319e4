-- The customer feed: every change to a customer, in the order it was committed, written in the same transaction as
-- the change. Positions count from 1 without gaps: every writer takes the next one from customer_feed_head, whose
-- row lock it holds until it commits, so positions are handed out in commit order.
create table customer_event (
    position    bigint       not null primary key,
    type        varchar(40)  not null,
    customer_id uuid         not null,
    occurred_at timestamp with time zone not null,
    given_name  varchar(100) not null,
    surname     varchar(100) not null,
    street      varchar(200),
    postal_code varchar(16),
    city        varchar(100),
    country     varchar(2)
);

create table customer_feed_head (
    id            int    not null primary key,
    last_position bigint not null
);

-- The customers registered before the feed existed: one event each, so that a consumer reading the feed from the
-- start learns every customer.
insert into customer_event (position, type, customer_id, occurred_at, given_name, surname, street, postal_code, city,
                            country)
select row_number() over (order by surname, given_name, id), 'customer-registered', id, current_timestamp,
       given_name, surname, street, postal_code, city, country
from customer;

insert into customer_feed_head (id, last_position) select 1, count(*) from customer;
