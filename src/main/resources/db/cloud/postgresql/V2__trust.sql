-- Engram cloud server schema V2, PostgreSQL flavour: trust and integrity (contract 8.5).
-- cloud_meta holds facts about this database; its server_id row is written once by the server
-- on first start (a random id, so a wiped and recreated database gets a new one).
CREATE TABLE cloud_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
-- SHA-256 (lower-case hex) of the payload text (UTF-8) exactly as stored; with pushed_by it tells
-- a repeated push from a conflicting one. Rows stored before V2 get theirs computed here.
ALTER TABLE cloud_mutations ADD COLUMN payload_digest TEXT;
UPDATE cloud_mutations SET payload_digest = encode(sha256(convert_to(payload, 'UTF8')), 'hex');
