-- Engram cloud server schema, PostgreSQL flavour. Statements are separated by a line ending in ';'.
-- payload is TEXT, not jsonb: the server stores it opaquely and returns it byte for byte.
CREATE TABLE cloud_mutations (
    seq         BIGINT  PRIMARY KEY,
    mutation_id TEXT    NOT NULL UNIQUE,
    project     TEXT    NOT NULL,
    entity      TEXT    NOT NULL,
    entity_key  TEXT    NOT NULL,
    op          TEXT    NOT NULL,
    payload     TEXT    NOT NULL,
    occurred_at BIGINT  NOT NULL,
    pushed_by   TEXT    NOT NULL
);
CREATE TABLE cloud_project_heads (
    project    TEXT   PRIMARY KEY,
    latest_seq BIGINT NOT NULL
);
CREATE TABLE cloud_tokens (
    name       TEXT   PRIMARY KEY,
    token_hash TEXT   NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE TABLE cloud_token_grants (
    token_name TEXT NOT NULL REFERENCES cloud_tokens (name),
    project    TEXT NOT NULL,
    PRIMARY KEY (token_name, project)
);
