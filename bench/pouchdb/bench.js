// The cloud server benchmark's workload through PouchDB replication, for comparison.
// Usage: NODE_PATH=/path/to/node_modules node bench/pouchdb/bench.js [docs=50000] [batch=100]
// with pouchdb-server@4.2.0 and pouchdb@9.0.0 installed in that node_modules (never in this repo).
// Starts pouchdb-server on a free loopback port with an on-disk LevelDB dir, then measures:
//   push_per_s     local PouchDB -> server, PouchDB.replicate(batch_size=batch), docs/s
//   pull_per_s     server -> fresh local PouchDB, PouchDB.replicate(batch_size=1000), docs/s
//   wakeup_p50_ms / wakeup_p99_ms  time from a PUT on the server until a live changes feed reports it
// Prints one JSON object on stdout; progress on stderr.
'use strict';
const PouchDB = require('pouchdb');
const { spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const N = parseInt(process.argv[2] || '50000', 10);
const BATCH = parseInt(process.argv[3] || '100', 10);
const WARMUP = 5000;
const WAKEUPS = 200;
const modules = (process.env.NODE_PATH || '').split(path.delimiter)[0];

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
    s.on('error', reject);
  });
}

function doc(n, prefix) {
  const key = prefix + n.toString(16).padStart(16, '0');
  return {
    _id: key, sync_id: key, session_id: 'bench-session', type: 'decision', title: 'Benchmark observation ' + n,
    content: 'Chose SQLite WAL with one writer thread; readers use their own connections so pulls never block pushes.',
    project: 'bench', scope: 'project', revision_count: 1,
    created_at: '2026-11-27T06:00:00.123Z', updated_at: '2026-11-27T06:00:00.123Z',
  };
}

async function waitForServer(url) {
  for (let i = 0; i < 300; i++) {
    try { const r = await fetch(url); if (r.ok) return; } catch (e) { /* not yet */ }
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error('pouchdb-server did not start at ' + url);
}

async function fill(db, count, prefix) {
  for (let i = 0; i < count; i += 1000) {
    const docs = [];
    for (let j = i; j < Math.min(count, i + 1000); j++) docs.push(doc(j, prefix));
    await db.bulkDocs(docs);
  }
}

async function pushPull(base, dir, name, count) {
  const local = new PouchDB(path.join(dir, name + '-local'));
  await fill(local, count, name + '-');
  const remote = new PouchDB(base + '/' + name);
  await remote.info();
  let t = process.hrtime.bigint();
  await PouchDB.replicate(local, remote, { batch_size: BATCH });
  const push = count / (Number(process.hrtime.bigint() - t) / 1e9);
  const fresh = new PouchDB(path.join(dir, name + '-pulled'));
  t = process.hrtime.bigint();
  await PouchDB.replicate(remote, fresh, { batch_size: 1000 });
  const pull = count / (Number(process.hrtime.bigint() - t) / 1e9);
  const info = await fresh.info();
  if (info.doc_count !== count) throw new Error('pulled ' + info.doc_count + ' of ' + count);
  return { push, pull };
}

async function wakeups(base, name, rounds) {
  const writer = new PouchDB(base + '/' + name);
  const reader = new PouchDB(base + '/' + name);
  await writer.info();
  const waiting = new Map();
  const feed = reader.changes({ live: true, since: 'now', heartbeat: 10000 });
  feed.on('change', c => { const w = waiting.get(c.id); if (w) { waiting.delete(c.id); w(process.hrtime.bigint()); } });
  await new Promise(r => setTimeout(r, 300));
  const ms = [];
  for (let i = 0; i < rounds; i++) {
    const d = doc(i, 'wake-' + Date.now() + '-');
    const seen = new Promise(resolve => waiting.set(d._id, resolve));
    await new Promise(r => setTimeout(r, 20));
    const sent = process.hrtime.bigint();
    await writer.put(d);
    ms.push(Number((await seen) - sent) / 1e6);
  }
  feed.cancel();
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(rounds / 2)], p99: ms[Math.min(rounds - 1, Math.ceil(rounds * 0.99) - 1)] };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pouch-bench-'));
  const port = await freePort();
  const bin = path.join(modules, '.bin', 'pouchdb-server');
  const server = spawn(bin, ['--host', '127.0.0.1', '--port', String(port), '--dir', path.join(dir, 'server'), '--no-color'],
    { stdio: ['ignore', 'ignore', 'inherit'], cwd: dir });
  const base = 'http://127.0.0.1:' + port;
  try {
    await waitForServer(base + '/');
    process.stderr.write('pouchdb-server on ' + base + '\n');
    await pushPull(base, dir, 'warmup', WARMUP);
    await wakeups(base, 'warmup', 20);
    const { push, pull } = await pushPull(base, dir, 'bench', N);
    const wake = await wakeups(base, 'bench', WAKEUPS);
    process.stdout.write(JSON.stringify({ push_per_s: push, pull_per_s: pull, wakeup_p50_ms: wake.p50, wakeup_p99_ms: wake.p99 }) + '\n');
  } finally {
    server.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), e => { process.stderr.write(String(e && e.stack || e) + '\n'); process.exit(1); });
