// Per-event time of the Amplify handler in-process, on the path the Node.js runtime takes:
// payload text -> JSON.parse -> handler -> JSON.stringify.
// The harness keeps this process running for one event and asks for one batch at a time, so
// that Node.js batches alternate with the Rust ones and a slow stretch of the machine falls on
// all of them.
// Each stdin line is {"file": EVENT.json, "version": "v1"|"v2", "n": EVENTS}; each answer line
// is {"ns_per_event": ..}.
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { handler, handlerV2 } from "./amplify-handler.mjs";

const bodies = new Map();
let sink = 0;
for await (const line of createInterface({ input: process.stdin })) {
  const { file, version, n } = JSON.parse(line);
  if (!bodies.has(file)) bodies.set(file, readFileSync(file, "utf8"));
  const body = bodies.get(file);
  const fn = version === "v2" ? handlerV2 : handler;
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const out = JSON.stringify(await fn(JSON.parse(body)));
    sink += out.length;
  }
  const ns = Number(process.hrtime.bigint() - start) / n;
  console.log(JSON.stringify({ ns_per_event: ns, sink }));
}
