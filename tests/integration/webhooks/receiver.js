// A test receiver of signed webhooks (tests/integration/test_webhook*.sh).
// Usage: node receiver.js DIR — listens on 127.0.0.1 on a free port, writes
// the port to DIR/port, and appends one JSON line per request to
// DIR/requests.jsonl: the path, the webhook headers, the content type, the
// body and, for every secret in DIR/secrets.json ({"name": "whsec_..."}),
// whether the npm standardwebhooks package verifies the request with it
// (and, separately, each of the signatures in the header alone).
// What it answers depends on the path:
//   /ok            200
//   /fail/N/KEY    500 for the first N requests to this path, then 200
//   /always-500    500
//   /toggle        200 when DIR/toggle-ok exists, else 500
//   /hang          never answers (the sender's timeout ends it)
//   /redirect      302 to /redirect-target
//   /slow/KEY      200 after 400 ms (each line notes how many requests to
//                  this path were in flight when it arrived, itself included)
"use strict";
const fs = require("fs");
const http = require("http");
const path = require("path");
const { Webhook } = require("standardwebhooks");

const dir = process.argv[2];
const counts = new Map();
const inflight = new Map();

function verifications(body, headers) {
    let secrets = {};
    try {
        secrets = JSON.parse(fs.readFileSync(path.join(dir, "secrets.json"), "utf8"));
    } catch (e) {
        secrets = {};
    }
    const whole = {};
    const each = {};
    const sigs = (headers["webhook-signature"] || "").split(" ");
    for (const [name, secret] of Object.entries(secrets)) {
        try {
            new Webhook(secret).verify(body, headers);
            whole[name] = true;
        } catch (e) {
            whole[name] = false;
        }
        // Which single signatures of the header this secret verifies.
        each[name] = sigs.map((s) => {
            try {
                new Webhook(secret).verify(body, { ...headers, "webhook-signature": s });
                return true;
            } catch (e) {
                return false;
            }
        });
    }
    return { whole, each };
}

const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        const headers = {
            "webhook-id": req.headers["webhook-id"],
            "webhook-timestamp": req.headers["webhook-timestamp"],
            "webhook-signature": req.headers["webhook-signature"],
        };
        const concurrent = (inflight.get(req.url) || 0) + 1;
        inflight.set(req.url, concurrent);
        res.on("finish", () => inflight.set(req.url, inflight.get(req.url) - 1));
        const n = (counts.get(req.url) || 0) + 1;
        counts.set(req.url, n);
        const v = verifications(body, headers);
        const line = {
            path: req.url,
            n,
            concurrent,
            content_type: req.headers["content-type"],
            headers,
            body,
            verified: v.whole,
            signatures: v.each,
        };
        fs.appendFileSync(path.join(dir, "requests.jsonl"), JSON.stringify(line) + "\n");
        const fail = /^\/fail\/([0-9]+)\//.exec(req.url);
        if (req.url === "/hang") return; // never answers
        if (req.url === "/redirect") {
            res.writeHead(302, { Location: "/redirect-target" });
            return res.end();
        }
        if (req.url.startsWith("/slow/")) {
            setTimeout(() => res.end("ok"), 400);
            return;
        }
        let status = 200;
        if (req.url === "/always-500") status = 500;
        if (req.url === "/toggle" && !fs.existsSync(path.join(dir, "toggle-ok"))) status = 500;
        if (fail && n <= Number(fail[1])) status = 500;
        res.writeHead(status, { "Content-Type": "text/plain" });
        res.end(status === 200 ? "ok" : "no");
    });
});
server.listen(0, "127.0.0.1", () => {
    fs.writeFileSync(path.join(dir, "port.tmp"), String(server.address().port));
    fs.renameSync(path.join(dir, "port.tmp"), path.join(dir, "port"));
});
process.on("SIGTERM", () => process.exit(0));
