import { z } from 'zod';

/** Longest customer message accepted, in UTF-8 bytes. */
export const MAX_TEXT_BYTES = 10 * 1024;

const localeSchema = z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a locale such as en-US or zh-CN');

/** Whether `value` written as JSON is at most `max` characters; one nested too deep to write (stack overflow) is not. */
function fitsAsJson(value: unknown, max: number): boolean {
  try {
    return JSON.stringify(value).length <= max;
  } catch {
    return false;
  }
}

/**
 * What a client may post to `/conversations/:id/activities`. Unknown fields are dropped;
 * `from` is accepted for compatibility and ignored: the token says who the sender is.
 */
export const incomingActivitySchema = z
  .object({
    type: z.enum(['message', 'typing', 'event'], { error: 'type must be "message", "typing" or "event"' }),
    text: z
      .string({ error: 'text must be a string' })
      .refine((text) => Buffer.byteLength(text, 'utf8') <= MAX_TEXT_BYTES, `text must be at most ${MAX_TEXT_BYTES} bytes`)
      .optional(),
    textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
    locale: localeSchema.optional(),
    /** The customer's IANA time zone (Bot Framework's field; Web Chat and the widget send it): due times are told in it. */
    localTimezone: z.string().max(64).regex(/^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+){0,2}$/, 'localTimezone must be an IANA time zone such as Asia/Shanghai').optional(),
    name: z.string().min(1).max(100).optional(),
    value: z.unknown().optional(),
    attachments: z.array(z.unknown()).max(0, 'attachments are not supported').optional(),
    channelData: z
      .object({
        clientActivityID: z.string().max(128).optional(),
        clientTimestamp: z.string().max(64).optional(),
      })
      .optional(),
  })
  .refine((activity) => activity.type !== 'message' || activity.text !== undefined || activity.value !== undefined, {
    message: 'a message needs text or value',
    path: ['text'],
  })
  .refine((activity) => activity.type !== 'event' || activity.name !== undefined, {
    message: 'an event needs a name',
    path: ['name'],
  })
  .refine((activity) => activity.value === undefined || fitsAsJson(activity.value, 4096), {
    message: 'value must be at most 4096 characters as JSON',
    path: ['value'],
  });

export type IncomingActivity = z.infer<typeof incomingActivitySchema>;

/** Body of `POST /conversations` and `POST /tokens/generate`. */
export const startBodySchema = z
  .object({
    user: z.object({ id: z.string().max(200).optional(), name: z.string().max(200).optional() }).optional(),
    locale: localeSchema.optional(),
    /** With an earlier (possibly expired) token: give back that token's conversation. */
    resume: z.boolean({ error: 'resume must be true or false' }).optional(),
  })
  .optional()
  .default({});

export const watermarkSchema = z
  .string()
  .regex(/^\d{0,9}$/, 'watermark must be a non-negative integer')
  .optional()
  .transform((value) => (value ? Number(value) : 0));

export const conversationIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a conversation id');
