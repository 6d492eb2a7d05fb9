import { z } from 'zod';
import { type KnowledgeService, structuralWarnings, utterancesToCsv } from '../../kb/index.js';
import { requireUser } from '../auth.js';
import { parse } from '../validate.js';
import type { ApiRouter } from './route-table.js';

const nameSchema = z.string().min(1).max(64);
const versionSchema = z.string().regex(/^\d{1,9}$/, 'must be a version number').transform(Number);
const versionOrDraft = z.union([z.literal('draft'), versionSchema]);
const textSchema = z.object({ text: z.string().trim().min(1, 'text must not be empty').max(2000) });
const publishSchema = z.object({ note: z.string().trim().max(500).optional(), dryRun: z.boolean().optional() }).optional().default({});
const diffSchema = z.object({ from: versionOrDraft, to: versionOrDraft.default('draft') });
const exportSchema = z.object({ version: versionOrDraft.default('draft') });
/**
 * `If-Match: "<revision>"` (quoted, as HTTP writes entity tags; bare is accepted too): save only over
 * that revision of an intent, or publish only the draft a check (`draftRevision`) looked at.
 */
const ifMatchSchema = z
  .string()
  .regex(/^"?[A-Za-z0-9_-]{16}"?$/, 'must be a revision from GET /api/knowledge (an intent\'s) or a publish check (the draft\'s), e.g. "3q2-Vb8xYk1mZz0A"')
  .transform((value) => value.replace(/"/g, ''))
  .optional();
/** `?dryRun=true`: say what an import would change in the draft, and change nothing (the body is the knowledge base itself). */
const importQuerySchema = z.object({ dryRun: z.enum(['true', 'false'], { error: 'dryRun must be true or false' }).optional() });
const csvSchema = z.object({ csv: z.string().min(1, 'csv must not be empty').max(4_000_000), dryRun: z.boolean({ error: 'dryRun must be true or false' }).optional() }).strict();

/** The admin's knowledge editor: draft, try it, publish, versions, diff, restore, import/export, audit. */
export function addKnowledgeRoutes(api: ApiRouter, knowledge: KnowledgeService): void {
  api.add('get', '/knowledge', 'admin', async (_req, res) => {
    res.json(await knowledge.draft());
  });

  api.add('get', '/knowledge/checks', 'admin', async (_req, res) => {
    res.json({ warnings: structuralWarnings(await knowledge.intentsOf('draft')) });
  });

  api.add('post', '/knowledge/intents', 'admin', async (req, res) => {
    res.status(201).json({ intent: await knowledge.createIntent(req.body, requireUser(res).email), created: true });
  });

  api.add('put', '/knowledge/intents/:name', 'admin', async (req, res) => {
    const name = parse(nameSchema, req.params.name, 'name');
    const ifRevision = parse(ifMatchSchema, req.get('if-match'), 'If-Match');
    const saved = await knowledge.saveIntent(name, req.body, requireUser(res).email, { ifRevision });
    res.setHeader('ETag', `"${saved.revision}"`);
    res.status(saved.created ? 201 : 200).json(saved);
  });

  api.add('delete', '/knowledge/intents/:name', 'admin', async (req, res) => {
    const ifRevision = parse(ifMatchSchema, req.get('if-match'), 'If-Match');
    await knowledge.deleteIntent(parse(nameSchema, req.params.name, 'name'), requireUser(res).email, { ifRevision });
    res.status(204).end();
  });

  api.add('post', '/knowledge/test', 'admin', async (req, res) => {
    res.json(await knowledge.tryIt(parse(textSchema, req.body, 'body').text));
  });

  api.add('post', '/knowledge/publish', 'admin', async (req, res) => {
    const { note, dryRun } = parse(publishSchema, req.body, 'body');
    // `If-Match: "<draftRevision>"` from the dry run the admin looked at: refused if the draft changed since.
    const ifDraft = parse(ifMatchSchema, req.get('if-match'), 'If-Match');
    const result = await knowledge.publish({ who: requireUser(res).email, ...(note ? { note } : {}), dryRun: dryRun ?? false, ...(ifDraft ? { ifDraft } : {}) });
    res.status(dryRun ? 200 : 201).json(result);
  });

  api.add('get', '/knowledge/versions', 'admin', async (_req, res) => {
    res.json({ versions: await knowledge.versions() });
  });

  api.add('get', '/knowledge/versions/:v', 'admin', async (req, res) => {
    const number = parse(versionSchema, req.params.v, 'v');
    const version = await knowledge.version(number);
    res.json({ version, intents: await knowledge.intentsOf(number) });
  });

  api.add('post', '/knowledge/versions/:v/restore', 'admin', async (req, res) => {
    res.status(201).json(await knowledge.restore(parse(versionSchema, req.params.v, 'v'), requireUser(res).email));
  });

  api.add('get', '/knowledge/diff', 'admin', async (req, res) => {
    const { from, to } = parse(diffSchema, req.query, 'query');
    res.json({ from, to, diff: await knowledge.diff(from, to) });
  });

  api.add('get', '/knowledge/export', 'admin', async (req, res) => {
    const { version } = parse(exportSchema, req.query, 'query');
    res.setHeader('Content-Disposition', `attachment; filename="knowledge-${version}.json"`);
    res.json({ intents: await knowledge.intentsOf(version) });
  });

  api.add('post', '/knowledge/import', 'admin', async (req, res) => {
    const { dryRun } = parse(importQuerySchema, req.query, 'query');
    res.json(await knowledge.replaceDraft(req.body, requireUser(res).email, 'imported the knowledge base from JSON', { dryRun: dryRun === 'true' }));
  });

  api.add('get', '/knowledge/utterances.csv', 'admin', async (req, res) => {
    const { version } = parse(exportSchema, req.query, 'query');
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="utterances-${version}.csv"`);
    res.send(`\uFEFF${utterancesToCsv(await knowledge.intentsOf(version))}`);
  });

  api.add('post', '/knowledge/utterances/import', 'admin', async (req, res) => {
    const { csv, dryRun } = parse(csvSchema, req.body, 'body');
    res.json(await knowledge.importUtteranceCsv(csv, requireUser(res).email, { dryRun: dryRun ?? false }));
  });

  api.add('get', '/knowledge/audit', 'admin', async (_req, res) => {
    res.json({ entries: await knowledge.audit() });
  });
}
