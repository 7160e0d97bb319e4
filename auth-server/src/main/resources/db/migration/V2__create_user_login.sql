-- Who may log in: a customer (with the id customer-service knows them by) or a teller. The failed-login counter and
-- the lock live here, so that a restart does not reset them.
CREATE TABLE user_login (
    username varchar(32) NOT NULL,
    password_hash varchar(200) NOT NULL,
    role varchar(16) NOT NULL,
    customer_id uuid,
    enabled boolean NOT NULL,
    failed_attempts integer DEFAULT 0 NOT NULL,
    locked_until timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    PRIMARY KEY (username),
    CONSTRAINT ck_user_login_role CHECK ((role = 'customer' AND customer_id IS NOT NULL)
        OR (role = 'teller' AND customer_id IS NULL))
);
