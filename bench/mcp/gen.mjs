// Writes N synthetic memories as JSON lines {title, content, token} to stdout: the same data for
// Engram (seeded through its store) and for the peers (seeded through their own tools).
// Every content holds 12 words from a 4,000-word vocabulary and one unique token k0000042.
const n = Number(process.argv[2] ?? 10000);
const syl = ['ba', 'ke', 'mi', 'do', 'ru', 'sa', 'te', 'lo', 'ni', 'pu', 'ga', 've', 'zo', 'fi', 'ha', 'ju', 'co', 'we', 'ly', 'qe'];
const word = (j) => syl[j % 20] + syl[Math.floor(j / 20) % 20] + syl[Math.floor(j / 400) % 20] + 'x';
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const out = [];
for (let i = 0; i < n; i++) {
  const words = Array.from({ length: 12 }, () => word(Math.floor(rand() * 4000)));
  const token = 'k' + String(i).padStart(7, '0');
  out.push(JSON.stringify({ title: `note ${i} ${words[0]} ${words[1]}`, content: `${words.join(' ')} ${token}`, token }));
  if (out.length === 5000) { process.stdout.write(out.join('\n') + '\n'); out.length = 0; }
}
if (out.length) process.stdout.write(out.join('\n') + '\n');
