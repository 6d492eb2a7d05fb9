import { z } from 'zod';
import { notFound } from '../../errors.js';
import type { KnowledgeService, UnansweredLog } from '../../kb/index.js';
import { requireUser } from '../auth.js';
import { parse } from '../validate.js';
import type { ApiRouter } from './route-table.js';

const idSchema = z.string().min(1).max(100);
const listSchema = z.object({ status: z.enum(['new', 'added', 'dismissed']).default('new') });
const idsSchema = z.array(idSchema).max(1000).optional();
const addSchema = z.object({
  intent: z.string().min(1, 'intent is required').max(64),
  language: z.enum(['en', 'zh']).optional(),
  text: z.string().trim().min(1).max(2000).optional(),
  /** The other questions of the group, marked as added too. */
  ids: idsSchema,
});
const dismissSchema = z.object({ ids: idsSchema }).optional().default({});

/** What the bot missed: grouped for review; one click adds it as an example (draft) or dismisses it. */
export function addUnansweredRoutes(api: ApiRouter, unanswered: UnansweredLog, knowledge: KnowledgeService): void {
  api.add('get', '/unanswered', 'admin', async (req, res) => {
    const { status } = parse(listSchema, req.query, 'query');
    const groups = await unanswered.groups(status);
    res.json({ status, total: groups.reduce((sum, group) => sum + group.count, 0), groups });
  });

  api.add('post', '/unanswered/:id/add', 'admin', async (req, res) => {
    const id = parse(idSchema, req.params.id, 'id');
    const input = parse(addSchema, req.body, 'body');
    const question = await unanswered.get(id);
    if (!question) throw notFound('question');
    const who = requireUser(res).email;
    const language = input.language ?? question.language;
    const text = (input.text ?? question.text).trim();
    const intent = await knowledge.addExample(input.intent, language, text, who);
    // The example is kept with the questions: whether they still count as added follows it.
    const reviewed = await unanswered.review([id, ...(input.ids ?? [])], 'added', who, { intent: intent.name, language, text });
    res.json({ intent, reviewed: reviewed.length });
  });

  api.add('post', '/unanswered/:id/dismiss', 'admin', async (req, res) => {
    const id = parse(idSchema, req.params.id, 'id');
    const { ids } = parse(dismissSchema, req.body, 'body');
    const reviewed = await unanswered.review([id, ...(ids ?? [])], 'dismissed', requireUser(res).email);
    if (reviewed.length === 0) throw notFound('question');
    res.json({ reviewed: reviewed.length });
  });
}
