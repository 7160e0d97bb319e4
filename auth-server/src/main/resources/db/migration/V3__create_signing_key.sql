-- The keys tokens are signed with, so that a token outlives a restart. The newest key not retired signs; every key
-- not retired is published (JWKS). The private key is stored as a JWK, unencrypted: this database is the
-- auth-server's alone.
CREATE TABLE signing_key (
    kid varchar(64) NOT NULL,
    jwk varchar(16000) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    retired_at timestamp with time zone,
    PRIMARY KEY (kid)
);
