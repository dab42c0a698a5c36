-- Engram local database, schema 2: the client side of replication. Times are epoch milliseconds (UTC).
-- Every table here is written by the sync engine or the autosync manager only.

-- Which process may sync this file right now. One row at most; a holder renews it before it expires,
-- and another process takes it over only once it has expired.
CREATE TABLE sync_lease (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    owner       TEXT    NOT NULL,
    acquired_at INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);

-- The pull cursor: the highest server seq applied (or set aside) here, advanced in the same transaction
-- as the mutations it covers, and the newest seq the server reported.
CREATE TABLE sync_cursor (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    last_pulled_seq   INTEGER NOT NULL DEFAULT 0,
    server_latest_seq INTEGER,
    updated_at        INTEGER NOT NULL
);

-- The persisted part of the status record (contract section 6), written by the lease holder so that
-- any process can show it. The other fields of the record are derived from the tables when read.
CREATE TABLE sync_status (
    id                   INTEGER PRIMARY KEY CHECK (id = 1),
    enabled              INTEGER NOT NULL,
    server               TEXT,
    phase                TEXT    NOT NULL,
    reason_code          TEXT,
    last_error           TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    backoff_until        INTEGER,
    last_sync_at         INTEGER,
    updated_at           INTEGER NOT NULL
);

-- Pulled mutations that could not be applied, with their evidence; the cursor moved past them.
CREATE TABLE sync_dead_letters (
    id          INTEGER PRIMARY KEY,
    seq         INTEGER NOT NULL,
    mutation_id TEXT,
    project     TEXT,
    entity      TEXT,
    entity_key  TEXT,
    op          TEXT,
    payload     TEXT,
    error       TEXT    NOT NULL,
    occurred_at INTEGER,
    dead_at     INTEGER NOT NULL
);
CREATE INDEX sync_dead_letters_by_seq ON sync_dead_letters (seq);
