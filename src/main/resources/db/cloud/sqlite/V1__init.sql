-- Engram cloud server schema, SQLite flavour. Statements are separated by a line ending in ';'.
CREATE TABLE cloud_mutations (
    seq         INTEGER PRIMARY KEY,
    mutation_id TEXT    NOT NULL UNIQUE,
    project     TEXT    NOT NULL,
    entity      TEXT    NOT NULL,
    entity_key  TEXT    NOT NULL,
    op          TEXT    NOT NULL,
    payload     TEXT    NOT NULL,
    occurred_at INTEGER NOT NULL,
    pushed_by   TEXT    NOT NULL
);
CREATE TABLE cloud_project_heads (
    project    TEXT    PRIMARY KEY,
    latest_seq INTEGER NOT NULL
);
CREATE TABLE cloud_tokens (
    name       TEXT    PRIMARY KEY,
    token_hash TEXT    NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);
CREATE TABLE cloud_token_grants (
    token_name TEXT NOT NULL REFERENCES cloud_tokens (name),
    project    TEXT NOT NULL,
    PRIMARY KEY (token_name, project)
);
