package dev.engram.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * The recall benchmark's data, generated from the vocabularies below (no downloaded data): target memories,
 * one per (component, aspect), each with a question that paraphrases it without sharing its key words and a
 * question that shares them; and distractor memories about the same components in other respects.
 */
final class RecallCorpus {
    /** A component as a memory names it, and as someone who forgot its name describes it. */
    record Component(String name, String description) {
    }

    /** What a memory says about a component, and the two ways to ask for it. */
    record Aspect(String memoryTitle, String memoryContent, String paraphrase, String keywords) {
    }

    record Memory(String title, String content, String type) {
    }

    /** A question, the index of its target memory, and whether it paraphrases (true) or shares the key words. */
    record Question(String text, int target, boolean paraphrase) {
    }

    static final List<Component> COMPONENTS = List.of(
            new Component("HikariCP", "the database connection pool"),
            new Component("Redis", "the in-memory key value cache"),
            new Component("Kafka", "the event streaming broker"),
            new Component("PostgreSQL", "the relational database server"),
            new Component("nginx", "the reverse proxy in front of the app"),
            new Component("JWT", "signed bearer tokens for login"),
            new Component("cron", "the nightly scheduled jobs"),
            new Component("Docker", "container images"),
            new Component("Gradle", "the build tool"),
            new Component("Elasticsearch", "the full-text search cluster"),
            new Component("Terraform", "infrastructure as code"),
            new Component("Kubernetes", "the container orchestrator"),
            new Component("GraphQL", "the query API layer"),
            new Component("gRPC", "the binary RPC protocol between services"),
            new Component("Jackson", "JSON serialization"),
            new Component("Logback", "the logging backend"),
            new Component("Flyway", "database schema migrations"),
            new Component("JUnit", "the unit testing framework"),
            new Component("Prometheus", "metrics scraping and alerting"),
            new Component("S3", "object storage buckets"),
            new Component("OAuth", "third-party sign-in"),
            new Component("WebSocket", "live push connections to browsers"),
            new Component("SQLite", "the embedded file database"),
            new Component("React", "the frontend UI framework"),
            new Component("Webpack", "the JavaScript bundler"),
            new Component("Sentry", "error tracking"),
            new Component("Stripe", "payment processing"),
            new Component("Twilio", "SMS text messaging"),
            new Component("Cloudflare", "the CDN serving static assets"),
            new Component("LDAP", "the corporate user directory"),
            new Component("RabbitMQ", "the background work queue"),
            new Component("Vault", "secrets storage"),
            new Component("Jenkins", "the CI server"),
            new Component("Maven", "dependency management and builds"),
            new Component("Netty", "the async networking library"),
            new Component("Hibernate", "the ORM layer"),
            new Component("Caffeine", "the local in-process cache"),
            new Component("Lucene", "the search index library"),
            new Component("Let's Encrypt", "HTTPS certificates"),
            new Component("Husky", "pre-commit hooks"),
            new Component("Grafana", "the dashboards for monitoring"),
            new Component("Airflow", "the data pipeline scheduler"),
            new Component("Spark", "big data batch processing"),
            new Component("Selenium", "browser automation for end-to-end checks"),
            new Component("Keycloak", "the identity provider"),
            new Component("MinIO", "self-hosted blob storage"),
            new Component("ZooKeeper", "distributed coordination"),
            new Component("Consul", "service discovery"),
            new Component("Envoy", "the sidecar proxy"),
            new Component("Bazel", "the monorepo build system"));

    static final List<Aspect> ASPECTS = List.of(
            new Aspect("Removed {T}", "Removed {T} from the stack; replaced it with a small hand-written helper.",
                    "why did we stop using {P}?", "why was {T} removed from the stack?"),
            new Aspect("{T} upgrade", "Bumped {T} to the latest major version after reading the changelog.",
                    "what release of {P} are we on now?", "which major version of {T} did we bump to?"),
            new Aspect("{T} timeout", "{T} timeout raised to 30 seconds.",
                    "how long does {P} wait before giving up?", "what is the {T} timeout?"),
            new Aspect("{T} outage", "Outage: {T} crashed at 3am; root cause was heap exhaustion.",
                    "what went down overnight with {P}?", "why did {T} crash at 3am?"),
            new Aspect("Chose {T}", "Picked {T} over the alternatives after a two-day spike.",
                    "what did we decide about {P} and how?", "why did we pick {T} over the alternatives?"),
            new Aspect("{T} settings", "{T} settings live in config/app.yaml under the main key.",
                    "where do I change options for {P}?", "where do the {T} settings live?"),
            new Aspect("Flaky {T} tests", "Tests touching {T} were flaky; added retries with jitter.",
                    "why do checks involving {P} fail randomly in CI?", "flaky {T} tests retries"),
            new Aspect("{T} credentials rotated", "Rotated the credentials for {T} after the leak.",
                    "did we change secrets of {P} following the incident?", "were the {T} credentials rotated after the leak?"),
            new Aspect("{T} tuning", "Tuned {T}: p99 latency dropped from 800ms to 120ms.",
                    "how did we make {P} faster?", "{T} p99 latency tuning"),
            new Aspect("{T} ownership", "{T} is owned by the platform team; ping Dana for changes.",
                    "who maintains {P}?", "which team owns {T}?"),
            new Aspect("{T} runbook", "Wrote a runbook for restarting {T}.",
                    "is there a guide for bringing {P} back up?", "runbook for restarting {T}"),
            new Aspect("{T} cost", "{T} bill doubled last month; moved to reserved capacity.",
                    "why did spending on {P} go up?", "why did the {T} bill double?"));

    private static final List<String> DISTRACTOR_TITLES = List.of(
            "Notes on {T}", "{T} client warning", "{T} metrics", "Investigated {T}", "{T} and {U}", "Meeting: {T} roadmap",
            "{T} docs link", "{T} logging noise", "{T} local setup", "{T} deprecation warning");
    private static final List<String> DISTRACTOR_CONTENTS = List.of(
            "Discussed the {T} roadmap and the {U} migration in the weekly sync; action items in the tracker ({N}).",
            "The {T} client logs a warning on startup about an unused property; harmless, ticket {N}.",
            "Added dashboards for {T} request counts and {U} queue depth; alert threshold {N}.",
            "Investigated {T} memory usage next to {U}; nothing conclusive, measurements in sheet {N}.",
            "{T} and {U} both need Java 21 for the module {M}; CI image updated in build {N}.",
            "Local setup: run {T} in a sidecar, point {U} at it, seed with fixture {N}.",
            "Renamed the {M} module to match the {T} naming; {U} imports updated in commit {N}.",
            "Pairing session on {M}: wrote characterization tests around {T} calls ({N} cases).",
            "The {M} package reads {T} properties at startup; {U} is lazily created on first use.",
            "Reviewed pull request {N}: {M} now wraps {T} errors before they reach {U}.",
            "Refactored {M} to records; {T} adapters unchanged; {U} mapping simplified ({N} lines removed).",
            "Benchmark {N}: {M} serialization with {T} against {U}, numbers in the wiki.");
    private static final List<String> MODULES = List.of("billing", "accounts", "search", "reports", "ingest", "auth", "export",
            "notifications", "catalog", "checkout", "inventory", "scheduler", "gateway", "audit", "profile", "admin");
    private static final Set<String> STOPWORDS = Set.of("the", "a", "an", "of", "to", "for", "in", "on", "at", "and", "or", "is",
            "are", "was", "were", "did", "do", "we", "it", "its", "with", "from", "after", "by", "how", "what", "why", "who",
            "which", "where", "there", "now", "our", "up", "back", "i", "me", "us", "be", "go", "into", "over");

    final List<Memory> memories = new ArrayList<>();
    final List<Question> questions = new ArrayList<>();

    /** {@code targets} (component, aspect) pairs, half asked by paraphrase and half by key words; {@code distractors} others. */
    static RecallCorpus generate(int targets, int distractors, long seed) {
        Random random = new Random(seed);
        RecallCorpus corpus = new RecallCorpus();
        List<int[]> pairs = new ArrayList<>();
        for (int c = 0; c < COMPONENTS.size(); c++) {
            for (int a = 0; a < ASPECTS.size(); a++) {
                pairs.add(new int[] {c, a});
            }
        }
        Collections.shuffle(pairs, random);
        if (targets > pairs.size()) {
            throw new IllegalArgumentException("at most " + pairs.size() + " targets");
        }
        List<String> clashes = new ArrayList<>();
        for (int i = 0; i < targets; i++) {
            Component c = COMPONENTS.get(pairs.get(i)[0]);
            Aspect a = ASPECTS.get(pairs.get(i)[1]);
            Memory m = new Memory(fill(a.memoryTitle(), c.name()), fill(a.memoryContent(), c.name()), "decision");
            boolean paraphrase = i % 2 == 0;
            String q = paraphrase ? fill(a.paraphrase(), c.description()) : fill(a.keywords(), c.name());
            if (paraphrase && !Collections.disjoint(keyWords(m.title() + " " + m.content()), keyWords(q))) {
                clashes.add(q + " / " + m.content());
            }
            corpus.questions.add(new Question(q, corpus.memories.size(), paraphrase));
            corpus.memories.add(m);
        }
        if (!clashes.isEmpty()) {
            throw new IllegalStateException("paraphrases sharing key words with their memory:\n" + String.join("\n", clashes));
        }
        for (int i = 0; i < distractors; i++) {
            String t = COMPONENTS.get(random.nextInt(COMPONENTS.size())).name();
            String u = COMPONENTS.get(random.nextInt(COMPONENTS.size())).name();
            String module = MODULES.get(random.nextInt(MODULES.size()));
            String n = String.valueOf(100 + random.nextInt(9_900));
            String title = DISTRACTOR_TITLES.get(random.nextInt(DISTRACTOR_TITLES.size()));
            String content = DISTRACTOR_CONTENTS.get(random.nextInt(DISTRACTOR_CONTENTS.size()));
            corpus.memories.add(new Memory(fill(title, t).replace("{U}", u),
                    fill(content, t).replace("{U}", u).replace("{M}", module).replace("{N}", n), random.nextBoolean() ? "discovery" : "pattern"));
        }
        return corpus;
    }

    private static String fill(String template, String value) {
        String s = template.replace("{T}", value).replace("{P}", value);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The words that carry meaning, cut to five letters (so "removed" and "remove" are one word, as a stemmer would have it). */
    static Set<String> keyWords(String text) {
        Set<String> out = new HashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty() && !STOPWORDS.contains(w)) {
                out.add(w.length() > 5 ? w.substring(0, 5) : w);
            }
        }
        return out;
    }
}
