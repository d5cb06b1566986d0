// Per-event time of the Amplify handler in-process, on the path the Node.js runtime takes:
// payload text -> JSON.parse -> handler -> JSON.stringify.
// Usage: node per-event.mjs EVENT.json v1|v2 ITERATIONS BATCHES  -> prints ns/event (median batch)
import { readFileSync } from "node:fs";
import { handler, handlerV2 } from "./amplify-handler.mjs";

const [file, version, iterations, batches] = process.argv.slice(2);
const body = readFileSync(file, "utf8");
const fn = version === "v2" ? handlerV2 : handler;
const n = Number(iterations);
let sink = 0;
const once = async () => {
  const out = JSON.stringify(await fn(JSON.parse(body)));
  sink += out.length;
};
for (let i = 0; i < n; i++) await once(); // warm-up: let the JIT settle
const results = [];
for (let b = 0; b < Number(batches); b++) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await once();
  results.push(Number(process.hrtime.bigint() - start) / n);
}
results.sort((a, b) => a - b);
console.log(JSON.stringify({ ns_per_event: results[Math.floor(results.length / 2)], sink }));
