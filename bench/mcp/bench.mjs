// MCP latency benchmark: drives engram mcp and peer memory servers with the same client (the
// official TypeScript MCP SDK over stdio) and prints p50/p95 of their save and search tools.
//
//   node bench.mjs --target engram|server-memory|libsql|keeper --n N --data DATA.jsonl --dir DIR
//                  [--warm 200] [--saves 500] [--searches 500] [--jar target/engram.jar] [--java /path/to/java]
//
// DATA.jsonl comes from gen.mjs and must hold at least N + warm-up + saves rows. Engram's DIR must
// already hold the first N rows (SeedStore); peers are seeded here through their own tools
// (server-memory at N > 20000 through its own JSONL file format, see seedServerMemoryFile).
//
// Every figure is checked, for every target: each seeding, warm-up and timed save must have stored
// its row (the tool's own answer is parsed: Engram's id and action, keeper's "Saved: KEY" text, the
// created entities), a sample of the timed saves is read back by search, and each warm-up and timed
// search looks for the unique token of one seeded row and must return that row (by its title or key,
// not by the token appearing somewhere in the answer: keeper's "No results found for: TOKEN" holds the
// token). A target with any failure gets "INVALID" instead of a latency, with the failure counts.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { performance } from 'node:perf_hooks';

const arg = (name, fallback) => {
  const i = process.argv.indexOf('--' + name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const target = arg('target');
const n = Number(arg('n', 10000));
const saves = Number(arg('saves', 500));
const searches = Number(arg('searches', 500));
const warm = Number(arg('warm', 200));
const dir = path.resolve(arg('dir'));
const peers = arg('peers', path.join(process.env.HOME, '.cache/engram-bench/node_modules/.bin'));
fs.mkdirSync(dir, { recursive: true });

async function readRows(file, count) {
  const rows = [];
  const rl = readline.createInterface({ input: fs.createReadStream(file) });
  for await (const line of rl) {
    rows.push(JSON.parse(line));
    if (rows.length === count) break;
  }
  rl.close();
  if (rows.length < count) throw new Error(`${file} has ${rows.length} rows, need ${count}`);
  return rows;
}

/** Keeper refuses keys with spaces (and most punctuation), answering with ordinary text, not isError. */
const keeperKey = (r) => r.title.replace(/[^A-Za-z0-9_.:-]+/g, '_');
const text = (r) => (r.content ?? []).filter((c) => c.type === 'text').map((c) => c.text).join('\n');
const parseJson = (s) => { try { return JSON.parse(s); } catch { return undefined; } };
/** Entity names of a knowledge-graph answer: structured content when there is some, else the JSON text. */
const entityNames = (r) => {
  const body = r.structuredContent ?? parseJson(text(r));
  const entities = Array.isArray(body) ? body : body?.entities;
  return new Set((Array.isArray(entities) ? entities : []).map((e) => e?.name));
};

// Per target: the save and search calls, and how to tell from an answer that the work was done:
// saved(result, row), savedBatch(result, rows) -> how many of rows were stored, found(result, row).
const targets = {
  engram: {
    command: arg('java', 'java'),
    args: ['--enable-native-access=ALL-UNNAMED', '-Xlog:disable', '-Xlog:all=warning:stderr', '-jar', path.resolve(arg('jar', 'target/engram.jar')),
      '--data-dir', dir, ...(arg('engram-log-level') ? ['--log-level', arg('engram-log-level')] : []), 'mcp', '--project', 'bench'],
    env: {},
    save: (r) => ['mem_save', { title: r.title, content: r.content, type: 'note' }],
    search: (q) => ['mem_search', { query: q, limit: 10 }],
    saved: (r, row) => r.structuredContent?.action === 'created' && Number.isInteger(r.structuredContent?.id) && r.structuredContent.id > 0
      && r.structuredContent.title === row.title,
    found: (r, row) => (r.structuredContent?.results ?? []).some((h) => h.title === row.title),
  },
  'server-memory': {
    command: path.join(peers, 'mcp-server-memory'), args: [],
    env: { MEMORY_FILE_PATH: path.join(dir, 'memory.jsonl') },
    save: (r) => ['create_entities', { entities: [entity(r)] }],
    search: (q) => ['search_nodes', { query: q }],
    batch: (rs) => ['create_entities', { entities: rs.map(entity) }], batchSize: 50,
    saved: (r, row) => entityNames(r).has(row.title), // it answers with the entities it created
    savedBatch: (r, rows) => { const names = entityNames(r); return rows.filter((row) => names.has(row.title)).length; },
    found: (r, row) => entityNames(r).has(row.title),
  },
  libsql: {
    command: path.join(peers, 'mcp-memory-libsql'), args: [],
    env: { LIBSQL_URL: 'file:' + path.join(dir, 'memory.db') },
    save: (r) => ['create_entities', { entities: [entity(r)] }],
    search: (q) => ['search_nodes', { query: q, limit: 10 }],
    batch: (rs) => ['create_entities', { entities: rs.map(entity) }], batchSize: 50,
    // It answers "Successfully processed N entities ..." and nothing per entity; the read-back checks the rest.
    saved: (r) => /^Successfully processed 1 entities\b/.test(text(r)),
    savedBatch: (r, rows) => (new RegExp(`^Successfully processed ${rows.length} entities\\b`).test(text(r)) ? rows.length : 0),
    found: (r, row) => entityNames(r).has(row.title),
  },
  keeper: {
    command: path.join(peers, 'mcp-memory-keeper'), args: [],
    env: { DATA_DIR: dir },
    save: (r) => ['context_save', { key: keeperKey(r), value: r.content, category: 'note' }],
    search: (q) => ['context_search', { query: q, limit: 10 }],
    batch: (rs) => ['context_batch_save', { items: rs.map((r) => ({ key: keeperKey(r), value: r.content, category: 'note' })) }], batchSize: 100,
    saved: (r, row) => text(r).startsWith(`Saved: ${keeperKey(row)}\n`),
    savedBatch: (r, rows) => {
      const created = new Set((parseJson(text(r))?.results ?? []).filter((x) => x.success && x.action === 'created').map((x) => x.key));
      return rows.filter((row) => created.has(keeperKey(row))).length;
    },
    // Found items are listed as "• [priority] KEY (category)"; a miss is "No results found for: "TOKEN"".
    found: (r, row) => text(r).split('\n').some((line) => line.match(/^• \[[^\]]*\] (\S+) \(/)?.[1] === keeperKey(row)),
  },
};
function entity(r) {
  return { name: r.title, entityType: 'note', observations: [r.content] };
}

/** server-memory rewrites its whole file on every save; beyond 20k rows it is seeded in its own line format. */
function seedServerMemoryFile(rows) {
  const lines = rows.map((r) => JSON.stringify({ type: 'entity', ...entity(r) }));
  fs.writeFileSync(targets['server-memory'].env.MEMORY_FILE_PATH, lines.join('\n'));
}

function pct(values, p) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

/** One timed tools/call; an error result is returned, not thrown: the checks count it as a failure. */
async function call(client, [name, args]) {
  const t0 = performance.now();
  let r;
  try {
    r = await client.callTool({ name, arguments: args }, undefined, { timeout: 600_000 });
  } catch (e) {
    r = { isError: true, content: [{ type: 'text', text: String(e?.message ?? e) }] };
  }
  const ms = performance.now() - t0;
  return { ms, r };
}

/** Counts verified and failed calls of one kind, and keeps the first few failures to show. */
function tally() {
  return {
    verified: 0, failed: 0, examples: [],
    add(ok, r) {
      if (ok) { this.verified++; return; }
      this.failed++;
      if (this.examples.length < 3) this.examples.push(text(r ?? {}).slice(0, 160));
    },
  };
}

const t = targets[target];
if (!t) throw new Error('unknown --target ' + target);
const rows = await readRows(arg('data'), n + warm + saves);
const seedRows = rows.slice(0, n);
const checks = { seed: tally(), warmSave: tally(), warmSearch: tally(), save: tally(), search: tally(), readback: tally() };
const okCall = (r, ok) => !r.isError && ok;

let seedMs = 0;
if (target === 'server-memory' && n > 20000) {
  const t0 = performance.now();
  seedServerMemoryFile(seedRows);
  seedMs = performance.now() - t0;
  checks.seed.verified = n; // written here in its own file format; the searches below check that it reads them
}

const stderr = arg('stderr') ? fs.openSync(arg('stderr'), 'w') : 'ignore';
const transport = new StdioClientTransport({ command: t.command, args: t.args, env: { ...process.env, ...t.env }, stderr });
const client = new Client({ name: 'engram-bench', version: '1' });
const c0 = performance.now();
await client.connect(transport);
const initMs = performance.now() - c0;

if (target === 'engram') {
  // Seeded by SeedStore (which fails on any save that did not create a row): the server must see all N.
  const { r } = await call(client, ['mem_stats', { project: 'bench' }]);
  const stored = r.structuredContent?.observations;
  if (okCall(r, stored === n)) checks.seed.verified = n;
  else { checks.seed.failed = n; checks.seed.examples.push(`mem_stats observations=${stored}, expected ${n}`); }
} else if (t.batch && !(target === 'server-memory' && n > 20000)) {
  const t0 = performance.now();
  for (let i = 0; i < seedRows.length; i += t.batchSize) {
    const batch = seedRows.slice(i, i + t.batchSize);
    const { r } = await call(client, t.batch(batch));
    const stored = r.isError ? 0 : t.savedBatch(r, batch);
    checks.seed.verified += stored;
    for (let k = stored; k < batch.length; k++) checks.seed.add(false, r);
  }
  seedMs = performance.now() - t0;
}

// warm-up, then measure; every search looks for the unique token of one seeded row and must return that row
for (let i = 0; i < warm; i++) {
  const row = rows[n + i];
  const s = await call(client, t.save(row));
  checks.warmSave.add(okCall(s.r, t.saved(s.r, row)), s.r);
  const target_ = seedRows[(i * 7919) % n];
  const q = await call(client, t.search(target_.token));
  checks.warmSearch.add(okCall(q.r, t.found(q.r, target_)), q.r);
}
const saveMs = [];
for (let i = 0; i < saves; i++) {
  const row = rows[n + warm + i];
  const { ms, r } = await call(client, t.save(row));
  saveMs.push(ms);
  checks.save.add(okCall(r, t.saved(r, row)), r);
}
const searchMs = [];
for (let i = 0; i < searches; i++) {
  const row = seedRows[(i * 104729 + 17) % n];
  const { ms, r } = await call(client, t.search(row.token));
  searchMs.push(ms);
  checks.search.add(okCall(r, t.found(r, row)), r);
}
// Untimed: a sample of the timed saves must be found by their token, whatever the save answered.
const readbackEvery = Math.max(1, Math.floor(saves / 20));
for (let i = 0; i < saves; i += readbackEvery) {
  const row = rows[n + warm + i];
  const { r } = await call(client, t.search(row.token));
  checks.readback.add(okCall(r, t.found(r, row)), r);
}
await client.close();

const saveValid = checks.warmSave.failed === 0 && checks.save.failed === 0 && checks.readback.failed === 0;
const searchValid = checks.seed.failed === 0 && checks.warmSearch.failed === 0 && checks.search.failed === 0;
const figure = (valid, values, p) => (valid ? +pct(values, p).toFixed(3) : 'INVALID');
const result = {
  target, n, valid: saveValid && searchValid, init_ms: +initMs.toFixed(1), seed_s: +(seedMs / 1000).toFixed(1),
  save_p50_ms: figure(saveValid, saveMs, 50), save_p95_ms: figure(saveValid, saveMs, 95),
  search_p50_ms: figure(searchValid, searchMs, 50), search_p95_ms: figure(searchValid, searchMs, 95),
  seed_verified: checks.seed.verified, seed_failed: checks.seed.failed,
  save_verified: checks.save.verified, save_failed: checks.save.failed,
  search_verified: checks.search.verified, search_failed: checks.search.failed,
  warm_save_failed: checks.warmSave.failed, warm_search_failed: checks.warmSearch.failed,
  readback_verified: checks.readback.verified, readback_failed: checks.readback.failed,
  warm, saves, searches, load_avg: os.loadavg().map((l) => +l.toFixed(2)), date: new Date().toISOString(),
};
const failures = Object.entries(checks).filter(([, c]) => c.failed > 0).map(([k, c]) => `${k}: ${c.failed} failed, e.g. ${JSON.stringify(c.examples[0])}`);
process.stderr.write(`${target} n=${n}: `
  + (saveValid ? `save p50 ${result.save_p50_ms} ms` : 'save INVALID') + ` (${checks.save.verified}/${saves} stored, ${checks.readback.verified}/${checks.readback.verified + checks.readback.failed} read back), `
  + (searchValid ? `search p50 ${result.search_p50_ms} ms` : 'search INVALID') + ` (${checks.search.verified}/${searches} found their row; seeded ${checks.seed.verified}/${n})`
  + (failures.length ? `\n  ${failures.join('\n  ')}` : '') + '\n');
console.log(JSON.stringify(result));
