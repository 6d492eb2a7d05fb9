import { describe, expect, it } from 'vitest';
import { applyUtteranceCsv, InvalidKnowledgeError, parseCsv, utterancesToCsv } from '../../../src/kb/index.js';
import { giftCards, miniStoreIntents, openKnowledge } from './helpers.js';

describe('import and export', () => {
  it('round-trips the knowledge base as JSON in the knowledge/ format', async () => {
    const { knowledge } = await openKnowledge();
    await knowledge.saveIntent('gift_cards', { ...giftCards, links: [{ url: 'https://shop.example.com/gift', label: { en: 'Gift page', zh: '礼品页' } }] }, 'ann@example.com');
    const exported = JSON.parse(JSON.stringify({ intents: await knowledge.intentsOf('draft') }));

    const other = await openKnowledge();
    await other.knowledge.replaceDraft(exported, 'bob@example.com', 'imported');
    expect(await other.knowledge.intentsOf('draft')).toEqual(exported.intents);
    expect(other.runtime.current().intents.has('gift_cards')).toBe(false);
    expect((await other.knowledge.audit())[0]).toMatchObject({ who: 'bob@example.com', action: 'knowledge.imported', detail: 'imported: 7 intents' });
  });

  it('rejects an import naming the field in error, and keeps the draft', async () => {
    const { knowledge } = await openKnowledge();
    const error = await knowledge.replaceDraft({ intents: [{ ...giftCards, name: 'Gift Cards' }] }, 'ann@example.com', 'x').catch((e: unknown) => e);
    expect((error as InvalidKnowledgeError).fields[0]).toMatchObject({ path: 'intents.0.name' });
    expect((await knowledge.intentsOf('draft')).length).toBe(6);
  });

  it('round-trips utterances as CSV, quotes, commas and line breaks included', () => {
    const intents = [...miniStoreIntents(), { ...giftCards, utterances: { en: ['a "gift", card', 'line\nbreak'], zh: ['礼品卡，多少钱'] } }];
    const csv = utterancesToCsv(intents);
    expect(csv.split('\r\n')[0]).toBe('intent,language,text');
    const emptied = intents.map((intent) => ({ ...intent, utterances: { en: [], zh: [] } }));
    expect(applyUtteranceCsv(emptied, csv)).toEqual(intents);
    expect(parseCsv('gift_cards,en,"a ""gift"", card"\r\n')).toEqual([['gift_cards', 'en', 'a "gift", card']]);
  });

  it('writes cells a spreadsheet would run as a formula as text, and reads them back as they were', () => {
    const risky = ['=HYPERLINK("http://evil.example","x") do you sell drones', '+1 800 call me', '-5% off?', '@support help', "'=already quoted", "it's = fine"];
    const intents = [{ ...giftCards, utterances: { en: [...giftCards.utterances.en, ...risky], zh: giftCards.utterances.zh } }];
    const csv = utterancesToCsv(intents);
    const cells = parseCsv(csv).slice(1).map((row) => row[2]!);
    for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(cells).toEqual(expect.arrayContaining(['\'=HYPERLINK("http://evil.example","x") do you sell drones', "'+1 800 call me", "'-5% off?", "'@support help", "''=already quoted", "it's = fine"]));
    expect(applyUtteranceCsv([{ ...giftCards, utterances: { en: [], zh: [] } }], csv)).toEqual(intents);
  });

  it('imports CSV into the draft and names the line of an unknown intent', async () => {
    const { knowledge } = await openKnowledge();
    await knowledge.importUtteranceCsv('intent,language,text\nrefund,en,give me my money back\nrefund,zh,退钱\n', 'ann@example.com');
    expect((await knowledge.intentsOf('draft')).find((intent) => intent.name === 'refund')!.utterances).toEqual({ en: ['give me my money back'], zh: ['退钱'] });
    await expect(knowledge.importUtteranceCsv('intent,language,text\nrefund,en,ok\nnope,en,hello\n', 'ann@example.com')).rejects.toThrow('line 3: unknown intent "nope"');
  });

  it('replaces only the (intent, language) pairs the CSV has lines for, and a dry run says so without touching the draft', async () => {
    const { knowledge } = await openKnowledge();
    const before = (await knowledge.intentsOf('draft')).find((intent) => intent.name === 'refund')!;
    const csv = 'intent,language,text\nrefund,en,give me my money back\n';

    const preview = await knowledge.importUtteranceCsv(csv, 'ann@example.com', { dryRun: true });
    expect(preview.utteranceChanges).toEqual([{ intent: 'refund', language: 'en', added: 1, removed: before.utterances.en.length, total: 1 }]);
    expect(await knowledge.intentsOf('draft')).toContainEqual(before);

    const done = await knowledge.importUtteranceCsv(csv, 'ann@example.com');
    expect(done.utteranceChanges).toEqual(preview.utteranceChanges);
    const after = (await knowledge.intentsOf('draft')).find((intent) => intent.name === 'refund')!;
    // The Chinese examples, which the file never mentioned, are kept.
    expect(after.utterances).toEqual({ en: ['give me my money back'], zh: before.utterances.zh });
    expect((await knowledge.audit())[0]!.detail).toBe(`imported utterances from CSV: refund (en) +1 -${before.utterances.en.length}`);
  });
});

describe('the audit log', () => {
  it('records who changed what, and when, newest first', async () => {
    const { knowledge } = await openKnowledge();
    await knowledge.saveIntent('gift_cards', giftCards, 'ann@example.com');
    await knowledge.saveIntent('gift_cards', { ...giftCards, answers: { en: ['New answer.'], zh: ['新回答。'] } }, 'ann@example.com');
    await knowledge.saveIntent('gift_cards', { ...giftCards, name: 'vouchers' }, 'bob@example.com');
    await knowledge.deleteIntent('greeting', 'bob@example.com');
    await knowledge.publish({ who: 'bob@example.com' });
    await knowledge.restore(1, 'ann@example.com');

    const entries = await knowledge.audit();
    expect(entries.map((entry) => [entry.who, entry.action, entry.detail])).toEqual([
      ['ann@example.com', 'knowledge.restored', 'restored version 1 as version 3: 1 added (greeting); 1 removed (vouchers)'],
      ['bob@example.com', 'knowledge.published', 'published version 2: 1 added (vouchers); 1 removed (greeting)'],
      ['bob@example.com', 'intent.deleted', 'deleted greeting'],
      ['bob@example.com', 'intent.renamed', 'renamed gift_cards to vouchers'],
      ['ann@example.com', 'intent.updated', 'changed answers of gift_cards'],
      ['ann@example.com', 'intent.created', 'created gift_cards'],
      ['system', 'knowledge.seeded', 'loaded 6 intents from KNOWLEDGE_DIR as version 1'],
    ]);
    expect(entries[0]!.at > entries[1]!.at).toBe(true);
    // The same, as data the admin pages word in their own language.
    expect(entries.map((entry) => entry.facts)).toEqual([
      { version: 3, restoredFrom: 1, changes: { added: ['greeting'], changed: [], removed: ['vouchers'] } },
      { version: 2, changes: { added: ['vouchers'], changed: [], removed: ['greeting'] } },
      {},
      { from: 'gift_cards' },
      { fields: ['answers'] },
      {},
      { count: 6 },
    ]);
  });
});
