import path from 'node:path';
import { z } from 'zod';
import { parseTrustProxy, type TrustProxy } from './trust-proxy.js';
import { DEFAULT_SLA_HOURS, parseSlaTable, type SlaTable } from './tickets/sla.js';
import { isLongEnoughPassword, PASSWORD_RULE } from './users/password-policy.js';

const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .optional()
  .transform((value) => value === '1' || value === 'true');

/** A whole number in decimal digits (not `0x10`, `1e3` or `4.5`) from `min` to `max`; the message names the range and what was given. */
const integer = (min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined) return fallback;
      const trimmed = value.trim();
      const number = Number(trimmed);
      if (!/^\d+$/.test(trimmed) || number < min || number > max) {
        context.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}, not "${value}"` });
        return z.NEVER;
      }
      return number;
    });

const envSchema = z.object({
  PORT: integer(0, 65535, 3978),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  KNOWLEDGE_DIR: z.string().min(1).default('./knowledge'),
  PARLEY_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  PARLEY_ADMIN_EMAIL: z.string().trim().pipe(z.email()).optional(),
  PARLEY_ADMIN_PASSWORD: z.string().refine(isLongEnoughPassword, PASSWORD_RULE).optional(),
  PARLEY_TRACE: flag,
  PARLEY_FSYNC: flag,
  PARLEY_TOKEN_TTL_SECONDS: integer(60, 86_400 * 30, 3600),
  PARLEY_LOGIN_ATTEMPTS_PER_MINUTE: integer(1, 10_000, 10),
  PARLEY_DIRECTLINE_STARTS_PER_MINUTE: integer(1, 1_000_000, 60),
  PARLEY_MESSAGES_PER_MINUTE: integer(1, 1_000_000, 60),
  PARLEY_MODEL_DIR: z.string().min(1).optional(),
  PARLEY_IDENTITY_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  PARLEY_RETURNING_VISITOR_DAYS: integer(0, 365, 30),
  PARLEY_HANDOFF_TIMEOUT_SECONDS: integer(5, 86_400, 180),
  PARLEY_RETENTION_DAYS: integer(0, 36_500, 0),
  PARLEY_EVENTS_HEARTBEAT_SECONDS: integer(1, 300, 15),
  PARLEY_SLA_HOURS: z
    .string()
    .optional()
    .transform((value, context) => {
      try {
        return value ? parseSlaTable(value) : DEFAULT_SLA_HOURS;
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  PARLEY_TRUST_PROXY: z
    .string()
    .optional()
    .transform((value, context) => {
      try {
        return parseTrustProxy(value);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Every setting's name, for `npm start -- --help`. */
export const SETTING_NAMES = Object.keys(envSchema.shape);

/**
 * `PARLEY_…` variables that are no setting, each with the setting it most likely meant: a typo
 * (`PARLEY_TRUST_PROXIES=1`) would otherwise leave the real setting off without a word.
 * Variables of other programs are not Parley's business, so only the `PARLEY_` prefix is checked.
 */
export function unknownSettings(env: NodeJS.ProcessEnv = process.env): { name: string; meant?: string }[] {
  return Object.keys(env)
    .filter((name) => name.startsWith('PARLEY_') && !SETTING_NAMES.includes(name))
    .sort()
    .map((name) => {
      const [meant] = SETTING_NAMES.map((known) => ({ known, distance: editDistance(name, known) }))
        // A few letters off, or cut short (PARLEY_ADMIN_PASS).
        .filter(({ known, distance }) => distance <= 3 || (name.length >= 12 && known.startsWith(name)))
        .sort((a, b) => a.distance - b.distance);
      return meant ? { name, meant: meant.known } : { name };
    });
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  knowledgeDir: string;
  /** Where trained models are cached, keyed by the knowledge they were trained on. */
  modelDir: string;
  secret?: string;
  admin?: { email?: string; password?: string };
  trace: boolean;
  fsync: boolean;
  tokenTtlSeconds: number;
  loginAttemptsPerMinute: number;
  /** New customer tokens and token-less conversations per client address and minute (Direct Line). */
  directLineStartsPerMinute: number;
  /** Messages a conversation may post a minute (typing indicators not counted). */
  messagesPerMinute: number;
  logLevel: string;
  /** Host-site identity verification: the site signs its user ids with it (HMAC-SHA256). */
  identitySecret?: string;
  /** How long after its token expired a returning browser is still recognised as the same customer. */
  returningVisitorDays: number;
  /** How long a chat waits for an agent before the customer is offered to leave a message (and a ticket is filed). */
  handoffTimeoutSeconds: number;
  /** How often the agents' live feed sends a heartbeat and checks the session is still signed in. */
  eventsHeartbeatSeconds: number;
  /** Hours to resolve a ticket, per priority (`PARLEY_SLA_HOURS=urgent=4,high=24,normal=72,low=168`). */
  slaHours: SlaTable;
  /** Transcripts and dialog state of conversations quiet this many days are removed; `0`: kept. */
  retentionDays: number;
  /** Reverse proxies whose X-Forwarded-For/-Proto/-Host are believed (express's `trust proxy`); `false`: none. */
  trustProxy: TrustProxy;
}

/** A setting that failed validation, or that the server could not use at start (src/startup-errors.ts); the message names the variable. */
export class ConfigError extends Error {}

/** Parse the environment once into a typed Config, or fail naming the bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // `PORT=` (an env file or unit that lists a setting without a value) means the default, as if unset.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(given);
  if (!parsed.success) {
    // One line per bad setting, naming it (values of secrets are never echoed: the messages quote only numbers).
    const lines = parsed.error.issues.map((issue) => `Invalid setting ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(lines.join('\n'));
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    knowledgeDir: path.resolve(e.KNOWLEDGE_DIR),
    modelDir: path.resolve(e.PARLEY_MODEL_DIR ?? path.join(e.DATA_DIR, 'models')),
    secret: e.PARLEY_SECRET,
    admin: { email: e.PARLEY_ADMIN_EMAIL, password: e.PARLEY_ADMIN_PASSWORD },
    trace: e.PARLEY_TRACE,
    fsync: e.PARLEY_FSYNC,
    tokenTtlSeconds: e.PARLEY_TOKEN_TTL_SECONDS,
    loginAttemptsPerMinute: e.PARLEY_LOGIN_ATTEMPTS_PER_MINUTE,
    directLineStartsPerMinute: e.PARLEY_DIRECTLINE_STARTS_PER_MINUTE,
    messagesPerMinute: e.PARLEY_MESSAGES_PER_MINUTE,
    logLevel: e.LOG_LEVEL,
    ...(e.PARLEY_IDENTITY_SECRET ? { identitySecret: e.PARLEY_IDENTITY_SECRET } : {}),
    returningVisitorDays: e.PARLEY_RETURNING_VISITOR_DAYS,
    handoffTimeoutSeconds: e.PARLEY_HANDOFF_TIMEOUT_SECONDS,
    eventsHeartbeatSeconds: e.PARLEY_EVENTS_HEARTBEAT_SECONDS,
    slaHours: e.PARLEY_SLA_HOURS,
    trustProxy: e.PARLEY_TRUST_PROXY,
    retentionDays: e.PARLEY_RETENTION_DAYS,
  };
}
