package dev.engram.memory;

import dev.engram.base.InvalidInputException;
import dev.engram.base.Limits;
import dev.engram.base.NotFoundException;
import dev.engram.logging.ComponentLogger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;

/**
 * The local memory: sessions, observations and prompts in one SQLite file, with full-text search and
 * the replication journal. Every write validates first, then runs in one transaction that also appends
 * the journal row when the project is enrolled. Thread-safe; several processes may share the file.
 *
 * <p>A big class on purpose: it is the one place that knows the write rules (validation, redaction,
 * topic-key revision, duplicate folding, versions, journaling) and keeps them in one transaction.
 */
public final class SqliteMemoryStore implements AutoCloseable {
    private static final ComponentLogger log = ComponentLogger.of("store");
    public static final String FILE_NAME = "engram.db";
    public static final Duration DUPLICATE_WINDOW = Duration.ofMinutes(15);
    static final int MAX_LIMIT = 100;
    /** Queries matching more observations than this are ordered newest first instead of by bm25. */
    static final int RANKED_MATCHES = 2_000;

    private final Database db;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final List<Runnable> writeListeners = new CopyOnWriteArrayList<>();
    /** The repair of an unusable stored clock is logged once per open store. */
    private final AtomicBoolean clockRepairLogged = new AtomicBoolean();

    private SqliteMemoryStore(Database db, InstantSource clock, RandomGenerator random) {
        this.db = db;
        this.clock = clock;
        this.random = random;
        db.write(c -> {
            if (Sql.metaGet(c, "replica_id") == null) {
                Sql.metaPut(c, "replica_id", "r-" + hex(8));
            }
            return null;
        });
    }

    /**
     * Initialises the SQLite driver's settings (time zone and locale data) now; start-up threads call this and
     * {@link #warmUpNativeLibrary()} while the command line is read. Logs nothing.
     */
    public static void warmUpSettings() {
        Database.warmUpSettings();
    }

    /** Loads the SQLite driver's native library now. The driver logs through SLF4J: start Logback first. */
    public static void warmUpNativeLibrary() {
        Database.warmUpNativeLibrary();
    }

    /** Opens (creating or migrating) {@code engram.db} in {@code dataDir}. */
    public static SqliteMemoryStore open(Path dataDir) {
        return openFile(dataDir.resolve(FILE_NAME), InstantSource.system(), new LazySecureRandom());
    }

    /** Opens a database file with an injected clock and random source (tests, benchmarks). */
    public static SqliteMemoryStore openFile(Path file, InstantSource clock, RandomGenerator random) {
        return new SqliteMemoryStore(Database.open(file), clock, random);
    }

    /**
     * The random id this database got when it was created, or the one it took when the server showed that
     * it had been copied or restored ({@link #renewReplicaId}). Read from the file every time, so that every
     * process sharing it agrees.
     */
    public String replicaId() {
        return db.read(SqliteMemoryStore::replicaId);
    }

    private static String replicaId(Connection c) throws SQLException {
        return Sql.metaGet(c, "replica_id");
    }

    /**
     * Takes a new replica id, unless another process already replaced {@code current}: either way the id in
     * force afterwards is returned. Pending journal rows get their mutation ids from it when pushed.
     */
    public String renewReplicaId(String current) {
        return db.write(c -> {
            String now = replicaId(c);
            if (!now.equals(current)) {
                return now;
            }
            String renewed = "r-" + hex(8);
            Sql.metaPut(c, "replica_id", renewed);
            return renewed;
        });
    }

    public Path file() {
        return db.file();
    }

    /** {@code listener} runs after every committed local write (on the writing thread; keep it cheap). */
    public void addWriteListener(Runnable listener) {
        writeListeners.add(listener);
    }

    // ---- sessions -------------------------------------------------------------------------------

    /** Starts a session, or returns it unchanged when it already exists. */
    public Session startSession(String id, String project, String directory) {
        String sessionId = Inputs.required("id", id, Limits.MAX_KEY_CHARS);
        String normalized = Projects.normalize("project", project);
        String dir = directory == null ? "" : Inputs.checked("directory", directory.strip(), Limits.MAX_DIRECTORY_CHARS);
        Session session = writeAndNotify(c -> {
            Session existing = findSession(c, sessionId);
            return existing != null ? existing : insertSession(c, sessionId, normalized, dir);
        });
        return session;
    }

    /** Ends a session with an optional summary (redacted). */
    public Session endSession(String id, String summary) {
        String sessionId = Inputs.required("id", id, Limits.MAX_KEY_CHARS);
        String cleanSummary = summary == null || summary.isBlank() ? null : Inputs.redacted("summary", summary, Limits.MAX_CONTENT_CHARS);
        return writeAndNotify(c -> {
            Session existing = findSession(c, sessionId);
            if (existing == null) {
                throw new NotFoundException("session " + sessionId + " not found");
            }
            Instant now = now();
            String version = nextVersion(c);
            Sql.update(c, "UPDATE sessions SET ended_at = ?, summary = ?, version = ? WHERE id = ?",
                    now.toEpochMilli(), cleanSummary, version, sessionId);
            Session ended = new Session(existing.id(), existing.project(), existing.directory(), existing.startedAt(), now, cleanSummary);
            journal(c, ended.project(), "session", ended.id(), "upsert", Wire.session(ended, version), version);
            return ended;
        });
    }

    public Session getSession(String id) {
        String sessionId = Inputs.required("id", id, Integer.MAX_VALUE);
        Session s = db.read(c -> findSession(c, sessionId));
        if (s == null) {
            throw new NotFoundException("session " + sessionId + " not found");
        }
        return s;
    }

    // ---- observations ---------------------------------------------------------------------------

    /** Saves an observation: creates it, revises the one with the same topic key, or folds a duplicate. */
    public SaveResult save(NewObservation in) {
        String title = Inputs.redacted("title", in.title(), Limits.MAX_TITLE_CHARS);
        String content = Inputs.redacted("content", in.content(), Limits.MAX_CONTENT_CHARS);
        String project = Projects.normalize("project", in.project());
        String typeGiven = Inputs.optional("type", in.type(), Inputs.MAX_TYPE_CHARS);
        String type = typeGiven == null ? "manual" : typeGiven;
        Scope scope = Scope.parse("scope", in.scope());
        String topicKey = Inputs.optional("topic_key", in.topicKey(), Limits.MAX_KEY_CHARS);
        String toolName = Inputs.optional("tool_name", in.toolName(), Inputs.MAX_TOOL_NAME_CHARS);
        String sessionId = Inputs.sessionOrManual("session_id", in.sessionId(), project);
        String hash = contentHash(content);

        return writeAndNotify(c -> {
            Instant now = now();
            if (findSession(c, sessionId) == null) {
                insertSession(c, sessionId, project, "");
            }
            if (topicKey != null) {
                Observation current = Sql.one(c, "SELECT " + Rows.OBSERVATION_COLUMNS + " FROM observations o "
                        + "WHERE o.project = ? AND o.scope = ? AND o.topic_key = ? AND o.deleted_at IS NULL "
                        + "ORDER BY o.updated_at DESC, o.sync_id DESC LIMIT 1", Rows::observation, project, scope.wire(), topicKey);
                if (current != null) {
                    String version = nextVersion(c);
                    Sql.update(c, "UPDATE observations SET title = ?, content = ?, type = ?, tool_name = ?, session_id = ?, "
                                    + "content_hash = ?, revision_count = revision_count + 1, updated_at = ?, last_seen_at = ?, version = ? WHERE id = ?",
                            title, content, type, toolName, sessionId, hash, now.toEpochMilli(), now.toEpochMilli(), version, current.id());
                    Observation revised = getObservation(c, current.id());
                    journalObservation(c, revised, version);
                    return new SaveResult.Revised(revised);
                }
            } else {
                Long duplicate = Sql.one(c, "SELECT o.id FROM observations o WHERE o.project = ? AND o.scope = ? AND o.type = ? "
                                + "AND o.content_hash = ? AND o.last_seen_at >= ? AND o.title = ? AND o.deleted_at IS NULL "
                                + "ORDER BY o.last_seen_at DESC LIMIT 1", rs -> rs.getLong(1),
                        project, scope.wire(), type, hash, now.minus(DUPLICATE_WINDOW).toEpochMilli(), title);
                if (duplicate != null) {
                    // Folding a duplicate changes no replicated field: nothing to journal.
                    Sql.update(c, "UPDATE observations SET duplicate_count = duplicate_count + 1, last_seen_at = ? WHERE id = ?",
                            now.toEpochMilli(), duplicate);
                    return new SaveResult.Duplicate(getObservation(c, duplicate));
                }
            }
            String version = nextVersion(c);
            String syncId = "obs-" + hex(8);
            long id = Sql.insert(c, "INSERT INTO observations (sync_id, session_id, type, title, content, tool_name, project, scope, "
                            + "topic_key, content_hash, created_at, updated_at, last_seen_at, version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    syncId, sessionId, type, title, content, toolName, project, scope.wire(), topicKey, hash,
                    now.toEpochMilli(), now.toEpochMilli(), now.toEpochMilli(), version);
            Observation created = getObservation(c, id);
            journalObservation(c, created, version);
            return new SaveResult.Created(created);
        });
    }

    /** One observation by local id, including a soft-deleted one (its {@code deletedAt} is set). */
    public Observation get(long id) {
        Observation o = db.read(c -> Sql.one(c, "SELECT " + Rows.OBSERVATION_COLUMNS + " FROM observations o WHERE o.id = ?",
                Rows::observation, id));
        if (o == null) {
            throw new NotFoundException("observation " + id + " not found");
        }
        return o;
    }

    /** Applies the non-null fields of {@code update}; the revision count goes up by one. */
    public Observation update(long id, ObservationUpdate update) {
        String title = update.title() == null ? null : Inputs.redacted("title", update.title(), Limits.MAX_TITLE_CHARS);
        String content = update.content() == null ? null : Inputs.redacted("content", update.content(), Limits.MAX_CONTENT_CHARS);
        String type = update.type() == null ? null : Inputs.required("type", update.type(), Inputs.MAX_TYPE_CHARS);
        Scope scope = update.scope() == null ? null : Scope.parse("scope", update.scope());
        // An empty topic key clears it.
        String topicKey = update.topicKey() == null ? null : Inputs.checked("topic_key", update.topicKey().strip(), Limits.MAX_KEY_CHARS);
        return writeAndNotify(c -> {
            Observation current = getObservation(c, id);
            if (current == null || current.deleted()) {
                throw new NotFoundException("observation " + id + " not found");
            }
            String newContent = content != null ? content : current.content();
            String version = nextVersion(c);
            long now = now().toEpochMilli();
            Sql.update(c, "UPDATE observations SET title = ?, content = ?, type = ?, scope = ?, topic_key = ?, content_hash = ?, "
                            + "revision_count = revision_count + 1, updated_at = ?, version = ? WHERE id = ?",
                    title != null ? title : current.title(), newContent, type != null ? type : current.type(),
                    (scope != null ? scope : current.scope()).wire(),
                    topicKey == null ? current.topicKey() : (topicKey.isEmpty() ? null : topicKey),
                    contentHash(newContent), now, version, id);
            Observation updated = getObservation(c, id);
            journalObservation(c, updated, version);
            return updated;
        });
    }

    /** Soft-deletes (hidden from search and context) or, with {@code hard}, removes the observation. */
    public void delete(long id, boolean hard) {
        writeAndNotify(c -> {
            Observation current = getObservation(c, id);
            if (current == null || (current.deleted() && !hard)) {
                throw new NotFoundException("observation " + id + " not found");
            }
            Instant now = now();
            String version = nextVersion(c);
            if (hard) {
                Sql.update(c, "DELETE FROM observations WHERE id = ?", id);
                Sql.update(c, "INSERT INTO tombstones (entity, entity_key, version, deleted_at) VALUES ('observation', ?, ?, ?) "
                        + "ON CONFLICT (entity, entity_key) DO UPDATE SET version = excluded.version, deleted_at = excluded.deleted_at",
                        current.syncId(), version, now.toEpochMilli());
                journal(c, current.project(), "observation", current.syncId(), "delete",
                        Wire.delete(current.syncId(), now, hard, version), version);
            } else {
                Sql.update(c, "UPDATE observations SET deleted_at = ?, updated_at = ?, version = ? WHERE id = ?",
                        now.toEpochMilli(), now.toEpochMilli(), version, id);
                // The soft delete carries the whole entity: the replica whose concurrent edit it overrides
                // takes this title and content too, so soft-deleted rows converge like live ones.
                journal(c, current.project(), "observation", current.syncId(), "delete",
                        Wire.softDelete(getObservation(c, id), version), version);
            }
            return null;
        });
    }

    /** Ranked full-text search over live observations. */
    public List<SearchHit> search(SearchQuery query) {
        List<String> terms = SearchText.terms(query.text());
        if (terms.isEmpty()) {
            return List.of();
        }
        int limit = limit("limit", query.limit(), 10);
        String project = Projects.normalizeOrNull(query.project());
        String scope = query.scope() == null || query.scope().isBlank() ? null : Scope.parse("scope", query.scope()).wire();
        String type = query.type() == null || query.type().isBlank() ? null : query.type().strip();
        return db.read(c -> {
            List<SearchHit> hits = searchFts(c, SearchText.allOf(terms), type, project, scope, limit);
            if (hits.isEmpty() && terms.size() > 1) {
                hits = searchFts(c, SearchText.anyOf(terms), type, project, scope, limit);
            }
            return hits;
        });
    }

    private static List<SearchHit> searchFts(Connection c, String match, String type, String project, String scope, int limit)
            throws SQLException {
        if (limit == 0) {
            return List.of();
        }
        StringBuilder filters = new StringBuilder(" AND o.deleted_at IS NULL");
        List<Object> filterArgs = new ArrayList<>();
        if (type != null) {
            filters.append(" AND o.type = ?");
            filterArgs.add(type);
        }
        if (project != null) {
            filters.append(" AND o.project = ?");
            filterArgs.add(project);
        }
        if (scope != null) {
            filters.append(" AND o.scope = ?");
            filterArgs.add(scope);
        }
        // bm25 costs a scan of every matching term's whole index entry plus a score per matching row.
        // Past RANKED_MATCHES rows a query is too broad for relevance to help (its words are in most
        // observations, where bm25 weighs them near zero anyway): the newest matches come first.
        long matched = Sql.one(c, "SELECT count(*) FROM (SELECT 1 FROM observations_fts WHERE observations_fts MATCH ? LIMIT ?)",
                rs -> rs.getLong(1), match, RANKED_MATCHES + 1);
        String order = matched > RANKED_MATCHES ? "observations_fts.rowid DESC" : "observations_fts.rank";
        String score = matched > RANKED_MATCHES ? "0.0" : "observations_fts.rank";
        List<Object> args = new ArrayList<>(List.of(match));
        args.addAll(filterArgs);
        args.add(limit);
        List<SearchHit> hits = Sql.list(c, "SELECT " + Rows.OBSERVATION_COLUMNS + ", " + score + " FROM observations_fts "
                + "JOIN observations o ON o.id = observations_fts.rowid WHERE observations_fts MATCH ?" + filters
                + " ORDER BY " + order + " LIMIT ?", rs -> new SearchHit(Rows.observation(rs), rs.getDouble(16), null), args.toArray());
        return withSnippets(c, match, hits);
    }

    /** Adds a highlighted snippet of the content to each hit: computed for the few rows returned only. */
    private static List<SearchHit> withSnippets(Connection c, String match, List<SearchHit> hits) throws SQLException {
        if (hits.isEmpty()) {
            return hits;
        }
        StringBuilder in = new StringBuilder();
        List<Object> args = new ArrayList<>(List.of(match));
        for (SearchHit hit : hits) {
            in.append(in.isEmpty() ? "?" : ",?");
            args.add(hit.observation().id());
        }
        java.util.Map<Long, String> snippets = new java.util.HashMap<>();
        for (Object[] row : Sql.list(c, "SELECT rowid, snippet(observations_fts, 1, '[', ']', '...', 16) FROM observations_fts "
                + "WHERE observations_fts MATCH ? AND rowid IN (" + in + ")", rs -> new Object[] {rs.getLong(1), rs.getString(2)}, args.toArray())) {
            snippets.put((Long) row[0], (String) row[1]);
        }
        List<SearchHit> out = new ArrayList<>(hits.size());
        for (SearchHit hit : hits) {
            out.add(new SearchHit(hit.observation(), hit.rank(), snippets.get(hit.observation().id())));
        }
        return out;
    }

    /** Recent sessions, observations and prompts of {@code project} (all projects when null), newest first. */
    public Context context(String project, Integer limit) {
        String p = Projects.normalizeOrNull(project);
        int n = limit("limit", limit, 20);
        return db.read(c -> {
            String where = p == null ? "" : " WHERE s.project = ?";
            Object[] args = p == null ? new Object[] {} : new Object[] {p};
            List<Session> sessions = Sql.list(c, "SELECT " + Rows.SESSION_COLUMNS + " FROM sessions s" + where
                    + " ORDER BY s.started_at DESC LIMIT 5", Rows::session, args);
            List<Observation> observations = Sql.list(c, "SELECT " + Rows.OBSERVATION_COLUMNS + " FROM observations o WHERE o.deleted_at IS NULL"
                    + (p == null ? "" : " AND o.project = ?") + " ORDER BY o.created_at DESC, o.id DESC LIMIT " + n, Rows::observation, args);
            List<Prompt> prompts = Sql.list(c, "SELECT " + Rows.PROMPT_COLUMNS + " FROM prompts p"
                    + (p == null ? "" : " WHERE p.project = ?") + " ORDER BY p.created_at DESC, p.id DESC LIMIT 10", Rows::prompt, args);
            return new Context(p, sessions, observations, prompts);
        });
    }

    /** Live observations of the same session before and after {@code id}, in time order. */
    public Timeline timeline(long id, Integer before, Integer after) {
        int nBefore = limit("before", before, 5);
        int nAfter = limit("after", after, 5);
        Observation focus = get(id);
        return db.read(c -> {
            List<Observation> earlier = Sql.list(c, "SELECT " + Rows.OBSERVATION_COLUMNS + " FROM observations o WHERE o.session_id = ? "
                            + "AND o.deleted_at IS NULL AND (o.created_at < ? OR (o.created_at = ? AND o.id < ?)) "
                            + "ORDER BY o.created_at DESC, o.id DESC LIMIT ?", Rows::observation,
                    focus.sessionId(), focus.createdAt().toEpochMilli(), focus.createdAt().toEpochMilli(), focus.id(), nBefore);
            List<Observation> later = Sql.list(c, "SELECT " + Rows.OBSERVATION_COLUMNS + " FROM observations o WHERE o.session_id = ? "
                            + "AND o.deleted_at IS NULL AND (o.created_at > ? OR (o.created_at = ? AND o.id > ?)) "
                            + "ORDER BY o.created_at, o.id LIMIT ?", Rows::observation,
                    focus.sessionId(), focus.createdAt().toEpochMilli(), focus.createdAt().toEpochMilli(), focus.id(), nAfter);
            List<Observation> ordered = new ArrayList<>(earlier);
            java.util.Collections.reverse(ordered);
            return new Timeline(focus, List.copyOf(ordered), later);
        });
    }

    // ---- prompts --------------------------------------------------------------------------------

    public Prompt savePrompt(String sessionId, String content, String project) {
        String text = Inputs.redacted("content", content, Limits.MAX_CONTENT_CHARS);
        String p = Projects.normalize("project", project);
        String session = Inputs.sessionOrManual("session_id", sessionId, p);
        return writeAndNotify(c -> {
            if (findSession(c, session) == null) {
                insertSession(c, session, p, "");
            }
            Instant now = now();
            String version = nextVersion(c);
            String syncId = "prompt-" + hex(8);
            long id = Sql.insert(c, "INSERT INTO prompts (sync_id, session_id, content, project, created_at, version) VALUES (?,?,?,?,?,?)",
                    syncId, session, text, p, now.toEpochMilli(), version);
            Prompt prompt = new Prompt(id, syncId, session, text, p, now);
            journal(c, p, "prompt", syncId, "upsert", Wire.prompt(prompt, version), version);
            return prompt;
        });
    }

    // ---- projects -------------------------------------------------------------------------------

    /** Every project that has memories here, in name order, with its counts. */
    public List<ProjectCount> projectCounts() {
        return db.read(c -> Sql.list(c, "SELECT p, sum(o), sum(d), sum(s), sum(q), max(t) FROM ("
                + "SELECT project p, CASE WHEN deleted_at IS NULL THEN 1 ELSE 0 END o, CASE WHEN deleted_at IS NULL THEN 0 ELSE 1 END d, "
                + "0 s, 0 q, updated_at t FROM observations "
                + "UNION ALL SELECT project, 0, 0, 1, 0, coalesce(ended_at, started_at) FROM sessions "
                + "UNION ALL SELECT project, 0, 0, 0, 1, created_at FROM prompts) GROUP BY p ORDER BY p",
                rs -> new ProjectCount(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        java.time.Instant.ofEpochMilli(rs.getLong(6)))));
    }

    /**
     * Moves every memory of {@code from} into {@code into} as ordinary, journaled local writes (see
     * {@link ProjectMerge} for how, and why copies get new keys).
     */
    public MergeResult mergeProject(String from, String into) {
        String f = Projects.normalize("FROM", from);
        String i = Projects.normalize("INTO", into);
        if (f.equals(i)) {
            throw new InvalidInputException("INTO", "FROM and INTO are the same project (" + f + ")");
        }
        return writeAndNotify(c -> new ProjectMerge(this, c).merge(f, i));
    }

    /**
     * The project's most useful live observations (see {@link ContextBudget}) in compact form, whole lines
     * only, at most {@code maxBytes} UTF-8 bytes.
     */
    public ContextBudget.Fitted contextWithin(String project, int maxBytes) {
        int budget = ContextBudget.checkedMaxBytes("max_bytes", maxBytes);
        String p = Projects.normalizeOrNull(project);
        int prefix = ContextBudget.CONTENT_PREFIX_CHARS;
        List<ContextBudget.Candidate> candidates = db.read(c -> {
            // The first characters of each content only (a content may hold a million): a line shows 200 at
            // most. The rare content whose first characters are mostly whitespace is read whole.
            List<Long> readWhole = new ArrayList<>();
            List<ContextBudget.Candidate> rows = Sql.list(c, "SELECT " + Rows.CANDIDATE_COLUMNS + " FROM observations o"
                    + " WHERE o.deleted_at IS NULL" + (p == null ? "" : " AND o.project = ?")
                    + " ORDER BY o.updated_at DESC, o.id DESC LIMIT " + ContextBudget.MAX_CANDIDATES, rs -> {
                        ContextBudget.Candidate o = Rows.candidate(rs);
                        if (rs.getLong(8) > prefix && !ContextBudget.prefixSuffices(o.content())) {
                            readWhole.add(o.id());
                        }
                        return o;
                    }, p == null ? new Object[] {} : new Object[] {p});
            if (readWhole.isEmpty()) {
                return rows;
            }
            Map<Long, String> whole = new HashMap<>();
            for (Long id : readWhole) {
                whole.put(id, Sql.one(c, "SELECT content FROM observations WHERE id = ?", rs -> rs.getString(1), id));
            }
            List<ContextBudget.Candidate> exact = new ArrayList<>(rows.size());
            for (ContextBudget.Candidate o : rows) {
                String content = whole.get(o.id());
                exact.add(content == null ? o : new ContextBudget.Candidate(o.id(), o.type(), o.title(), content, o.revisionCount(),
                        o.duplicateCount(), o.updatedAt()));
            }
            return exact;
        });
        return ContextBudget.fit(p, candidates, now(), budget);
    }

    // ---- stats ----------------------------------------------------------------------------------

    public Stats stats() {
        return db.read(c -> {
            long sessions = Sql.one(c, "SELECT count(*) FROM sessions", rs -> rs.getLong(1));
            long live = Sql.one(c, "SELECT count(*) FROM observations WHERE deleted_at IS NULL", rs -> rs.getLong(1));
            long deleted = Sql.one(c, "SELECT count(*) FROM observations WHERE deleted_at IS NOT NULL", rs -> rs.getLong(1));
            long prompts = Sql.one(c, "SELECT count(*) FROM prompts", rs -> rs.getLong(1));
            List<Stats.ProjectTypeCount> counts = Sql.list(c, "SELECT project, type, count(*) FROM observations WHERE deleted_at IS NULL "
                    + "GROUP BY project, type ORDER BY project, type", rs -> new Stats.ProjectTypeCount(rs.getString(1), rs.getString(2), rs.getLong(3)));
            return new Stats(sessions, live, prompts, deleted, counts, databaseBytes(), db.file().toString());
        });
    }

    private long databaseBytes() {
        long total = 0;
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Path p = Path.of(db.file() + suffix);
            try {
                total += Files.exists(p) ? Files.size(p) : 0;
            } catch (java.io.IOException ignored) {
                // a file removed between exists and size counts as empty
            }
        }
        return total;
    }

    // ---- enrollment and journal -------------------------------------------------------------------

    /**
     * Enrolls a project for replication and backfills its existing sessions, observations, prompts and
     * deletions into the journal (with their current versions). Enrolling twice changes nothing.
     * Returns the number of journal rows the backfill added.
     */
    public int enroll(String project) {
        String p = Projects.normalize("project", project);
        return db.write(c -> {
            if (Sql.one(c, "SELECT 1 FROM enrolled_projects WHERE project = ?", rs -> 1, p) != null) {
                return 0;
            }
            Sql.update(c, "INSERT INTO enrolled_projects (project, enrolled_at) VALUES (?, ?)", p, now().toEpochMilli());
            return Backfill.project(c, p, this::journalUnchecked);
        });
    }

    /**
     * Journals every enrolled project's current state again, inside the caller's transaction (see {@link #write}):
     * after the cloud server was reset or replaced, so that it gets back everything this replica has.
     * Returns the number of journal rows added.
     */
    public int journalEnrolledAgain(Connection c) throws SQLException {
        int rows = 0;
        for (String p : Sql.list(c, "SELECT project FROM enrolled_projects ORDER BY project", rs -> rs.getString(1))) {
            rows += Backfill.project(c, p, this::journalUnchecked);
        }
        return rows;
    }

    /** Stops replicating a project; its pending journal rows are dropped (the data stays). */
    public boolean unenroll(String project) {
        String p = Projects.normalize("project", project);
        return db.write(c -> {
            Sql.update(c, "DELETE FROM journal WHERE project = ?", p);
            return Sql.update(c, "DELETE FROM enrolled_projects WHERE project = ?", p) > 0;
        });
    }

    public List<String> enrolledProjects() {
        return db.read(c -> Sql.list(c, "SELECT project FROM enrolled_projects ORDER BY project", rs -> rs.getString(1)));
    }

    /** Every enrolled project, in name order, with its journal rows not yet acknowledged by the server. */
    public Map<String, Long> pendingByProject() {
        return db.read(c -> {
            Map<String, Long> pending = new LinkedHashMap<>();
            for (Map.Entry<String, Long> e : Sql.list(c, "SELECT e.project, (SELECT count(*) FROM journal j WHERE j.project = e.project) "
                    + "FROM enrolled_projects e ORDER BY e.project", rs -> Map.entry(rs.getString(1), rs.getLong(2)))) {
                pending.put(e.getKey(), e.getValue());
            }
            return pending;
        });
    }

    /** Journal rows not yet acknowledged by the server. */
    public long pendingCount() {
        return db.read(c -> Sql.one(c, "SELECT count(*) FROM journal", rs -> rs.getLong(1)));
    }

    /** The raw SQLite work area for the other local-database components (journal reader, sync state). */
    public <T> T read(SqlWork<T> work) {
        return db.read(work);
    }

    public <T> T write(SqlWork<T> work) {
        return db.write(work);
    }

    /**
     * Applies one replicated mutation inside the caller's transaction (see {@link #write}) with the
     * convergence rule of contract 8.4. Never journals: the mutation came from the server. Times and
     * versions are checked against the system clock (see the overload taking {@code now}).
     *
     * @throws BadPayloadException when the mutation cannot be applied as it is (set it aside)
     */
    public static ApplyOutcome applyMutation(Connection c, String entity, String op, tools.jackson.databind.JsonNode payload)
            throws SQLException {
        return applyMutation(c, entity, op, payload, Instant.now());
    }

    /**
     * As {@link #applyMutation(Connection, String, String, tools.jackson.databind.JsonNode)}, with times
     * and versions checked against {@code now}: one more than a day ahead of it is refused.
     */
    public static ApplyOutcome applyMutation(Connection c, String entity, String op, tools.jackson.databind.JsonNode payload,
                                             Instant now) throws SQLException {
        return Apply.mutation(c, entity, op, payload, now);
    }

    /**
     * The project the stored entity {@code key} belongs to, or null when there is none here (for a pulled
     * mutation's check: replication never moves an entity to another project, nor lets one project's writer
     * touch another project's entity by naming its key). Runs in the caller's transaction.
     */
    public static String projectOf(Connection c, String entity, String key) throws SQLException {
        String sql = switch (entity == null ? "" : entity) {
            case "observation" -> "SELECT project FROM observations WHERE sync_id = ?";
            case "prompt" -> "SELECT project FROM prompts WHERE sync_id = ?";
            case "session" -> "SELECT project FROM sessions WHERE id = ?";
            default -> null;
        };
        return sql == null ? null : Sql.one(c, sql, rs -> rs.getString(1), key);
    }

    // ---- internals ------------------------------------------------------------------------------

    private <T> T writeAndNotify(SqlWork<T> work) {
        T result = db.write(work);
        for (Runnable listener : writeListeners) {
            listener.run();
        }
        return result;
    }

    Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    /**
     * The next version for a local write, persisted so that every process sharing the file agrees.
     *
     * <p>A stored clock that is malformed or more than a day ahead of the wall clock (a database written
     * by a build that let a peer's crafted version through) is dropped, once, with a WARN: versions
     * restart from the wall clock. They then sort below the bogus version, so a replica that holds an
     * entity stamped with it keeps that entity until it is edited there; that is acceptable because
     * such versions can no longer enter (every way in refuses them), only a few hostile rows are
     * concerned, and the alternative, a clock stuck at its maximum, refuses every local write for ever.
     */
    String nextVersion(Connection c) throws SQLException {
        Instant wall = clock.instant();
        String last = Sql.metaGet(c, "hlc");
        Version previous = null;
        if (last != null) {
            String problem = Limits.versionProblem(last, wall);
            if (problem == null) {
                previous = Version.decode(last);
            } else if (clockRepairLogged.compareAndSet(false, true)) {
                log.atWarn().setMessage("the stored version clock was unusable; restarting it from the wall clock")
                        .addKeyValue("problem", "hlc " + problem).log();
            }
        }
        Version next = Version.next(previous, wall.toEpochMilli(), replicaId(c));
        String encoded = next.encode();
        Sql.metaPut(c, "hlc", encoded);
        return encoded;
    }

    /**
     * Moves the clock past a version seen from another replica, so later local writes order after it.
     * A version that is malformed or more than a day ahead of {@code now} is never stored: it would
     * stop every later local write (the callers refuse such versions first; this is the last guard).
     */
    static void observeVersion(Connection c, String version, Instant now) throws SQLException {
        if (Limits.versionProblem(version, now) != null) {
            return;
        }
        Sql.update(c, "INSERT INTO meta (key, value) VALUES ('hlc', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value "
                + "WHERE excluded.value > meta.value", version);
    }

    private void journalObservation(Connection c, Observation o, String version) throws SQLException {
        journal(c, o.project(), "observation", o.syncId(), "upsert", Wire.observation(o, version), version);
    }

    void journal(Connection c, String project, String entity, String key, String op, String payload, String version)
            throws SQLException {
        if (Sql.one(c, "SELECT 1 FROM enrolled_projects WHERE project = ?", rs -> 1, project) == null) {
            return;
        }
        journalUnchecked(c, project, entity, key, op, payload, version);
    }

    void journalUnchecked(Connection c, String project, String entity, String key, String op, String payload, String version)
            throws SQLException {
        Sql.insert(c, "INSERT INTO journal (project, entity, entity_key, op, payload, version, created_at) VALUES (?,?,?,?,?,?,?)",
                project, entity, key, op, payload, version, now().toEpochMilli());
    }

    private Session insertSession(Connection c, String id, String project, String directory) throws SQLException {
        Instant now = now();
        String version = nextVersion(c);
        Sql.update(c, "INSERT INTO sessions (id, project, directory, started_at, version) VALUES (?,?,?,?,?)",
                id, project, directory, now.toEpochMilli(), version);
        Session s = new Session(id, project, directory, now, null, null);
        journal(c, project, "session", id, "upsert", Wire.session(s, version), version);
        return s;
    }

    static Session findSession(Connection c, String id) throws SQLException {
        return Sql.one(c, "SELECT " + Rows.SESSION_COLUMNS + " FROM sessions s WHERE s.id = ?", Rows::session, id);
    }

    static Observation getObservation(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT " + Rows.OBSERVATION_COLUMNS + " FROM observations o WHERE o.id = ?", Rows::observation, id);
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static String contentHash(String content) {
        String normalized = content.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static int limit(String field, Integer value, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (value < 0 || value > MAX_LIMIT) {
            throw new InvalidInputException(field, field + " must be between 0 and " + MAX_LIMIT + ", was " + value);
        }
        return value;
    }

    @Override
    public void close() {
        db.close();
    }
}
