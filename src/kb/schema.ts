import { z } from 'zod';

/** Text in both languages the product speaks. */
const bilingual = <T extends z.ZodType>(item: T) => z.object({ en: item, zh: item }).strict();

const nonEmptyText = z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters');
const textList = z.array(nonEmptyText);

/** Dialogs an intent can start instead of answering from the knowledge base. */
export const intentDialogs = ['complaint', 'ticket-status', 'handoff'] as const;
export type IntentDialog = (typeof intentDialogs)[number];

/**
 * The intent the bot greets a new conversation with: its answer (in the customer's language, or
 * both when it is unknown), its quick replies as buttons and its links. It needs no examples (with
 * none it is never recognised), so an admin edits the greeting like any answer. A knowledge base
 * without it gets the built-in greeting.
 */
export const WELCOME_INTENT = 'welcome';

/** Stands for the customer's order number in a link's `orderUrl`. */
export const ORDER_PLACEHOLDER = '{order}';

export const linkSchema = z
  .object({
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
    label: bilingual(nonEmptyText),
    /** The page of one order, `{order}` standing for its number: given when the customer names an order. */
    orderUrl: z
      .string()
      .refine((url) => url.includes(ORDER_PLACEHOLDER), `must contain ${ORDER_PLACEHOLDER} where the order number goes`)
      .refine((url) => URL.canParse(url.replace(ORDER_PLACEHOLDER, '1')) && /^https?:/.test(url), 'must be an http(s) URL')
      .optional(),
  })
  .strict();

/** The category of chit-chat intents (hello, thanks, "are you a bot?"): no customer's matter. */
export const SMALLTALK_CATEGORY = 'smalltalk';

/**
 * One intent of the knowledge base, as stored in `knowledge/*.json` and as served by
 * `GET /api/knowledge`. The first five fields are the contract; the rest are optional extras.
 */
export const intentSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_]{1,63}$/, 'must be snake_case: a-z, 0-9 and _, 2-64 characters'),
    category: z.string().trim().min(1).max(64),
    utterances: bilingual(textList),
    answers: bilingual(textList.min(1, 'needs at least one answer')),
    quickReplies: bilingual(z.array(nonEmptyText.max(60))).optional(),
    /** A short label for "Did you mean …?" buttons. */
    title: bilingual(nonEmptyText.max(60)).optional(),
    /** A dialog to start instead of answering. */
    dialog: z.enum(intentDialogs).optional(),
    links: z.array(linkSchema).optional(),
    /** Held-out utterances, never trained on: the knowledge base's own check set. */
    check: bilingual(textList).optional(),
  })
  .strict();

export type Intent = z.infer<typeof intentSchema>;

/** A knowledge file: `{ "intents": [ … ] }`. */
export const knowledgeFileSchema = z.object({ intents: z.array(intentSchema) }).strict();
export type KnowledgeFile = z.infer<typeof knowledgeFileSchema>;
