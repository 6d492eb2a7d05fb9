/**
 * Hostile requests at every route, from a seeded generator (the same seed sends the same
 * requests, so a failure reproduces): malformed JSON, wrong types, huge bodies and strings, deep
 * nesting, `__proto__` / `constructor` keys, invalid UTF-8, odd Unicode, path traversal in ids,
 * wrong content types, missing and forged tokens and cookies, forged `X-Forwarded-*` and `Host`
 * headers, signed-in users (`user: {id, hash}`) with hostile ids signed correctly or not, the
 * team's questions on a real ticket, and odd answers to chats waiting for an answer to the
 * team's question or for an NPS score. Expected: never a 5xx, and every 4xx explains itself as
 * `{ error: { code, message } }`.
 */
import { request as httpRequest } from 'node:http';
import { identityHash } from '../../src/customers/identity.js';
import { createRandom } from '../../src/nlu/prng.js';
import type { RouteInfo } from '../../src/http/api/route-table.js';

export interface FuzzTarget {
  url: string;
  routes: RouteInfo[];
  /** A live customer conversation and tokens/cookies of each kind. */
  conversationId: string;
  customerToken: string;
  agentCookie: string;
  adminCookie: string;
  /** A ticket of that conversation. */
  ticketId: string;
  /** Chats whose bot waits for the customer's answer to the team's question, or for an NPS score. */
  waiting: { what: 'answer' | 'nps'; conversationId: string; token: string; ticketId: string }[];
  /** The server's PARLEY_IDENTITY_SECRET. */
  identitySecret: string;
  /** The draft's intents when the fuzz began: an import of them plus a hostile one is valid, and keeps the bot answering. */
  intents: unknown[];
}

export interface FuzzResult {
  sent: number;
  byStatus: Record<string, number>;
  failures: string[];
  /** Texts sent that must never show up in logs. */
  needles: string[];
}

const DIRECT_LINE = ['POST /v3/directline/tokens/generate', 'POST /v3/directline/tokens/refresh', 'POST /v3/directline/conversations', 'GET /v3/directline/conversations/:id', 'POST /v3/directline/conversations/:id/activities', 'GET /v3/directline/conversations/:id/activities'];
const OTHER = ['GET /healthz', 'GET /widget.js', 'GET /agent', 'GET /admin', 'GET /', 'GET /no/such/page', 'POST /api/no-such-route'];

const ODD_TEXT = ['\u202eevil\u202c', 'a\u200b\u200c\u200d\ufeffb', '👩‍👩‍👧‍👦🏳️‍🌈🇨🇳', 'e\u0301'.repeat(2000), '\ud800', '\udfff\ud800', '\u0000null', '<script>alert(1)</script>', '{{7*7}}${7*7}', "' OR 1=1 --", '我的订单\u0000到哪了', 'x'.repeat(11_000), '你'.repeat(4000)];
const TRAVERSAL = ['..%2f..%2fetc%2fpasswd', '%2e%2e%2f%2e%2e%2f', '....//....//', 'a%00b', '%252e%252e', '..\\..\\windows', 'x'.repeat(300), '__proto__', 'constructor', 'prototype', '%E0%A4%A', '%ff%fe', 'T-1%27'];
const NPS_TEXT = ['10', '-1', '11', '１０', '十', '十一', '9.5', '1e1', '0x0A', '10/10', '٩', '𝟗', '9分', 'NaN', 'Infinity', '00000000000000000010', '10 '.repeat(4000), '不了，谢谢', 'No, thanks\u0000'];
const USER_IDS = ['u-1', '__proto__', 'constructor', '../../etc/passwd', 'a/b\\c', '\u0000', '\ud800', '👩‍👩‍👧', 'x'.repeat(200), 'x'.repeat(201), ' ', 'dl_abc', 'cu_abc'];
const FORWARDED: Record<string, string[]> = {
  'x-forwarded-for': ['203.0.113.9', '::1, 10.0.0.1', 'garbage', '999.1.1.1', '', ',,,', 'unknown', '1.2.3.4'.repeat(900), '[::1]:80', '127.0.0.1%00'],
  'x-forwarded-proto': ['https', 'http', 'javascript', 'https, http', '', 'wss', 'HTTPS'],
  'x-forwarded-host': ['evil.example', 'a b', '[::1]:99999', '127.0.0.1:1@evil.example', 'x'.repeat(3000), '%00', 'example.com/path?q', '"><script>', 'ex ample.com, other.com'],
  host: ['evil.example', '[::1', 'a'.repeat(300), 'localhost:0', '127.0.0.1:65536'],
};
const POLLUTE = ['{"__proto__":{"polluted":"yes","role":"admin"},"type":"message","text":"hi"}', '{"constructor":{"prototype":{"polluted":"yes"}},"type":"message","text":"hi"}', '{"type":"event","name":"x","value":{"__proto__":{"polluted":"yes"}}}', '{"user":{"__proto__":{"polluted":"yes"},"id":"u"}}', '{"email":"a@b.co","password":"x","__proto__":{"role":"admin"}}', '{"status":"closed","__proto__":{"polluted":"yes"},"note":{"constructor":{"prototype":{"polluted":"yes"}}}}'];

/** Intents that pass validation but hold what a careless map or a check could trip on. */
const HOSTILE_INTENTS: unknown[] = [
  { name: 'constructor', category: 'x', utterances: { en: ['hasOwnProperty', 'toString please', '__proto__'], zh: ['原型', '构造函数', '这是什么'] }, answers: { en: ['你好，这是中文'], zh: ['Hello, this is English'] }, quickReplies: { en: ['中文按钮'], zh: ['English button'] } },
  { name: 'to_string', category: '__proto__', utterances: { en: ['valueOf', 'isPrototypeOf', 'propertyIsEnumerable'], zh: ['valueOf', '原型链', '属性'] }, answers: { en: ['x'.repeat(2000)], zh: ['你'.repeat(2000)] } },
  { name: 'has_own_property', category: 'y', utterances: { en: ['<script>alert(1)</script>', '\u202eevil\u202c', 'a\u200bb'], zh: ['<img src=x onerror=alert(1)>', '我的订单\u0000到哪了', '👩‍👩‍👧'] }, answers: { en: ['<b>bold</b>'], zh: ['{{7*7}}'] } },
];

/** A knowledge base to import: the real one with a hostile intent, a hostile one alone, or broken shapes. */
function knowledgeBody(random: () => number, intents: unknown[]): string {
  return pick(random, [
    () => JSON.stringify({ intents: [...intents, pick(random, HOSTILE_INTENTS)] }),
    () => `{"intents":[${JSON.stringify(pick(random, HOSTILE_INTENTS)).replace(/^\{/, '{"__proto__":{"polluted":"yes"},')}]}`,
    () => JSON.stringify({ intents: [...intents, ...intents.slice(0, 1)] }),
    () => JSON.stringify({ intents: pick(random, [[], null, {}, 'x', [null], [{ name: '__proto__' }], [{ name: 'Bad Name' }]]) }),
    () => JSON.stringify({ intents: Array.from({ length: 3000 }, (_, index) => ({ name: `n_${index}` })) }),
    () => JSON.stringify({ __proto__: { polluted: 'yes' }, constructor: { prototype: { polluted: 'yes' } }, intents }),
  ])();
}

/** Now and then an `If-Match` (an intent's revision, or the draft's from a publish check), hostile or not. */
function conditional(random: () => number, chance = 0.2): Record<string, string> {
  if (random() >= chance) return {};
  return { 'if-match': pick(random, ['"AAAAAAAAAAAAAAAA"', 'AAAAAAAAAAAAAAAA', '*', 'W/"AAAAAAAAAAAAAAAA"', '"', '""', '"AAAAAAAAAAAAAAAA", "BBBBBBBBBBBBBBBB"', 'x'.repeat(5000), '"../../etc/passwd"', '"__proto__"', '"\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"']) };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function deep(depth: number, open: string, close: string): string {
  return open.repeat(depth) + close.repeat(depth);
}

/** A host site's signed-in user: a hostile id, signed with the right secret or not, odd attributes. */
function hostUser(random: () => number, secret: string): unknown {
  const id = pick(random, USER_IDS);
  const hash = pick(random, [identityHash(secret, id), identityHash(secret, id).toUpperCase(), identityHash('another secret 0123456789', id), 'x'.repeat(64), '', 12, null]);
  return pick(random, [
    { id, hash, email: pick(random, ['a@b.co', 'not-an-email', 5]), name: pick(random, ODD_TEXT), vip: pick(random, [true, 'true', 1]), vipHash: identityHash(secret, `vip:${id}`) },
    { id, hash },
    pick(random, ['u', [], null, 5, { id: 5, hash: 5 }]),
  ]);
}

/** A body: raw bytes or text, and the content type to claim. */
function body(random: () => number, needles: string[], secret: string, intents: unknown[]): { payload?: Buffer | string; type?: string } {
  const text = pick(random, ODD_TEXT);
  const email = `fuzz.${Math.floor(random() * 1e6)}@example.com`;
  const kinds: (() => { payload?: Buffer | string; type?: string })[] = [
    () => ({ payload: '{"type":"message","text":"hi"', type: 'application/json' }),
    () => ({ payload: '{"type":"message",,}', type: 'application/json' }),
    () => ({ payload: pick(random, ['[]', '1', 'null', '"x"', 'true', '[{"type":"message"}]']), type: 'application/json' }),
    () => ({ payload: JSON.stringify({ type: pick(random, [1, null, [], {}, 'message', 'MESSAGE', 'delete']), text: pick(random, [text, 42, null, ['a'], { a: 1 }]), locale: pick(random, ['en', 'x'.repeat(300), 1, '../etc']) }), type: 'application/json' }),
    () => ({ payload: JSON.stringify({ type: 'message', text: `my mail is ${email} ${text}` }), type: 'application/json' }),
    () => ({ payload: 'x'.repeat(70_000 + Math.floor(random() * 200_000)), type: 'application/json' }),
    () => ({ payload: JSON.stringify({ type: 'message', text: 'y'.repeat(60_000) }), type: 'application/json' }),
    () => ({ payload: `{"type":"event","name":"x","value":${deep(1 + Math.floor(random() * 20_000), '[', ']')}}`, type: 'application/json' }),
    () => ({ payload: `{"a":${deep(1 + Math.floor(random() * 5000), '{"a":', '}').replace(/}$/, '1}')}}`, type: 'application/json' }),
    () => ({ payload: pick(random, POLLUTE), type: 'application/json' }),
    () => ({ payload: Buffer.from([0x7b, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0x22, 0x7d]), type: 'application/json' }),
    () => ({ payload: JSON.stringify({ type: 'message', text: 'hi' }), type: pick(random, ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'application/xml', '']) }),
    () => ({ payload: 'type=message&text=hi&__proto__[polluted]=yes', type: 'application/x-www-form-urlencoded' }),
    () => ({ payload: JSON.stringify({ email, password: text, role: 'admin', text, status: 'resolved', priority: 'urgent', name: text, utterances: { en: [text] } }), type: 'application/json' }),
    () => ({ payload: JSON.stringify({ type: 'message', text: pick(random, NPS_TEXT) }), type: 'application/json' }),
    () => ({ payload: JSON.stringify({ status: pick(random, ['waiting_customer', 'in_progress', 'resolved', 'reopened', 'closed', 5, null]), question: pick(random, [text, 42, null, ['a'], {}, '']), resolution: pick(random, [text, undefined]), assignee: pick(random, [text, null, undefined]) }), type: 'application/json' }),
    () => ({ payload: JSON.stringify({ user: hostUser(random, secret), locale: pick(random, ['zh-TW', 'en', 1, undefined]), resume: pick(random, [true, 'yes', undefined]) }), type: 'application/json' }),
    () => ({ payload: knowledgeBody(random, intents), type: 'application/json' }),
    () => ({ payload: JSON.stringify({ note: pick(random, [text, 5, null, '']), dryRun: pick(random, [true, false, 'true', 1, null]) }), type: 'application/json' }),
    () => ({}),
  ];
  const chosen = pick(random, kinds)();
  needles.push(email);
  return chosen;
}

/** The chat a request is about: the target's own, or one whose bot waits for an answer. */
function chatFor(random: () => number, target: FuzzTarget): { conversationId: string; token: string; ticketId: string } {
  return random() < 0.4 && target.waiting.length > 0 ? pick(random, target.waiting) : { conversationId: target.conversationId, token: target.customerToken, ticketId: target.ticketId };
}

/** Now and then `X-Forwarded-*` or `Host` headers a client made up (believed only from a trusted proxy). */
function forwarded(random: () => number): Record<string, string> {
  if (random() >= 0.3) return {};
  const [name, values] = pick(random, Object.entries(FORWARDED));
  return { [name]: pick(random, values) };
}

function credentials(random: () => number, target: FuzzTarget, chat: { conversationId: string; token: string }): Record<string, string> {
  const forged = `${Buffer.from(JSON.stringify({ c: chat.conversationId, u: 'dl_x', e: 9_999_999_999 })).toString('base64url')}.${'A'.repeat(43)}`;
  return pick<Record<string, string>>(random, [
    {},
    { authorization: `Bearer ${chat.token}` },
    { authorization: `Bearer ${chat.token}` },
    { authorization: `Bearer ${forged}` },
    { authorization: pick(random, ['Bearer', 'Bearer ', 'Basic YWRtaW46YWRtaW4=', `Bearer ${'x'.repeat(2000)}`, 'Bearer a.b.c', 'Bearer ..']) },
    { cookie: target.agentCookie },
    { cookie: target.adminCookie },
    { cookie: pick(random, ['parley_session=forged', 'parley_session=%E0%A4%A', 'parley_session=', `parley_session=${'z'.repeat(5000)}`, 'parley_session=a; parley_session=b']) },
    { cookie: target.adminCookie, origin: 'http://evil.example' },
  ]);
}

/** The path of a route with hostile ids and query strings (or the chat's real conversation and ticket ids). */
function pathFor(random: () => number, pattern: string, chat: { conversationId: string; ticketId: string }): string {
  const realId = pattern.includes('/tickets/') ? chat.ticketId : chat.conversationId;
  let path = pattern.replace(/:[A-Za-z]+/g, () => (random() < 0.3 ? realId : pick(random, TRAVERSAL)));
  if (random() < 0.3) path += `?${pick(random, ['watermark=-1', 'watermark=99999999999', 'watermark[]=1', 'watermark=1e9', 'status=<script>', 'status[$ne]=x', 'from=not-a-date&to=2020-13-45', '__proto__[polluted]=yes', 'a=%ff', 'dryRun=true', 'dryRun=false', 'dryRun=yes', 'dryRun=', 'dryRun[]=true', 'dryRun=true&dryRun=false', 'dryRun[__proto__]=x', 'dryRun=TRUE'])}`;
  return path;
}

/**
 * How long a request may go unanswered before it counts as hung. A publish trains the recognizer
 * (about 2 s here); on a machine busy with other work one took 11 s, which is slowness, not a hang.
 */
const HUNG_AFTER_MS = 30_000;

function send(url: string, method: string, path: string, headers: Record<string, string>, payload?: Buffer | string): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const req = httpRequest(`${url}${path}`, { method, headers: { ...headers, ...(payload !== undefined ? { 'content-length': String(Buffer.byteLength(payload)) } : {}) }, timeout: HUNG_AFTER_MS }, (res) => {
      const chunks: Buffer[] = [];
      // Server-Sent Events never end: the status is what counts.
      if (String(res.headers['content-type']).startsWith('text/event-stream')) {
        res.destroy();
        return resolve({ status: res.statusCode ?? 0, text: '' });
      }
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, text: '' }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    // The server may refuse a huge body before reading it; the status already came back.
    req.on('error', (error) => resolve({ status: -1, text: String(error.message) }));
    req.end(payload);
  });
}

/** A 4xx must say what was wrong; Node itself answers header-level problems (414, 431) bare. */
function explains(status: number, text: string): boolean {
  if (status === 414 || status === 431) return true;
  try {
    const error = (JSON.parse(text) as { error?: { code?: unknown; message?: unknown } }).error;
    return typeof error?.code === 'string' && typeof error.message === 'string';
  } catch {
    return false;
  }
}

/**
 * An admin's request at the knowledge routes that take a whole knowledge base or a revision (an
 * import, its dry run, a publish with or without its check's draftRevision, an intent's save):
 * rare among all the routes and callers, so sent on purpose now and then.
 */
function knowledgeRequest(random: () => number, target: FuzzTarget): { method: string; path: string; headers: Record<string, string>; payload: string } {
  const query = pick(random, ['', '?dryRun=true', '?dryRun=true', '?dryRun=false', '?dryRun=yes', '?dryRun[]=true', '?dryRun=true&dryRun=false', '?dryRun[__proto__]=x', '?__proto__[dryRun]=true']);
  const [path, payload] = pick(random, [
    ['/api/knowledge/import', () => knowledgeBody(random, target.intents)],
    ['/api/knowledge/publish', () => JSON.stringify(pick(random, [{ dryRun: true }, { dryRun: true }, {}, { note: pick(random, ODD_TEXT) }, { dryRun: 'true' }, { __proto__: { dryRun: true } }, []]))],
    ['/api/knowledge/intents', () => JSON.stringify(pick(random, HOSTILE_INTENTS))],
  ] as const);
  return { method: 'POST', path: `${path}${query}`, headers: { cookie: target.adminCookie, 'content-type': 'application/json', ...conditional(random, 0.5) }, payload: payload() };
}

export async function fuzz(target: FuzzTarget, count: number, seed: number): Promise<FuzzResult> {
  const random = createRandom(seed);
  const routes = [...target.routes.map((route) => `${route.method.toUpperCase()} ${route.path}`), ...DIRECT_LINE, ...OTHER];
  const result: FuzzResult = { sent: 0, byStatus: {}, failures: [], needles: [] };
  for (let i = 0; i < count; i += 1) {
    if (random() < 0.06) {
      const { method, path, headers, payload } = knowledgeRequest(random, target);
      const { status, text } = await send(target.url, method, path, headers, payload);
      result.sent += 1;
      result.byStatus[status] = (result.byStatus[status] ?? 0) + 1;
      const label = `#${i} (seed ${seed}) ${method} ${path} (knowledge) → ${status}`;
      if (status >= 500 || status <= 0) result.failures.push(`${label} ${text.slice(0, 200)}`);
      else if (status >= 400 && !explains(status, text)) result.failures.push(`${label}: no {error:{code,message}} body: ${text.slice(0, 120)}`);
      continue;
    }
    const [routeMethod, pattern] = pick(random, routes).split(' ') as [string, string];
    const method = random() < 0.1 ? pick(random, ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD']) : routeMethod;
    const chat = chatFor(random, target);
    const path = pathFor(random, pattern, chat);
    const { payload, type } = method === 'GET' || method === 'HEAD' ? {} : body(random, result.needles, target.identitySecret, target.intents);
    const headers: Record<string, string> = { ...credentials(random, target, chat), ...forwarded(random), ...conditional(random), ...(type ? { 'content-type': type } : {}) };
    const { status, text } = await send(target.url, method, path, headers, payload);
    result.sent += 1;
    result.byStatus[status] = (result.byStatus[status] ?? 0) + 1;
    const label = `#${i} (seed ${seed}) ${method} ${path.slice(0, 120)} → ${status}`;
    if (status >= 500 || status === 0) result.failures.push(`${label} ${text.slice(0, 200)} (headers ${JSON.stringify(headers).slice(0, 300)}, body ${String(payload ?? '').slice(0, 300)})`);
    else if (status >= 400 && method !== 'HEAD' && !explains(status, text)) result.failures.push(`${label}: no {error:{code,message}} body: ${text.slice(0, 120)}`);
    else if (status === -1 && !/EPIPE|ECONNRESET/.test(text)) result.failures.push(`${label}: ${text}`);
  }
  return result;
}
