// A local stand-in for "Acme Vault" (docs/examples/acme-vault.json) for the rotation benchmark: keys are
// created, listed, verified and revoked in memory, every request is delayed by LATENCY_MS (default 20), and
// the largest number of requests in flight at once is kept. GET /stats answers {"maxInFlight", "requests",
// "keys"}; POST /stats/reset clears the counters. Prints "listening PORT" when ready.
import http from 'node:http';
import crypto from 'node:crypto';

const latency = Number(process.env.LATENCY_MS ?? 20);
const admin = process.env.ADMIN ?? 'bench-admin';
const keys = new Map();
let sequence = 0, inFlight = 0, maxInFlight = 0, requests = 0;

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, {'content-type': 'application/json', 'content-length': Buffer.byteLength(text)});
  res.end(text);
}

const view = (k) => ({uid: k.uid, label: k.label, note: k.note, created: k.created, expires: k.expires});

function handle(req, res, body) {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/stats') {
    if (req.method === 'POST') { maxInFlight = 0; requests = 0; }
    return send(res, 200, {maxInFlight, requests, keys: keys.size});
  }
  if (url.pathname === '/api/whoami') {
    const k = [...keys.values()].find((k) => k.secret === req.headers['x-api-key']);
    return k ? send(res, 200, {uid: k.uid}) : send(res, 401, {error: {status: 401, detail: 'unknown key'}});
  }
  if (req.headers['x-acme-admin'] !== admin) return send(res, 401, {error: {status: 401, detail: 'admin token required'}});
  if (url.pathname === '/api/keys' && req.method === 'POST') {
    const b = JSON.parse(body || '{}');
    const now = new Date();
    const k = {uid: 'av-' + (++sequence), label: b.label, note: b.note ?? null, created: now.toISOString(),
      expires: new Date(now.getTime() + 86400000 * (b.ttl_days ?? 90)).toISOString(),
      secret: 'acme_live_' + crypto.randomBytes(24).toString('base64url')};
    keys.set(k.uid, k);
    return send(res, 201, {key: view(k), plaintext: k.secret});
  }
  if (url.pathname === '/api/keys' && req.method === 'GET') {
    const limit = Number(url.searchParams.get('limit') ?? 10);
    const start = Number((url.searchParams.get('page_token') ?? 'pt0').slice(2));
    const all = [...keys.values()];
    if (start + limit < all.length) {
      res.setHeader('link', `</api/keys?limit=${limit}&page_token=pt${start + limit}>; rel="next"`);
    }
    return send(res, 200, {items: all.slice(start, start + limit).map(view)});
  }
  const m = url.pathname.match(/^\/api\/keys\/([^/]+)$/);
  if (m && req.method === 'DELETE') {
    return keys.delete(m[1]) ? send(res, 200, {}) : send(res, 404, {error: {status: 404, detail: 'no such key'}});
  }
  return send(res, 404, {error: {status: 404, detail: 'not found'}});
}

const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    const counted = !req.url.startsWith('/stats');
    if (counted) { requests++; inFlight++; maxInFlight = Math.max(maxInFlight, inFlight); }
    setTimeout(() => {
      if (counted) inFlight--;
      handle(req, res, body);
    }, req.url.startsWith('/stats') ? 0 : latency);
  });
});
server.listen(0, '127.0.0.1', () => console.log('listening ' + server.address().port));
