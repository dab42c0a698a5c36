// Local HTTP API latency: POST /observations and GET /search round trips against `engram serve`
// over one keep-alive connection, after warm-up. The data directory should be seeded (SeedStore).
//   node http.mjs --dir DIR --data DATA.jsonl --n N [--jar target/engram.jar] [--java java]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const arg = (name, fallback) => { const i = process.argv.indexOf('--' + name); return i > 0 ? process.argv[i + 1] : fallback; };
const n = Number(arg('n', 10000));
const rows = fs.readFileSync(arg('data'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const port = 20000 + Math.floor(Math.random() * 20000);
const server = spawn(arg('java', 'java'), ['--enable-native-access=ALL-UNNAMED', '-Xlog:disable', '-Xlog:all=warning:stderr', '-jar',
  path.resolve(arg('jar', 'target/engram.jar')), '--data-dir', path.resolve(arg('dir')), 'serve', '--port', String(port)], { stdio: 'ignore' });
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function request(method, url, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: url, agent, headers: body ? { 'content-type': 'application/json' } : {} }, (res) => {
      let data = '';
      res.on('data', (d) => { data += d; });
      res.on('end', () => (res.statusCode < 300 ? resolve(data) : reject(new Error(`${res.statusCode} ${data}`))));
    });
    req.on('error', reject);
    if (body) req.write(JSON.stringify(body));
    req.end();
  });
}
async function timed(fn) { const t0 = performance.now(); const r = await fn(); return [performance.now() - t0, r]; }
const pct = (v, p) => { const s = [...v].sort((a, b) => a - b); return +s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))].toFixed(3); };

for (let i = 0; i < 100; i++) { try { await request('GET', '/health'); break; } catch { await new Promise((r) => setTimeout(r, 200)); } }
const save = (r) => request('POST', '/observations', { title: r.title, content: r.content, project: 'bench', type: 'note' });
const search = (r) => request('GET', '/search?q=' + r.token + '&limit=10');
for (let i = 0; i < 200; i++) { await save(rows[n + i]); await search(rows[(i * 7919) % n]); }
const saves = []; const searches = []; let misses = 0;
for (let i = 0; i < 500; i++) saves.push((await timed(() => save(rows[n + 200 + i])))[0]);
for (let i = 0; i < 500; i++) {
  const r = rows[(i * 104729 + 17) % n];
  const [ms, body] = await timed(() => search(r));
  searches.push(ms);
  if (!body.includes(r.token)) misses++;
}
server.kill();
console.log(JSON.stringify({ target: 'engram-http', n, save_p50_ms: pct(saves, 50), save_p95_ms: pct(saves, 95), search_p50_ms: pct(searches, 50),
  search_p95_ms: pct(searches, 95), search_misses: misses, load_avg: os.loadavg().map((l) => +l.toFixed(2)), date: new Date().toISOString() }));
