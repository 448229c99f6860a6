// Starts @vercel/cosmosdb-server (exact version pinned below) from its JavaScript API, behind a small
// compatibility layer so that the real .NET SDK (Microsoft.Azure.Cosmos 3.x, Gateway mode) works for the
// code paths this project uses. Usage: node cosmos-server.mjs [--host 127.0.0.1] [--port 0] [--port-file F]
//
// What the layer changes (everything else is the server as shipped):
//  1. Reading a missing item answers 404 NotFound (the server throws and answers 500).
//  2. The query-plan request (x-ms-cosmos-is-query-plan-request) is answered with a
//     PartitionedQueryExecutionInfo that asks for no client-side work over the full key range.
//     The server has a single partition key range, so it evaluates ORDER BY, TOP and aggregates
//     itself; the SDK only passes the query through (and pages with the server's continuation).
//  3. Cross-partition queries are flagged as such for the server (x-ms-documentdb-query-enablecrosspartition).
//  4. Fault injection for tests: POST /_compat/faults {"status":503,"count":2,"method":"PUT","pathContains":"/docs"}
//     makes the next `count` data requests (optionally only of one HTTP method, or whose path contains a string)
//     fail with that status (429 carries
//     x-ms-retry-after-ms). DELETE /_compat/faults clears it. Never exposed outside 127.0.0.1 by our scripts.
//  5. `SELECT DISTINCT VALUE expr FROM ...` (the server's parser has no DISTINCT): run without DISTINCT, whole,
//     and answered once per distinct value in one page.
//  6. Resource ids are written in Cosmos DB's URL-safe base64 ('-' for '/'): the server's plain base64 put a '/'
//     into some ids (its 63rd database, for one), which the SDK then sends in a path and gets 404 for.
//  7. Counts for benchmarks: GET /_compat/stats answers {queries, itemsReturned} over the document queries answered
//     since the last DELETE /_compat/stats, so a test can show how many items a request brought back.
import { createRequire } from "node:module";
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { PassThrough } from "node:stream";

const PINNED_VERSION = "1.0.1";
const require = createRequire(import.meta.url);
const serverPackage = require("@vercel/cosmosdb-server/package.json");
if (serverPackage.version !== PINNED_VERSION) {
  console.error(
    `cosmos-server: @vercel/cosmosdb-server ${serverPackage.version} is installed, this layer is written for ` +
      `${PINNED_VERSION} exactly. Run scripts/install-peers.sh (tests/peers/package-lock.json pins it).`
  );
  process.exit(2);
}
// Internal modules of the pinned version: the account (in-memory data) and the route table.
const Account = require("@vercel/cosmosdb-server/lib/account").default;
const route = require("@vercel/cosmosdb-server/lib/routes").default;
const { parsePartitionKey } = require("@vercel/cosmosdb-server/lib/utils/get-partition-from-header");
const ResourceId = require("@vercel/cosmosdb-server/lib/account/resource-id").default;
ResourceId.toBase64String = (buffer) => buffer.toString("base64").replace(/\//g, "-");
ResourceId.fromBase64String = (text) => Buffer.from(text.replace(/-/g, "/"), "base64");
const packageRoot = require("node:path").dirname(require.resolve("@vercel/cosmosdb-server/package.json"));

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const host = option("--host", "127.0.0.1");
const port = Number.parseInt(option("--port", "0"), 10);
const portFile = option("--port-file", null);

const isTrue = (value) => (Array.isArray(value) ? value : [value]).some((v) => String(v).toLowerCase() === "true");

const queryPlan = () => ({
  partitionedQueryExecutionInfoVersion: 2,
  queryInfo: {
    distinctType: "None",
    top: null,
    offset: null,
    limit: null,
    orderBy: [],
    orderByExpressions: [],
    groupByExpressions: [],
    groupByAliases: [],
    aggregates: [],
    groupByAliasToAggregateType: {},
    rewrittenQuery: "",
    hasSelectValue: false,
    dCountInfo: null,
    hasNonStreamingOrderBy: false,
  },
  queryRanges: [{ min: "", max: "FF", isMinInclusive: true, isMaxInclusive: false }],
});

const sendJson = (req, res, status, body, extraHeaders = {}) => {
  res.statusCode = status;
  res.setHeader("content-type", "application/json");
  res.setHeader("connection", "keep-alive");
  res.setHeader("x-ms-activity-id", randomUUID());
  res.setHeader("x-ms-request-charge", "1");
  for (const [k, v] of Object.entries(extraHeaders)) res.setHeader(k, v);
  res.end(JSON.stringify(body));
};

const drain = (req) =>
  new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });

const documentPath = /^\/+dbs\/([^/]+)\/colls\/([^/]+)\/docs\/([^/]+)\/*$/;
const docsPath = /^\/+dbs\/([^/]+)\/colls\/([^/]+)\/docs\/*$/;

let faults = null; // { status, count, method }
let stats = { queries: 0, itemsReturned: 0 };
let account = null;

const { readFileSync } = require("node:fs");
const https = require("node:https");
const server = https.createServer(
  {
    cert: readFileSync(`${packageRoot}/cert.pem`),
    key: readFileSync(`${packageRoot}/key.pem`),
    keepAlive: true,
  },
  (req, res) => {
    handle(req, res).catch((err) => {
      console.error(err);
      if (!res.headersSent) sendJson(req, res, 500, { code: "InternalServerError", message: String(err) });
    });
  }
);

async function handle(req, res) {
  const path = (req.url || "/").split("?")[0];

  if (path === "/_compat/faults") {
    const body = await drain(req);
    if (req.method === "DELETE") faults = null;
    else {
      const spec = JSON.parse(body || "{}");
      faults = { status: spec.status ?? 503, count: spec.count ?? 1, method: spec.method ?? null, pathContains: spec.pathContains ?? null };
    }
    return sendJson(req, res, 200, { faults });
  }

  if (path === "/_compat/stats") {
    await drain(req);
    if (req.method === "DELETE") stats = { queries: 0, itemsReturned: 0 };
    return sendJson(req, res, 200, stats);
  }

  if (faults && faults.count > 0 && path.startsWith("/dbs/") && (!faults.method || faults.method === req.method)
      && (!faults.pathContains || path.includes(faults.pathContains))) {
    faults.count -= 1;
    await drain(req);
    const retryAfter = faults.status === 429 ? { "x-ms-retry-after-ms": "50" } : {};
    return sendJson(req, res, faults.status, { code: "Injected", message: `injected fault ${faults.status}` }, retryAfter);
  }

  if (req.method === "POST" && docsPath.test(path) && isTrue(req.headers["x-ms-cosmos-is-query-plan-request"])) {
    await drain(req);
    return sendJson(req, res, 200, queryPlan());
  }

  if (req.method === "POST" && docsPath.test(path) && req.headers["x-ms-documentdb-partitionkeyrangeid"] !== undefined
      && req.headers["x-ms-documentdb-partitionkey"] === undefined) {
    req.headers["x-ms-documentdb-query-enablecrosspartition"] = "True";
  }

  const queryMatch = req.method === "POST" && isTrue(req.headers["x-ms-documentdb-isquery"]) ? docsPath.exec(path) : null;
  if (queryMatch) {
    const body = JSON.parse((await drain(req)) || "{}");
    const distinct = /^\s*SELECT\s+DISTINCT\s+VALUE\s+/i;
    if (typeof body.query === "string" && distinct.test(body.query)) return distinctValues(req, res, queryMatch, body, distinct);
    return shipped(replay(req, JSON.stringify(body)), res);
  }

  const documentMatch = req.method === "GET" ? documentPath.exec(path) : null;
  if (documentMatch) return readDocument(req, res, documentMatch);

  return shipped(req, res);
}

// The shipped read handler dereferences a missing item and answers 500: answer 404 for it first.
function readDocument(req, res, [, dbId, collId, docId]) {
  const collection = account.database(decodeURIComponent(dbId)).collection(decodeURIComponent(collId));
  const header = req.headers["x-ms-documentdb-partitionkey"];
  if (collection.read() && header !== undefined) {
    const id = decodeURIComponent(docId);
    if (!collection.document(id, parsePartitionKey(header, id)).read()) {
      return sendJson(req, res, 404, { code: "NotFound", message: "Entity with the specified id does not exist in the system." });
    }
  }
  return shipped(req, res);
}

// The shipped handler reads the body from the request stream: hand it one that holds the body already read.
function replay(req, text) {
  const copy = new PassThrough();
  copy.method = req.method;
  copy.url = req.url;
  copy.headers = req.headers;
  copy.end(Buffer.from(text, "utf8"));
  return copy;
}

function distinctValues(req, res, [, dbId, collId], body, distinct) {
  const collection = account.database(decodeURIComponent(dbId)).collection(decodeURIComponent(collId));
  const query = { ...body, query: body.query.replace(distinct, "SELECT VALUE ") };
  const seen = new Map();
  for (const value of collection.documents.query(query, {}).result) {
    const key = JSON.stringify(value);
    if (!seen.has(key)) seen.set(key, value);
  }
  const documents = [...seen.values()];
  stats.queries += 1;
  stats.itemsReturned += documents.length;
  return sendJson(req, res, 200, { Documents: documents, _count: documents.length }, { "x-ms-item-count": String(documents.length) });
}

// The shipped request handler (lib/index.js of the pinned version), with keep-alive on.
async function shipped(req, res) {
  const match = route(req);
  let body;
  if (match) {
    const [params, handler] = match;
    try {
      body = await handler(account, req, res, params);
    } catch (err) {
      console.error(err);
      body = { message: err.message };
      res.statusCode = 500;
    }
    if (res.statusCode > 399 && body && !body.message) body.message = "";
  } else {
    res.statusCode = 400;
    body = { message: "no route" };
  }
  if (body && Array.isArray(body.Documents) && req.method === "POST") {
    stats.queries += 1;
    stats.itemsReturned += body.Documents.length;
  }
  if (body && body._etag) res.setHeader("etag", body._etag);
  res.setHeader("content-type", "application/json");
  res.setHeader("content-location", `https://${req.headers.host}${req.url}`);
  res.setHeader("connection", "keep-alive");
  res.setHeader("x-ms-activity-id", randomUUID());
  res.setHeader("x-ms-request-charge", "1");
  if (req.headers["a-im"] && res.statusCode === 200) {
    if (req.headers["if-none-match"]) res.statusCode = 304;
    res.setHeader("etag", "1");
  }
  res.end(JSON.stringify(body));
}

server.keepAliveTimeout = 60_000;
server.listen(port, host, () => {
  const actual = server.address().port;
  account = new Account(host, actual);
  if (portFile) writeFileSync(portFile, String(actual));
  console.log(`cosmos-server ${PINNED_VERSION} (compat layer) listening on https://${host}:${actual}/`);
});

const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
