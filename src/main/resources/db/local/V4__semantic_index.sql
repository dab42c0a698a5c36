-- Engram local database, schema 4: the semantic index. Derived data of this file only: never journaled,
-- never replicated, rebuilt from the observations whenever it is missing, stale or unreadable.

-- One vector per live observation: the embedding of its text by the model named in 'model' (name, version
-- and encoding: another model re-indexes), computed from the observation at 'source_version'. 'vector' is a
-- little-endian float32 scale followed by one signed byte per dimension. 'seq' orders the writes, so that
-- each process sharing the file picks up the vectors another one wrote.
CREATE TABLE observation_vectors (
    observation_id INTEGER PRIMARY KEY,
    model          TEXT    NOT NULL,
    source_version TEXT    NOT NULL,
    vector         BLOB    NOT NULL,
    seq            INTEGER NOT NULL
);
CREATE INDEX observation_vectors_by_seq ON observation_vectors (seq);

-- Observations whose vector must be (re)computed. Triggers fill it on every way a row changes (local
-- writes, pulled mutations, imports, other processes), in the writer's own transaction and at the cost of
-- one small insert; the indexer empties it in the background. A save never waits for an embedding.
-- The triggers test for the row instead of using INSERT OR IGNORE: inside a trigger, the conflict policy of
-- the statement that fired it wins, and an upsert (how pulled mutations are applied) would then fail.
CREATE TABLE vector_queue (
    observation_id INTEGER PRIMARY KEY
);
CREATE TRIGGER observation_vectors_on_insert AFTER INSERT ON observations BEGIN
    INSERT INTO vector_queue (observation_id) SELECT new.id WHERE NOT EXISTS (SELECT 1 FROM vector_queue WHERE observation_id = new.id);
END;
CREATE TRIGGER observation_vectors_on_update AFTER UPDATE OF version ON observations BEGIN
    INSERT INTO vector_queue (observation_id) SELECT new.id WHERE NOT EXISTS (SELECT 1 FROM vector_queue WHERE observation_id = new.id);
END;
-- A hard delete drops the vector at once and leaves the id queued, so that the indexer forgets it too.
CREATE TRIGGER observation_vectors_on_delete AFTER DELETE ON observations BEGIN
    DELETE FROM observation_vectors WHERE observation_id = old.id;
    INSERT INTO vector_queue (observation_id) SELECT old.id WHERE NOT EXISTS (SELECT 1 FROM vector_queue WHERE observation_id = old.id);
END;

INSERT INTO vector_queue (observation_id) SELECT id FROM observations WHERE deleted_at IS NULL;
