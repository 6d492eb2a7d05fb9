import { z } from 'zod';
import { conflict } from '../../errors.js';
import type { EventBus } from '../../events/index.js';
import { isLongEnoughPassword, MIN_PASSWORD_CHARS, PASSWORD_RULE, type SessionService, type UserService } from '../../users/index.js';
import { requireUser } from '../auth.js';
import { parse } from '../validate.js';
import type { ApiRouter } from './route-table.js';

/** An address as typed or pasted: surrounding spaces are trimmed, not a reason to refuse it. */
export const emailSchema = z
  .string({ error: 'email must be an e-mail address' })
  .trim()
  .pipe(z.email({ error: 'email must be an e-mail address' }).max(200));

const newUserSchema = z.object({
  email: emailSchema,
  password: z
    .string({ error: 'password is required' })
    .max(200)
    .refine(isLongEnoughPassword, { message: `password ${PASSWORD_RULE}`, params: { code: 'too_short', limit: MIN_PASSWORD_CHARS } }),
  role: z.enum(['agent', 'admin'], { error: 'role must be "agent" or "admin"' }),
  name: z.string().trim().min(1).max(100).optional(),
});

const userIdSchema = z.string().min(1).max(100);
const changeSchema = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    role: z.enum(['agent', 'admin'], { error: 'role must be "agent" or "admin"' }).optional(),
    disabled: z.boolean({ error: 'disabled must be true or false' }).optional(),
  })
  .strict();
const passwordSchema = z.object({ password: newUserSchema.shape.password });

/**
 * Admins manage agent and admin accounts. Disabling an account or resetting its password signs
 * it out everywhere at once (its consoles go to the sign-in page; chats it held go back to the
 * queue), but for the admin's own session when they reset their own password.
 */
export function addUserRoutes(api: ApiRouter, users: UserService, sessions: SessionService, events: EventBus): void {
  const signOutEverywhere = async (userId: string, res: Parameters<typeof requireUser>[0]) => {
    const exceptSessionId = userId === requireUser(res).id ? (res.locals.sessionId as string | undefined) : undefined;
    await sessions.endAllOf(userId, exceptSessionId);
    events.publish('user.sessions-ended', { userId, ...(exceptSessionId ? { exceptSessionId } : {}) });
  };

  api.add('get', '/users', 'admin', async (_req, res) => {
    res.json({ users: await users.list() });
  });

  api.add('post', '/users', 'admin', async (req, res) => {
    const input = parse(newUserSchema, req.body, 'body');
    res.status(201).json({ user: await users.create(input) });
  });

  api.add('patch', '/users/:id', 'admin', async (req, res) => {
    const id = parse(userIdSchema, req.params.id, 'id');
    const change = parse(changeSchema, req.body, 'body');
    // An admin cannot lock themselves out (and with them, perhaps, everyone).
    if (id === requireUser(res).id && (change.disabled === true || change.role === 'agent')) {
      throw conflict('own_account', 'you cannot disable your own account or remove your own admin role');
    }
    const user = await users.update(id, change);
    if (change.disabled === true) await signOutEverywhere(id, res);
    res.json({ user });
  });

  api.add('post', '/users/:id/password', 'admin', async (req, res) => {
    const id = parse(userIdSchema, req.params.id, 'id');
    const { password } = parse(passwordSchema, req.body, 'body');
    const user = await users.resetPassword(id, password);
    await signOutEverywhere(id, res);
    res.json({ user });
  });
}
