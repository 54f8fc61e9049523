// The npm `agentdb` 1.6.1 anchor for `bench/run agentdb`: loads an fvecs/ivecs dataset, stores it the way
// agentdb does (sql.js table + its HNSWIndex over hnswlib-node), and times top-10 queries with and without
// its post-filter. Prints one JSON object {"rows": [...]} on stdout; agentdb's own logging goes to stderr.
import fs from 'node:fs';
import path from 'node:path';

const log = (...args) => process.stderr.write(args.join(' ') + '\n');
console.log = (...args) => log(...args);
console.info = console.log;
console.warn = console.log;

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, value, i, all) => {
  if (value.startsWith('--')) pairs.push([value.slice(2), all[i + 1] && !all[i + 1].startsWith('--') ? all[i + 1] : 'true']);
  return pairs;
}, []));
const dir = args.data;
const name = args.name ?? path.basename(dir);
const metric = args.metric ?? 'l2';
const maxQueries = Number(args.queries ?? 1000);

function readVecs(file, Type) {
  const buffer = fs.readFileSync(file);
  const dim = buffer.readInt32LE(0);
  const rowBytes = 4 + dim * 4;
  const rows = buffer.length / rowBytes;
  const out = [];
  for (let r = 0; r < rows; r++) {
    const start = r * rowBytes + 4;
    out.push(new Type(buffer.buffer.slice(buffer.byteOffset + start, buffer.byteOffset + start + dim * 4)));
  }
  return out;
}

const base = readVecs(path.join(dir, 'base.fvecs'), Float32Array);
const queries = readVecs(path.join(dir, 'query.fvecs'), Float32Array).slice(0, maxQueries);
const gt = readVecs(path.join(dir, 'gt.ivecs'), Int32Array);
const hasLabels = fs.existsSync(path.join(dir, 'base_labels.u8'));
const baseLabels = hasLabels ? fs.readFileSync(path.join(dir, 'base_labels.u8')) : null;
const queryLabels = hasLabels ? fs.readFileSync(path.join(dir, 'query_labels.u8')) : null;
const gtFiltered = hasLabels ? readVecs(path.join(dir, 'gt_filt.ivecs'), Int32Array) : null;
const dimension = base[0].length;

const { createDatabase, HNSWIndex } = await import('agentdb');
const rssBefore = process.memoryUsage().rss;
const db = await createDatabase(':memory:');
db.exec('CREATE TABLE pattern_embeddings (pattern_id INTEGER PRIMARY KEY, embedding BLOB, label INTEGER)');
const insert = db.prepare('INSERT INTO pattern_embeddings (pattern_id, embedding, label) VALUES (?, ?, ?)');
const started = process.hrtime.bigint();
db.exec('BEGIN TRANSACTION');
for (let i = 0; i < base.length; i++) {
  insert.run(i, new Uint8Array(base[i].buffer), baseLabels ? baseLabels[i] : 0);
}
db.exec('COMMIT');
const index = new HNSWIndex(db, { dimension, metric, maxElements: base.length, persistIndex: false });
await index.buildIndex('pattern_embeddings');
const insertSeconds = Number(process.hrtime.bigint() - started) / 1e9;
const memoryMb = (process.memoryUsage().rss - rssBefore) / (1 << 20);

async function measure(filtered) {
  const latencies = [];
  let recall = 0;
  let hits = 0;
  const count = filtered ? queries.length : queries.length;
  for (let q = 0; q < count; q++) {
    const options = filtered ? { filters: { label: queryLabels[q] } } : undefined;
    const t = process.hrtime.bigint();
    const result = await index.search(queries[q], 10, options);
    latencies.push(Number(process.hrtime.bigint() - t) / 1000);
    const truth = new Set(Array.from(filtered ? gtFiltered[q] : gt[q].slice(0, 10)).filter(id => id >= 0));
    recall += result.filter(r => truth.has(Number(r.id))).length / Math.max(1, truth.size);
    hits += result.length;
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  const total = latencies.reduce((a, b) => a + b, 0);
  return {
    system: 'agentdb', dataset: name, filtered,
    recall_at_10: recall / count, hits_avg: hits / count,
    p50_us: sorted[Math.floor(sorted.length * 0.5)], p99_us: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))],
    qps: count / (total / 1e6), insert_per_s: base.length / insertSeconds, memory_mb: memoryMb,
    note: 'npm agentdb 1.6.1: sql.js rows + HNSWIndex (hnswlib-node, M 16, efSearch 100), post-filter; memory = RSS growth',
  };
}

// Warm up, then measure.
for (let q = 0; q < Math.min(50, queries.length); q++) await index.search(queries[q], 10);
const rows = [await measure(false)];
if (hasLabels) rows.push(await measure(true));
process.stdout.write(JSON.stringify({ rows }) + '\n');
