-- Engram cloud server schema V2, SQLite flavour: trust and integrity (contract 8.5).
-- cloud_meta holds facts about this database; its server_id row is written once by the server
-- on first start (a random id, so a wiped and recreated database gets a new one).
CREATE TABLE cloud_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
-- SHA-256 (lower-case hex) of the payload text exactly as stored; with pushed_by it tells a
-- repeated push from a conflicting one. Rows stored before V2 keep NULL here (SQLite has no
-- SHA-256 built in): the server computes their digest from the stored payload when it needs it.
ALTER TABLE cloud_mutations ADD COLUMN payload_digest TEXT;
