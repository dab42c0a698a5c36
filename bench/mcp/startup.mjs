// engram mcp start-up: wall time from spawning the process to the initialize reply (raw JSON-RPC,
// no SDK in the way), median of --runs fresh processes, each on a fresh data directory.
//   node startup.mjs [--runs 11] -- COMMAND ARGS... (DATADIR in ARGS is replaced by a temp dir)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const sep = process.argv.indexOf('--');
const runsAt = process.argv.indexOf('--runs');
const runs = runsAt > 0 && runsAt < sep ? Number(process.argv[runsAt + 1]) : 11;
const [command, ...args] = process.argv.slice(sep + 1);
const init = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'startup', version: '1' } } }) + '\n';

function once() {
  return new Promise((resolve, reject) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engram-startup-'));
    const t0 = performance.now();
    const p = spawn(command, args.map((a) => a.replace('DATADIR', dir)), { stdio: ['pipe', 'pipe', 'ignore'] });
    p.stdin.write(init);
    let out = '';
    p.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) {
        const ms = performance.now() - t0;
        if (!out.includes('"id":1')) reject(new Error('unexpected first line: ' + out));
        p.stdin.end();
        p.on('exit', () => { fs.rmSync(dir, { recursive: true, force: true }); resolve(ms); });
      }
    });
    p.on('error', reject);
  });
}

const times = [];
for (let i = 0; i < runs; i++) times.push(await once());
const sorted = [...times].sort((a, b) => a - b);
console.log(JSON.stringify({ runs, median_ms: +sorted[Math.floor(runs / 2)].toFixed(0), min_ms: +sorted[0].toFixed(0),
  max_ms: +sorted[runs - 1].toFixed(0), all_ms: times.map((t) => +t.toFixed(0)), load_avg: os.loadavg().map((l) => +l.toFixed(2)) }));
