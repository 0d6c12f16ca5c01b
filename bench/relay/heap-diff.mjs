// Compares two V8 heap snapshots: what was added between them, grouped by kind and name, per
// unit of load (e.g. per connection). For finding what an idle connection keeps alive:
//   BENCH_ONLY=3 BENCH_HEAP_SNAPSHOTS=/tmp/heap node bench/relay/run.mjs
//   node bench/relay/heap-diff.mjs /tmp/heap/<sent>.heapsnapshot /tmp/heap/<attached>.heapsnapshot 2000
// (RSS figures of a run that takes snapshots are not valid: a snapshot costs memory itself.)
import { readFileSync } from "node:fs";

const [beforeFile, afterFile, perArg = "1", topArg = "40"] = process.argv.slice(2);
if (!beforeFile || !afterFile) {
  console.error("usage: node heap-diff.mjs <before.heapsnapshot> <after.heapsnapshot> [per] [top]");
  process.exit(2);
}

/** Count and self size per "type name" (e.g. "object Promise", "closure onData"). */
function groups(file) {
  const snapshot = JSON.parse(readFileSync(file, "utf8"));
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const stride = fields.length;
  const typeAt = fields.indexOf("type");
  const nameAt = fields.indexOf("name");
  const sizeAt = fields.indexOf("self_size");
  const { nodes, strings } = snapshot;
  const result = new Map();
  for (let i = 0; i < nodes.length; i += stride) {
    const type = types[nodes[i + typeAt]];
    const name =
      type === "string" || type === "concatenated string" ? "" : strings[nodes[i + nameAt]];
    const key = `${type} ${name.slice(0, 60)}`;
    const group = result.get(key) ?? { count: 0, size: 0 };
    group.count++;
    group.size += nodes[i + sizeAt];
    result.set(key, group);
  }
  return result;
}

const before = groups(beforeFile);
const after = groups(afterFile);
const per = Number(perArg);
const rows = [];
let total = 0;
for (const [key, group] of after) {
  const old = before.get(key) ?? { count: 0, size: 0 };
  const size = group.size - old.size;
  total += size;
  rows.push({ key, count: (group.count - old.count) / per, bytes: size / per });
}
rows.sort((a, b) => b.bytes - a.bytes);
console.log(`JS heap added per unit: ${(total / per).toFixed(0)} B (units: ${per})`);
console.log("   bytes   count  kind name");
for (const row of rows.slice(0, Number(topArg)))
  console.log(
    `${row.bytes.toFixed(0).padStart(8)} ${row.count.toFixed(2).padStart(7)}  ${row.key}`,
  );
