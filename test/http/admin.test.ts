import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, send, startConversation } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

const ADMIN = { email: 'admin@example.com', password: 'correct horse battery' };
const AGENT = { email: 'agent@example.com', password: 'agent password 1' };

async function login(url: string, credentials: { email: string; password: string }): Promise<{ status: number; cookie: string }> {
  const response = await request(url, 'POST', '/api/auth/login', { body: credentials });
  return { status: response.status, cookie: (response.headers.get('set-cookie') ?? '').split(';')[0]! };
}

const pizza = {
  name: 'pizza_delivery',
  category: 'food',
  utterances: { en: ['do you deliver pizza', 'can I order a pizza', 'pizza delivery please'], zh: ['你们送披萨吗', '我想订披萨', '披萨外卖'] },
  answers: { en: ['We do not sell pizza, sorry.'], zh: ['抱歉，我们不卖披萨。'] },
};

describe('admin API', () => {
  let server: TestServer;
  let admin: string;
  let agent: string;
  let agentId: string;

  beforeAll(async () => {
    server = await startTestServer();
    admin = (await login(server.url, ADMIN)).cookie;
    const created = await request(server.url, 'POST', '/api/users', { cookie: admin, body: { ...AGENT, role: 'agent' } });
    agentId = created.body.user.id;
    agent = (await login(server.url, AGENT)).cookie;
  });
  afterAll(() => server.cleanup());

  it('answers 401 without a session and 403 to an agent on every admin route', async () => {
    const adminRoutes = server.parley.routes.filter((route) => route.access === 'admin');
    expect(adminRoutes.map((route) => route.path)).toEqual(expect.arrayContaining(['/api/knowledge', '/api/knowledge/publish', '/api/unanswered', '/api/analytics/summary', '/api/users/:id/password']));
    for (const route of adminRoutes) {
      const path = route.path.replace(/:v\b/, '1').replace(/:[a-z]+/g, 'x');
      const body = route.method === 'get' ? undefined : {};
      const anonymous = await request(server.url, route.method.toUpperCase(), path, { body });
      const asAgent = await request(server.url, route.method.toUpperCase(), path, { body, cookie: agent });
      expect([route.path, anonymous.status, asAgent.status]).toEqual([route.path, 401, 403]);
    }
  });

  it('shows field errors, publishes a new intent to customers at once, and restores the old behaviour', async () => {
    const invalid = await request(server.url, 'PUT', '/api/knowledge/intents/pizza_delivery', { cookie: admin, body: { ...pizza, answers: { en: [], zh: ['好'] } } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.fields).toEqual([{ path: 'answers.en', message: 'needs at least one answer', code: 'too_few', limit: 1 }]);

    expect((await request(server.url, 'PUT', '/api/knowledge/intents/pizza_delivery', { cookie: admin, body: pizza })).status).toBe(201);
    const tried = await request(server.url, 'POST', '/api/knowledge/test', { cookie: admin, body: { text: 'can I order a pizza' } });
    expect(tried.body.draft).toMatchObject({ intent: 'pizza_delivery', language: 'en', answer: { text: 'We do not sell pizza, sorry.' } });
    expect(tried.body.published.intent).not.toBe('pizza_delivery');

    const customer = await startConversation(server.url);
    const published = await request(server.url, 'POST', '/api/knowledge/publish', { cookie: admin, body: { note: 'pizza' } });
    expect(published.status).toBe(201);
    expect(published.body.version).toMatchObject({ number: 2, by: ADMIN.email, summary: '1 added (pizza_delivery)' });
    expect((await send(server.url, customer, '我想订披萨'))[0].text).toBe('抱歉，我们不卖披萨。');

    const versions = await request(server.url, 'GET', '/api/knowledge/versions', { cookie: admin });
    expect(versions.body.versions.map((version: { number: number; current: boolean }) => [version.number, version.current])).toEqual([[2, true], [1, false]]);
    const diff = await request(server.url, 'GET', '/api/knowledge/diff?from=1&to=2', { cookie: admin });
    expect(diff.body.diff.added).toEqual(['pizza_delivery']);

    const restored = await request(server.url, 'POST', '/api/knowledge/versions/1/restore', { cookie: admin });
    expect(restored.body.version).toMatchObject({ number: 3, restoredFrom: 1 });
    expect((await send(server.url, customer, '我想订披萨'))[0].text).not.toBe('抱歉，我们不卖披萨。');
    // v1 is what customers get again: restoring it (or v3) would only discard the draft.
    const again = await request(server.url, 'POST', '/api/knowledge/versions/1/restore', { cookie: admin });
    expect([again.status, again.body.error.code]).toEqual([409, 'nothing_to_restore']);
    const listed = await request(server.url, 'GET', '/api/knowledge/versions', { cookie: admin });
    expect(listed.body.versions.map((version: { number: number; sameAsLive: boolean }) => [version.number, version.sameAsLive])).toEqual([[3, true], [2, false], [1, true]]);
    const audit = await request(server.url, 'GET', '/api/knowledge/audit', { cookie: admin });
    expect(audit.body.entries.slice(0, 3).map((entry: { action: string }) => entry.action)).toEqual(['knowledge.restored', 'knowledge.published', 'intent.created']);
  });

  it('creates a new intent only under a free name, and PUT never writes to a name its URL did not give', async () => {
    const draftIntent = async (name: string) => (await request(server.url, 'GET', '/api/knowledge', { cookie: admin })).body.intents.find((intent: { name: string }) => intent.name === name);
    const thanks = await draftIntent('thanks');
    const taken = await request(server.url, 'POST', '/api/knowledge/intents', { cookie: admin, body: { ...pizza, name: 'thanks' } });
    expect([taken.status, taken.body.error.code]).toEqual([409, 'intent_exists']);
    expect(await draftIntent('thanks')).toEqual(thanks);

    const created = await request(server.url, 'POST', '/api/knowledge/intents', { cookie: admin, body: { ...pizza, name: 'store_pickup' } });
    expect([created.status, created.body.intent.name]).toEqual([201, 'store_pickup']);

    // A body naming another intent renames the URL's intent; it never creates one under the body's name.
    const stray = await request(server.url, 'PUT', '/api/knowledge/intents/no_such_intent', { cookie: admin, body: { ...pizza, name: 'other_name' } });
    expect(stray.status).toBe(404);
    expect(await draftIntent('other_name')).toBeUndefined();
    const { name: _name, ...nameless } = pizza;
    const edited = await request(server.url, 'PUT', '/api/knowledge/intents/store_pickup', { cookie: admin, body: { ...nameless, category: 'stores' } });
    expect([edited.status, edited.body.intent.name, edited.body.intent.category]).toEqual([200, 'store_pickup', 'stores']);
    expect((await request(server.url, 'PUT', '/api/knowledge/intents/store_pickup', { cookie: admin, body: { ...pizza, name: 'thanks' } })).status).toBe(409);
    const renamed = await request(server.url, 'PUT', '/api/knowledge/intents/store_pickup', { cookie: admin, body: { ...pizza, name: 'store_collect' } });
    expect([renamed.status, await draftIntent('store_pickup')]).toEqual([200, undefined]);
    expect((await request(server.url, 'DELETE', '/api/knowledge/intents/store_collect', { cookie: admin })).status).toBe(204);
  });

  it('answers 409 intent_changed to a save or delete whose If-Match is a revision another admin has replaced', async () => {
    const draft = async () => (await request(server.url, 'GET', '/api/knowledge', { cookie: admin })).body;
    const created = await request(server.url, 'POST', '/api/knowledge/intents', { cookie: admin, body: { ...pizza, name: 'shared_edit' } });
    expect(created.status).toBe(201);
    const loaded = (await draft()).revisions.shared_edit as string;
    const put = (answer: string, ifMatch?: string) =>
      request(server.url, 'PUT', '/api/knowledge/intents/shared_edit', { cookie: admin, body: { ...pizza, name: 'shared_edit', answers: { en: [answer], zh: ['好的。'] } }, ...(ifMatch ? { headers: { 'if-match': ifMatch } } : {}) });

    const first = await put('First admin.', `"${loaded}"`);
    expect([first.status, first.headers.get('etag')]).toEqual([200, `"${first.body.revision}"`]);
    const second = await put('Second admin.', `"${loaded}"`);
    expect([second.status, second.body.error.code]).toEqual([409, 'intent_changed']);
    const stale = await request(server.url, 'DELETE', '/api/knowledge/intents/shared_edit', { cookie: admin, headers: { 'if-match': `"${loaded}"` } });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'intent_changed']);
    expect((await draft()).intents.find((intent: { name: string }) => intent.name === 'shared_edit').answers.en).toEqual(['First admin.']);

    expect((await put('Second admin.', 'not a revision')).status).toBe(400);
    expect((await put('Second admin.', `"${first.body.revision}"`)).status).toBe(200);
    const current = (await draft()).revisions.shared_edit as string;
    expect((await request(server.url, 'DELETE', '/api/knowledge/intents/shared_edit', { cookie: admin, headers: { 'if-match': `"${current}"` } })).status).toBe(204);
  });

  it('a publish sent with the draftRevision of its check is refused (409 draft_changed) when another admin changed the draft since', async () => {
    const versions = async () => (await request(server.url, 'GET', '/api/knowledge/versions', { cookie: admin })).body.versions.length;
    expect((await request(server.url, 'POST', '/api/knowledge/intents', { cookie: admin, body: { ...pizza, name: 'reviewed_pizza' } })).status).toBe(201);
    const check = await request(server.url, 'POST', '/api/knowledge/publish', { cookie: admin, body: { dryRun: true } });
    expect(check.body.draftRevision).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const count = await versions();
    // Another admin saves meanwhile: the publish of what was checked is refused, nothing goes live.
    expect((await request(server.url, 'POST', '/api/knowledge/intents', { cookie: admin, body: { ...pizza, name: 'unreviewed_pizza' } })).status).toBe(201);
    const stale = await request(server.url, 'POST', '/api/knowledge/publish', { cookie: admin, body: {}, headers: { 'if-match': `"${check.body.draftRevision}"` } });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'draft_changed']);
    expect(await versions()).toBe(count);
    // Checked again, it goes through, and names both.
    const again = await request(server.url, 'POST', '/api/knowledge/publish', { cookie: admin, body: { dryRun: true } });
    expect(again.body.changes.added).toEqual(expect.arrayContaining(['reviewed_pizza', 'unreviewed_pizza']));
    const published = await request(server.url, 'POST', '/api/knowledge/publish', { cookie: admin, body: {}, headers: { 'if-match': `"${again.body.draftRevision}"` } });
    expect(published.status).toBe(201);
    expect(await versions()).toBe(count + 1);
    for (const name of ['reviewed_pizza', 'unreviewed_pizza']) expect((await request(server.url, 'DELETE', `/api/knowledge/intents/${name}`, { cookie: admin })).status).toBe(204);
    expect((await request(server.url, 'POST', '/api/knowledge/publish', { cookie: admin, body: {} })).status).toBe(201);
  });

  it('a JSON import with ?dryRun=true says what it would add, change and remove in the draft, and writes nothing', async () => {
    const draft = async () => (await request(server.url, 'GET', '/api/knowledge', { cookie: admin })).body;
    const before = await draft();
    const kept = before.intents.find((intent: { name: string }) => intent.name === 'thanks');
    // One category's worth of intents: one kept as it is, one changed, one new; every other intent would go.
    const file = { intents: [kept, { ...before.intents.find((intent: { name: string }) => intent.name === 'greeting'), category: 'hello' }, { ...pizza, name: 'pizza_import' }] };
    const dry = await request(server.url, 'POST', '/api/knowledge/import?dryRun=true', { cookie: admin, body: file });
    expect(dry.status).toBe(200);
    expect(dry.body.draftChanges.added).toEqual(['pizza_import']);
    expect(dry.body.draftChanges.changed.map((change: { name: string }) => change.name)).toEqual(['greeting']);
    expect(dry.body.draftChanges.removed).toHaveLength(before.intents.length - 2);
    expect(dry.body.draftChanges.removed).not.toContain('thanks');
    expect((await draft()).intents).toEqual(before.intents);
    // A bad file is refused by the dry run as by the import; a bad flag is named.
    const invalid = await request(server.url, 'POST', '/api/knowledge/import?dryRun=true', { cookie: admin, body: { intents: [] } });
    expect([invalid.status, invalid.body.error.code]).toEqual([400, 'invalid_intent']);
    const badFlag = await request(server.url, 'POST', '/api/knowledge/import?dryRun=yes', { cookie: admin, body: file });
    expect([badFlag.status, badFlag.body.error.fields[0].path]).toEqual([400, 'dryRun']);
    expect((await draft()).intents).toEqual(before.intents);
  });

  it('a JSON import that is not JSON is refused naming the line and column where it breaks, with the words there, and changes nothing', async () => {
    const draft = async () => (await request(server.url, 'GET', '/api/knowledge', { cookie: admin })).body.intents;
    const before = await draft();
    const send = (text: string, query = '') => request(server.url, 'POST', `/api/knowledge/import${query}`, { cookie: admin, rawBody: text, headers: { 'content-type': 'application/json' } });
    // Python's True, hand-typed on line 3: JSON.parse itself names no position for it.
    const python = await send('{\n  "intents": [\n    { "name": "refund", "dialog": True }\n  ]\n}\n', '?dryRun=true');
    expect([python.status, python.body.error.code]).toEqual([400, 'malformed_json']);
    expect(python.body.error.position).toEqual({ line: 3, column: 35, excerpt: { text: '    { "name": "refund", "dialog": True }', column: 35 } });
    expect(python.body.error.message).toBe('the request body is not valid JSON: Unexpected token \'T\' at line 3, column 35: { "name": "refund", "dialog": True }');
    // A comma too many before a closing bracket, on the import itself.
    const comma = await send('{"intents": [\n  {"name": "refund"},\n]}');
    expect(comma.body.error).toMatchObject({ code: 'malformed_json', position: { line: 3, column: 1 } });
    expect(comma.body.error.message).toMatch(/ at line 3, column 1: ]}$/);
    expect(await draft()).toEqual(before);
  });

  it('exports and imports the knowledge base as JSON and utterances as CSV', async () => {
    const exported = await request(server.url, 'GET', '/api/knowledge/export', { cookie: admin });
    expect(exported.body.intents.length).toBeGreaterThan(5);
    const imported = await request(server.url, 'POST', '/api/knowledge/import', { cookie: admin, body: exported.body });
    expect(imported.status).toBe(200);
    expect(imported.body.intents).toEqual(exported.body.intents);

    const csv = await request(server.url, 'GET', '/api/knowledge/utterances.csv', { cookie: admin });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const bad = await request(server.url, 'POST', '/api/knowledge/utterances/import', { cookie: admin, body: { csv: 'intent,language,text\nno_such_intent,en,hello\n' } });
    expect(bad.body.error.message).toBe('line 2: unknown intent "no_such_intent"');

    // One English line: a dry run lists what it would change; only the English examples of that intent go.
    const thanks = () => request(server.url, 'GET', '/api/knowledge', { cookie: admin }).then((draft) => draft.body.intents.find((intent: { name: string }) => intent.name === 'thanks'));
    const before = await thanks();
    const csvBody = { csv: 'intent,language,text\nthanks,en,cheers mate\n' };
    const dry = await request(server.url, 'POST', '/api/knowledge/utterances/import', { cookie: admin, body: { ...csvBody, dryRun: true } });
    expect([dry.status, dry.body]).toEqual([200, { utteranceChanges: [{ intent: 'thanks', language: 'en', added: 1, removed: before.utterances.en.length, total: 1 }] }]);
    expect(await thanks()).toEqual(before);
    const applied = await request(server.url, 'POST', '/api/knowledge/utterances/import', { cookie: admin, body: csvBody });
    expect(applied.body.utteranceChanges).toEqual(dry.body.utteranceChanges);
    expect((await thanks()).utterances).toEqual({ en: ['cheers mate'], zh: before.utterances.zh });
    const badFlag = await request(server.url, 'POST', '/api/knowledge/utterances/import', { cookie: admin, body: { ...csvBody, dryRun: 'yes' } });
    expect([badFlag.status, badFlag.body.error.fields[0].path]).toEqual([400, 'dryRun']);
  });

  it('lists what the bot missed, grouped, and adds a question to an intent of the draft', async () => {
    const customer = await startConversation(server.url);
    await send(server.url, customer, 'zorblax quintessence manifold');
    await send(server.url, customer, 'zorblax quintessence manifolds');
    const listed = await request(server.url, 'GET', '/api/unanswered', { cookie: admin });
    const group = listed.body.groups.find((each: { text: string }) => each.text.startsWith('zorblax'));
    expect(group).toMatchObject({ count: 2, language: 'en', kinds: { fallback: 2 } });

    const added = await request(server.url, 'POST', `/api/unanswered/${group.id}/add`, { cookie: admin, body: { intent: 'contact_human', ids: group.questions.map((q: { id: string }) => q.id) } });
    expect(added.status).toBe(200);
    const draft = await request(server.url, 'GET', '/api/knowledge', { cookie: admin });
    expect(draft.body.intents.find((intent: { name: string }) => intent.name === 'contact_human').utterances.en).toContain('zorblax quintessence manifold');
    const after = await request(server.url, 'GET', '/api/unanswered', { cookie: admin });
    expect(after.body.groups.some((each: { text: string }) => each.text.startsWith('zorblax'))).toBe(false);
    // Added, and where its example stands: in the draft, not live yet.
    const addedList = await request(server.url, 'GET', '/api/unanswered?status=added', { cookie: admin });
    expect(addedList.body.groups.find((each: { text: string }) => each.text.startsWith('zorblax'))).toMatchObject({ count: 2, example: { intent: 'contact_human', state: 'draft' } });
  });

  it('takes a thumbs-down from the widget onto the review list', async () => {
    const customer = await startConversation(server.url);
    const [answer] = await send(server.url, customer, 'where is my order');
    await request(server.url, 'POST', `/v3/directline/conversations/${customer.conversationId}/activities`, {
      token: customer.token,
      body: { type: 'event', name: 'parley.feedback', value: { activityId: answer.id, helpful: false } },
    });
    await expect.poll(async () => (await request(server.url, 'GET', '/api/unanswered', { cookie: admin })).body.groups.find((each: { text: string }) => each.text === 'where is my order')?.kinds).toEqual({ unhelpful: 1 });
  });

  it('sums up the service for a date range', async () => {
    // No range: the last 30 days by the server's clock, which holds everything this test made.
    const summary = await request(server.url, 'GET', '/api/analytics/summary', { cookie: admin });
    expect(summary.status).toBe(200);
    expect(summary.body.conversations.total).toBeGreaterThanOrEqual(3);
    expect(summary.body.turns.fallback).toBeGreaterThanOrEqual(2);
    expect(summary.body.topIntents.map((entry: { intent: string }) => entry.intent)).toContain('order_status');
    expect(summary.body.topUnanswered[0]).toMatchObject({ text: expect.stringMatching(/zorblax/), count: 2 });
    expect(summary.body.feedback).toEqual({ helpful: 0, unhelpful: 1 });
    const past = await request(server.url, 'GET', '/api/analytics/summary?from=2001-01-01&to=2001-01-31', { cookie: admin });
    expect(past.body.conversations).toMatchObject({ total: 0, byDay: expect.arrayContaining([{ day: '2001-01-31', count: 0 }]) });
    expect((await request(server.url, 'GET', '/api/analytics/summary?from=2026-02-30', { cookie: admin })).status).toBe(400);
    // In the admin's time zone, a bare date is that local day: Shanghai's 1 January starts at 16:00 UTC the day before.
    const shanghai = await request(server.url, 'GET', '/api/analytics/summary?from=2001-01-01&to=2001-01-31&tz=Asia/Shanghai', { cookie: admin });
    expect(shanghai.body.range).toEqual({ from: '2000-12-31T16:00:00.000Z', to: '2001-01-31T15:59:59.999Z', timeZone: 'Asia/Shanghai' });
    expect(shanghai.body.conversations.byDay.map((day: { day: string }) => day.day)).toEqual(Array.from({ length: 31 }, (_, n) => `2001-01-${String(n + 1).padStart(2, '0')}`));
    const badZone = await request(server.url, 'GET', '/api/analytics/summary?tz=Mars/Olympus', { cookie: admin });
    expect([badZone.status, badZone.body.error.fields[0].path]).toEqual([400, 'tz']);
  });

  it('refuses a password of spaces or padded with them, and trims the spaces around an e-mail address', async () => {
    const create = (body: object) => request(server.url, 'POST', '/api/users', { cookie: admin, body: { role: 'agent', ...body } });
    for (const password of ['          ', 'abc            ', ' a b c d e f g h i ']) {
      const refused = await create({ email: 'weak@example.com', password });
      // The kind and the limit, for a page to say it in its own language (the message is English).
      expect([refused.status, refused.body.error.fields[0]]).toEqual([400, expect.objectContaining({ path: 'password', code: 'too_short', limit: 10 })]);
    }
    const reset = await request(server.url, 'POST', `/api/users/${agentId}/password`, { cookie: admin, body: { password: '           ' } });
    expect([reset.status, reset.body.error.fields[0]]).toEqual([400, expect.objectContaining({ path: 'password', code: 'too_short', limit: 10 })]);

    const created = await create({ email: '  Spaced@Example.com ', password: 'a fine pass phrase' });
    expect([created.status, created.body.user?.email]).toEqual([201, 'spaced@example.com']);
    expect((await login(server.url, { email: ' spaced@example.com  ', password: 'a fine pass phrase' })).status).toBe(200);
  });

  it('disables an agent (signed out at once; told so at sign-in only with the right password) and resets a password', async () => {
    expect((await request(server.url, 'PATCH', `/api/users/${agentId}`, { cookie: admin, body: { disabled: true } })).body.user.disabled).toBe(true);
    expect((await request(server.url, 'GET', '/api/auth/me', { cookie: agent })).status).toBe(401);
    // The right password is told the account is disabled; a wrong one learns nothing more than for any account.
    const disabled = await request(server.url, 'POST', '/api/auth/login', { body: AGENT });
    expect([disabled.status, disabled.body.error.code, disabled.headers.get('set-cookie')]).toEqual([403, 'account_disabled', null]);
    const guessed = await request(server.url, 'POST', '/api/auth/login', { body: { email: AGENT.email, password: 'not the password' } });
    const unknown = await request(server.url, 'POST', '/api/auth/login', { body: { email: 'nobody@example.com', password: 'not the password' } });
    expect([guessed.status, guessed.body]).toEqual([401, unknown.body]);
    expect(guessed.body.error.code).toBe('invalid_credentials');

    await request(server.url, 'PATCH', `/api/users/${agentId}`, { cookie: admin, body: { disabled: false } });
    await request(server.url, 'POST', `/api/users/${agentId}/password`, { cookie: admin, body: { password: 'a brand new secret' } });
    expect((await login(server.url, AGENT)).status).toBe(401);
    expect((await login(server.url, { email: AGENT.email, password: 'a brand new secret' })).status).toBe(200);

    const me = (await request(server.url, 'GET', '/api/auth/me', { cookie: admin })).body.user;
    expect((await request(server.url, 'PATCH', `/api/users/${me.id}`, { cookie: admin, body: { disabled: true } })).status).toBe(409);
  });
});

describe('published knowledge after a restart', () => {
  it('serves the latest published version from DATA_DIR, not KNOWLEDGE_DIR', async () => {
    const first = await startTestServer();
    const cookie = (await login(first.url, ADMIN)).cookie;
    await request(first.url, 'PUT', '/api/knowledge/intents/pizza_delivery', { cookie, body: pizza });
    await request(first.url, 'POST', '/api/knowledge/publish', { cookie, body: {} });
    await first.stop();

    const again = await startTestServer({ dataDir: first.dataDir });
    try {
      const customer = await startConversation(again.url);
      expect((await send(again.url, customer, '我想订披萨'))[0].text).toBe('抱歉，我们不卖披萨。');
      const versions = await request(again.url, 'GET', '/api/knowledge/versions', { cookie: (await login(again.url, ADMIN)).cookie });
      expect(versions.body.versions[0]).toMatchObject({ number: 2, current: true });
    } finally {
      await again.cleanup();
    }
  });
});
