import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * What the host site may pass when it asks for a token: its own user id with
 * `hash = hex(HMAC-SHA256(identitySecret, id))`, computed on its server. `vip: true` counts
 * only with `vipHash = hex(HMAC-SHA256(identitySecret, "vip:" + id))`, since everything
 * else in this object passes through the customer's browser and could be edited there.
 */
export const hostIdentitySchema = z
  .object({
    user: z
      .object({
        id: z.string().min(1).max(200).optional(),
        hash: z.string().max(200).optional(),
        email: z.email().max(200).optional(),
        name: z.string().trim().min(1).max(200).optional(),
        vip: z.boolean().optional(),
        vipHash: z.string().max(200).optional(),
      })
      .optional(),
  })
  .optional()
  .default({});

export type HostIdentityClaim = NonNullable<z.infer<typeof hostIdentitySchema>['user']>;

/** A host-site identity whose signature checked out. */
export interface VerifiedIdentity {
  externalId: string;
  email?: string;
  name?: string;
  vip: boolean;
}

/** `hex(HMAC-SHA256(secret, value))`: what the host site computes on its server. */
export function identityHash(secret: string, value: string): string {
  return createHmac('sha256', secret).update(value, 'utf8').digest('hex');
}

function hashMatches(secret: string, value: string, given: string | undefined): boolean {
  if (!given || !/^[0-9a-f]{64}$/i.test(given)) return false;
  const expected = Buffer.from(identityHash(secret, value), 'hex');
  return timingSafeEqual(expected, Buffer.from(given.toLowerCase(), 'hex'));
}

/**
 * The verified identity in a claim, or `undefined`: without an identity secret, without a
 * hash, or with a wrong one, the claimed id is ignored altogether.
 */
export function verifyHostIdentity(secret: string | undefined, claim: HostIdentityClaim | undefined): VerifiedIdentity | undefined {
  if (!secret || !claim?.id || !hashMatches(secret, claim.id, claim.hash)) return undefined;
  return {
    externalId: claim.id,
    ...(claim.email ? { email: claim.email } : {}),
    ...(claim.name ? { name: claim.name } : {}),
    vip: claim.vip === true && hashMatches(secret, `vip:${claim.id}`, claim.vipHash),
  };
}

/** Customer ids derived from a verified identity start with this; anonymous ones never do. */
const VERIFIED_PREFIX = 'cu_';

/**
 * The customer id of a verified host-site user: the same on every device, and keyed by a
 * server secret so that the id reveals nothing about the host site's user id.
 */
export function customerIdOf(idSecret: string, externalId: string): string {
  return `${VERIFIED_PREFIX}${createHmac('sha256', idSecret).update(`customer:${externalId}`).digest('base64url').slice(0, 22)}`;
}

/** What a new conversation knows about who is starting it. */
export interface VisitorClaim {
  /** The customer of the visitor's earlier conversation on this browser (a recent token). */
  previousCustomerId?: string;
  user?: HostIdentityClaim;
}

export interface IdentityResolverDeps {
  /** The admin's identity-verification secret; without it no host-site identity is trusted. */
  identitySecret?: string;
  /** The server's own secret, to derive customer ids. */
  idSecret: string;
  /** Told about a verified identity (host-site attributes such as e-mail and VIP). */
  onVerified?: (customerId: string, identity: VerifiedIdentity) => Promise<void>;
}

/**
 * One customer id across visits: a verified host-site identity wins (it merges devices);
 * otherwise a returning browser keeps its earlier anonymous customer; otherwise a new one.
 *
 * Two things are deliberately not done, because a browser may be shared: an anonymous visit
 * never continues a verified customer (the next person on the computer is not the signed-out
 * user), and signing in does not pull the browser's earlier anonymous chats into the account.
 */
export class IdentityResolver {
  constructor(private readonly deps: IdentityResolverDeps) {}

  async resolve(claim: VisitorClaim): Promise<string | undefined> {
    const verified = verifyHostIdentity(this.deps.identitySecret, claim.user);
    if (!verified) return claim.previousCustomerId?.startsWith(VERIFIED_PREFIX) ? undefined : claim.previousCustomerId;
    const customerId = customerIdOf(this.deps.idSecret, verified.externalId);
    await this.deps.onVerified?.(customerId, verified);
    return customerId;
  }
}
