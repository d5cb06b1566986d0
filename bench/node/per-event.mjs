// Per-event time of the Amplify handler in-process, on the path the Node.js runtime takes:
// payload text -> JSON.parse -> handler -> JSON.stringify.
// The harness keeps this process running for one event and asks for one batch at a time, so
// that Node.js batches alternate with the Rust ones and a slow stretch of the machine falls on
// all of them.
// Each stdin line is {"file": EVENT.json, "version": "v1"|"v2"|"tenant"|"email"|"preauth"|"message", "n": EVENTS}; each answer line
// is {"wall_ns": .., "cpu_ns": ..} per event: wall-clock time, and CPU time of the whole
// process (all its threads: the JIT compiler's and the garbage collector's too).
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { customMessageHandler, emailFilterHandler, handler, handlerV2, preAuthHandler, tenantHandler } from "./amplify-handler.mjs";

const bodies = new Map();
let sink = 0;
for await (const line of createInterface({ input: process.stdin })) {
  const { file, version, n } = JSON.parse(line);
  if (!bodies.has(file)) bodies.set(file, readFileSync(file, "utf8"));
  const body = bodies.get(file);
  const fn = { v1: handler, v2: handlerV2, tenant: tenantHandler, email: emailFilterHandler, preauth: preAuthHandler, message: customMessageHandler }[version];
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const out = JSON.stringify(await fn(JSON.parse(body)));
    sink += out.length;
  }
  const wall = Number(process.hrtime.bigint() - start);
  const used = process.cpuUsage(cpu);
  const cpuNs = (used.user + used.system) * 1000;
  console.log(JSON.stringify({ wall_ns: wall / n, cpu_ns: cpuNs / n, sink }));
}
