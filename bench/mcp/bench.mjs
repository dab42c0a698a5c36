// MCP latency benchmark: drives engram mcp and peer memory servers with the same client (the
// official TypeScript MCP SDK over stdio) and prints p50/p95 of their save and search tools.
//
//   node bench.mjs --target engram|server-memory|libsql|keeper --n N --data DATA.jsonl --dir DIR
//                  [--warm 200] [--saves 500] [--searches 500] [--jar target/engram.jar] [--java /path/to/java]
//
// DATA.jsonl comes from gen.mjs and must hold at least N + warm-up + saves rows. Engram's DIR must
// already hold the first N rows (SeedStore); peers are seeded here through their own tools
// (server-memory at N > 20000 through its own JSONL file format, see seedServerMemoryFile).
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

const targets = {
  engram: {
    command: arg('java', 'java'),
    args: ['--enable-native-access=ALL-UNNAMED', '-Xlog:disable', '-Xlog:all=warning:stderr', '-jar', path.resolve(arg('jar', 'target/engram.jar')),
      '--data-dir', dir, ...(arg('engram-log-level') ? ['--log-level', arg('engram-log-level')] : []), 'mcp', '--project', 'bench'],
    env: {},
    save: (r) => ['mem_save', { title: r.title, content: r.content, type: 'note' }],
    search: (q) => ['mem_search', { query: q, limit: 10 }],
  },
  'server-memory': {
    command: path.join(peers, 'mcp-server-memory'), args: [],
    env: { MEMORY_FILE_PATH: path.join(dir, 'memory.jsonl') },
    save: (r) => ['create_entities', { entities: [entity(r)] }],
    search: (q) => ['search_nodes', { query: q }],
    batch: (rs) => ['create_entities', { entities: rs.map(entity) }], batchSize: 50,
  },
  libsql: {
    command: path.join(peers, 'mcp-memory-libsql'), args: [],
    env: { LIBSQL_URL: 'file:' + path.join(dir, 'memory.db') },
    save: (r) => ['create_entities', { entities: [entity(r)] }],
    search: (q) => ['search_nodes', { query: q, limit: 10 }],
    batch: (rs) => ['create_entities', { entities: rs.map(entity) }], batchSize: 50,
  },
  keeper: {
    command: path.join(peers, 'mcp-memory-keeper'), args: [],
    env: { DATA_DIR: dir },
    save: (r) => ['context_save', { key: r.title, value: r.content, category: 'note' }],
    search: (q) => ['context_search', { query: q, limit: 10 }],
    batch: (rs) => ['context_batch_save', { items: rs.map((r) => ({ key: r.title, value: r.content, category: 'note' })) }], batchSize: 100,
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

async function call(client, [name, args]) {
  const t0 = performance.now();
  const r = await client.callTool({ name, arguments: args }, undefined, { timeout: 600_000 });
  const ms = performance.now() - t0;
  if (r.isError) throw new Error(`${target} ${name} failed: ${JSON.stringify(r.content).slice(0, 300)}`);
  return { ms, r };
}

const t = targets[target];
if (!t) throw new Error('unknown --target ' + target);
const rows = await readRows(arg('data'), n + warm + saves);
const seedRows = rows.slice(0, n);

let seedMs = 0;
if (target === 'server-memory' && n > 20000) {
  const t0 = performance.now();
  seedServerMemoryFile(seedRows);
  seedMs = performance.now() - t0;
}

const stderr = arg('stderr') ? fs.openSync(arg('stderr'), 'w') : 'ignore';
const transport = new StdioClientTransport({ command: t.command, args: t.args, env: { ...process.env, ...t.env }, stderr });
const client = new Client({ name: 'engram-bench', version: '1' });
const c0 = performance.now();
await client.connect(transport);
const initMs = performance.now() - c0;

if (t.batch && !(target === 'server-memory' && n > 20000)) {
  const t0 = performance.now();
  for (let i = 0; i < seedRows.length; i += t.batchSize) {
    await call(client, t.batch(seedRows.slice(i, i + t.batchSize)));
  }
  seedMs = performance.now() - t0;
}

// warm-up, then measure
for (let i = 0; i < warm; i++) {
  await call(client, t.save(rows[n + i]));
  await call(client, t.search(seedRows[(i * 7919) % n].token));
}
const saveMs = [];
for (let i = 0; i < saves; i++) saveMs.push((await call(client, t.save(rows[n + warm + i]))).ms);
const searchMs = [];
let misses = 0;
for (let i = 0; i < searches; i++) {
  const token = seedRows[(i * 104729 + 17) % n].token;
  const { ms, r } = await call(client, t.search(token));
  searchMs.push(ms);
  if (!JSON.stringify(r).includes(token)) misses++;
}
await client.close();

const result = {
  target, n, init_ms: +initMs.toFixed(1), seed_s: +(seedMs / 1000).toFixed(1),
  save_p50_ms: +pct(saveMs, 50).toFixed(3), save_p95_ms: +pct(saveMs, 95).toFixed(3),
  search_p50_ms: +pct(searchMs, 50).toFixed(3), search_p95_ms: +pct(searchMs, 95).toFixed(3),
  search_misses: misses, warm, saves, searches, load_avg: os.loadavg().map((l) => +l.toFixed(2)), date: new Date().toISOString(),
};
console.log(JSON.stringify(result));
