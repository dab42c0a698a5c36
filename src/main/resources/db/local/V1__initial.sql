-- Engram local database, schema 1. Times are epoch milliseconds (UTC); versions are encoded
-- hybrid-logical-clock strings (see dev.engram.memory.Version) that sort as text.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE sessions (
    id         TEXT PRIMARY KEY,
    project    TEXT NOT NULL,
    directory  TEXT NOT NULL DEFAULT '',
    started_at INTEGER NOT NULL,
    ended_at   INTEGER,
    summary    TEXT,
    version    TEXT NOT NULL
);
CREATE INDEX sessions_by_project ON sessions (project, started_at);

-- No foreign key from observations or prompts to sessions: replicas may receive an observation
-- before the session it belongs to.
CREATE TABLE observations (
    id              INTEGER PRIMARY KEY,
    sync_id         TEXT NOT NULL UNIQUE,
    session_id      TEXT NOT NULL,
    type            TEXT NOT NULL,
    title           TEXT NOT NULL,
    content         TEXT NOT NULL,
    tool_name       TEXT,
    project         TEXT NOT NULL,
    scope           TEXT NOT NULL,
    topic_key       TEXT,
    revision_count  INTEGER NOT NULL DEFAULT 1,
    duplicate_count INTEGER NOT NULL DEFAULT 1,
    content_hash    TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    last_seen_at    INTEGER NOT NULL,
    deleted_at      INTEGER,
    version         TEXT NOT NULL
);
CREATE INDEX observations_by_project ON observations (project, created_at);
CREATE INDEX observations_by_session ON observations (session_id, created_at);
CREATE INDEX observations_duplicates ON observations (project, scope, type, content_hash, last_seen_at);
-- Not unique: two replicas may each create an observation with the same topic key before they see
-- each other's; both are kept (replicas converge), and a later save revises the newest of them.
CREATE INDEX observations_topic ON observations (project, scope, topic_key)
    WHERE topic_key IS NOT NULL AND deleted_at IS NULL;

CREATE VIRTUAL TABLE observations_fts USING fts5(
    title, content, type, project, topic_key,
    content = 'observations', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
-- Ranking: bm25 with title matches weighing most, then topic key, content, type and project.
INSERT INTO observations_fts (observations_fts, rank) VALUES ('rank', 'bm25(5.0, 1.0, 0.5, 0.5, 2.0)');
CREATE TRIGGER observations_fts_insert AFTER INSERT ON observations BEGIN
    INSERT INTO observations_fts (rowid, title, content, type, project, topic_key)
    VALUES (new.id, new.title, new.content, new.type, new.project, new.topic_key);
END;
CREATE TRIGGER observations_fts_delete AFTER DELETE ON observations BEGIN
    INSERT INTO observations_fts (observations_fts, rowid, title, content, type, project, topic_key)
    VALUES ('delete', old.id, old.title, old.content, old.type, old.project, old.topic_key);
END;
CREATE TRIGGER observations_fts_update AFTER UPDATE OF title, content, type, project, topic_key ON observations BEGIN
    INSERT INTO observations_fts (observations_fts, rowid, title, content, type, project, topic_key)
    VALUES ('delete', old.id, old.title, old.content, old.type, old.project, old.topic_key);
    INSERT INTO observations_fts (rowid, title, content, type, project, topic_key)
    VALUES (new.id, new.title, new.content, new.type, new.project, new.topic_key);
END;

CREATE TABLE prompts (
    id         INTEGER PRIMARY KEY,
    sync_id    TEXT NOT NULL UNIQUE,
    session_id TEXT NOT NULL,
    content    TEXT NOT NULL,
    project    TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    version    TEXT NOT NULL
);
CREATE INDEX prompts_by_project ON prompts (project, created_at);

CREATE VIRTUAL TABLE prompts_fts USING fts5(
    content, project,
    content = 'prompts', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER prompts_fts_insert AFTER INSERT ON prompts BEGIN
    INSERT INTO prompts_fts (rowid, content, project) VALUES (new.id, new.content, new.project);
END;
CREATE TRIGGER prompts_fts_delete AFTER DELETE ON prompts BEGIN
    INSERT INTO prompts_fts (prompts_fts, rowid, content, project) VALUES ('delete', old.id, old.content, old.project);
END;
CREATE TRIGGER prompts_fts_update AFTER UPDATE OF content, project ON prompts BEGIN
    INSERT INTO prompts_fts (prompts_fts, rowid, content, project) VALUES ('delete', old.id, old.content, old.project);
    INSERT INTO prompts_fts (rowid, content, project) VALUES (new.id, new.content, new.project);
END;

-- Hard deletes leave a tombstone so that an older upsert arriving later cannot bring the row back.
CREATE TABLE tombstones (
    entity     TEXT NOT NULL,
    entity_key TEXT NOT NULL,
    version    TEXT NOT NULL,
    deleted_at INTEGER NOT NULL,
    PRIMARY KEY (entity, entity_key)
);

-- Only enrolled projects replicate; only their writes are journaled.
CREATE TABLE enrolled_projects (
    project     TEXT PRIMARY KEY,
    enrolled_at INTEGER NOT NULL
);

-- The outbox: one row per local write of an enrolled project, in the same transaction as the write.
-- Its mutation_id on the wire is '<replica_id>:<seq>'. Rows are deleted when the server acknowledges them.
CREATE TABLE journal (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    project    TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_key TEXT NOT NULL,
    op         TEXT NOT NULL,
    payload    TEXT NOT NULL,
    version    TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX journal_by_project ON journal (project, seq);
