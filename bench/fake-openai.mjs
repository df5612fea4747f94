// A local stand-in for OpenAI's admin API keys list, for benchmarks: KEYS keys (default 10,000) served in
// cursor pages of at most 100 (?limit=, ?after=), generated on the fly. Prints "listening PORT" when ready.
import http from 'node:http';

const total = Number(process.env.KEYS ?? 10000);
const id = (i) => 'key_' + String(i).padStart(7, '0');

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname !== '/v1/organization/admin_api_keys' || req.method !== 'GET') {
    res.writeHead(404, {'content-type': 'application/json'});
    res.end('{"error":{"message":"not found"}}');
    return;
  }
  const limit = Math.min(Number(url.searchParams.get('limit') ?? 20), 100);
  const after = url.searchParams.get('after');
  const start = after ? Number(after.slice(4)) + 1 : 0;
  const data = [];
  for (let i = start; i < Math.min(total, start + limit); i++) {
    data.push({object: 'organization.admin_api_key', id: id(i), name: 'key-' + i,
      redacted_value: 'sk-admin...' + String(i % 1000).padStart(3, '0'), created_at: 1711471533 + i,
      expires_at: null, last_used_at: null,
      owner: {type: 'user', object: 'organization.user', id: 'user_1', name: 'Bench', role: 'owner'}});
  }
  const body = JSON.stringify({object: 'list', data, first_id: data.length ? data[0].id : null,
    last_id: data.length ? data[data.length - 1].id : null, has_more: start + limit < total});
  res.writeHead(200, {'content-type': 'application/json', 'content-length': Buffer.byteLength(body)});
  res.end(body);
});
server.listen(0, '127.0.0.1', () => console.log('listening ' + server.address().port));
