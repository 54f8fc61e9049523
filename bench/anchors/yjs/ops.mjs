// The anchor of `bench/run ops`: the same editing trace as Yjs Y.Map updates.
// Usage: node ops.mjs TRACE.jsonl   (one CollaborativeOperation per line, in a causal order)
// Each op is made as a local transaction on its author's Y.Doc, which yields one update; the timed part
// is a fresh receiver applying those updates with Y.applyUpdate: the remote-apply path, as the Zordic
// replica is timed applying the ops' JSON. Prints one JSON object.
import { readFileSync } from 'node:fs';
import * as Y from 'yjs';

const lines = readFileSync(process.argv[2], 'utf8').split('\n').filter((l) => l.length > 0);
const ops = lines.map((l) => JSON.parse(l));

// Three authors kept in sync, as collaborators in one session would be.
const authors = new Map();
const author = (session) => {
  if (!authors.has(session)) {
    const doc = new Y.Doc();
    for (const other of authors.values()) Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    authors.set(session, doc);
  }
  return authors.get(session);
};

const fields = (value) => Object.entries(value ?? {});

// path: [tracks, T, (clips, C, (notes, N))] [, property]
function locate(doc, path) {
  let map = doc.getMap('tracks');
  let i = 1;
  let parent = null;
  let id = null;
  while (i < path.length) {
    parent = map;
    id = path[i];
    const child = map.get(id);
    if (i + 1 < path.length && (path[i + 1] === 'clips' || path[i + 1] === 'notes')) {
      map = child?.get(path[i + 1]);
      if (!map) return null;
      i += 3;
      continue;
    }
    return { parent, id, target: child, property: path[i + 1] };
  }
  return null;
}

const root = ['name', 'bpm', 'time_signature', 'key', 'swing'];
const updates = [];
const build = performance.now();
for (const op of ops) {
  const doc = author(op.session_id);
  let update = null;
  const capture = (u) => { update = u; };
  doc.on('update', capture);
  doc.transact(() => {
    if (op.path.length === 1 && root.includes(op.path[0])) {
      doc.getMap('project').set(op.path[0], op.value);
      return;
    }
    const at = locate(doc, op.path);
    if (!at) return;
    if (op.type === 'insert') {
      const object = new Y.Map();
      for (const [k, v] of fields(op.value)) object.set(k, v);
      const depth = op.path.length;
      if (depth === 2) object.set('clips', new Y.Map());
      if (depth === 4) object.set('notes', new Y.Map());
      at.parent.set(at.id, object);
    } else if (op.type === 'delete') {
      at.parent.delete(at.id);
    } else if (at.target) {
      at.target.set(at.property, op.value);
    }
  });
  doc.off('update', capture);
  if (update) {
    updates.push(update);
    for (const other of authors.values()) if (other !== doc) Y.applyUpdate(other, update);
  }
}
const buildMs = performance.now() - build;

// Timed: a fresh replica applying every update, best of three runs.
let best = Infinity;
for (let run = 0; run < 3; run++) {
  const receiver = new Y.Doc();
  const start = performance.now();
  for (const u of updates) Y.applyUpdate(receiver, u);
  best = Math.min(best, performance.now() - start);
}
console.log(JSON.stringify({
  ops: ops.length,
  updates: updates.length,
  apply_ms: best,
  ops_per_s: updates.length / (best / 1000),
  update_bytes: updates.reduce((n, u) => n + u.length, 0),
  build_ms: buildMs,
}));
