// A minimal Lambda runtime client for Node.js (what the managed Node.js runtime does): poll the
// runtime API for the next event, run the Amplify handler, post the response.
import http from "node:http";
import { handler } from "./amplify-handler.mjs";

const [host, port] = process.env.AWS_LAMBDA_RUNTIME_API.split(":");
const base = "/2018-06-01/runtime/invocation";

function request(method, path, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host, port, method, path, headers: body ? { "content-type": "application/json", "content-length": Buffer.byteLength(body) } : {} }, (res) => {
      let data = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (data += chunk));
      res.on("end", () => resolve({ headers: res.headers, body: data }));
    });
    req.on("error", reject);
    if (body) req.write(body);
    req.end();
  });
}

for (;;) {
  const next = await request("GET", `${base}/next`);
  const id = next.headers["lambda-runtime-aws-request-id"];
  const result = await handler(JSON.parse(next.body));
  await request("POST", `${base}/${id}/response`, JSON.stringify(result));
}
