-- Engram local database, schema 3: replication that survives copies, restores and hostile peers.

-- The cloud server the cursor belongs to: when a pull answers with another server id (the server was
-- replaced) or a latest seq below the cursor (it was reset or restored), the replica starts again from 0.
ALTER TABLE sync_cursor ADD COLUMN server_id TEXT;

-- Local writes the server refused (400 naming the entry): set aside so that the rest of the project keeps
-- flowing, until 'engram sync dead --retry' puts them back in the journal or '--discard' drops them.
CREATE TABLE sync_outbound_dead (
    id          INTEGER PRIMARY KEY,
    journal_seq INTEGER NOT NULL,
    mutation_id TEXT    NOT NULL,
    project     TEXT    NOT NULL,
    entity      TEXT    NOT NULL,
    entity_key  TEXT    NOT NULL,
    op          TEXT    NOT NULL,
    payload     TEXT    NOT NULL,
    version     TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    field       TEXT,
    error       TEXT    NOT NULL,
    dead_at     INTEGER NOT NULL
);

-- The enrolled projects whose whole history the cursor covers. A project enrolled later is missing here:
-- the next pull starts again from 0 so that it gets its history too (applying is idempotent).
CREATE TABLE sync_pulled_projects (
    project TEXT PRIMARY KEY
);
