import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { customerIdOf, identityHash, IdentityResolver, verifyHostIdentity } from '../../../src/customers/index.js';

const SECRET = 'host-site-identity-secret';
/** What the host site computes on its server, written out independently of Parley's code. */
const signed = (value: string, secret = SECRET) => createHmac('sha256', secret).update(value).digest('hex');

describe('host-site identity verification (HMAC-SHA256)', () => {
  it('computes the same hash the host site does', () => {
    expect(identityHash(SECRET, 'user-42')).toBe(signed('user-42'));
  });

  it('trusts an id with the right hash, in either letter case', () => {
    expect(verifyHostIdentity(SECRET, { id: 'user-42', hash: signed('user-42'), email: 'ann@example.com' })).toEqual({
      externalId: 'user-42',
      email: 'ann@example.com',
      vip: false,
    });
    expect(verifyHostIdentity(SECRET, { id: 'user-42', hash: signed('user-42').toUpperCase() })?.externalId).toBe('user-42');
  });

  it.each([
    ['no hash', { id: 'user-42' }],
    ['a wrong hash', { id: 'user-42', hash: signed('user-43') }],
    ['a hash made with another secret', { id: 'user-42', hash: signed('user-42', 'another-secret-entirely') }],
    ['a truncated hash', { id: 'user-42', hash: signed('user-42').slice(0, 40) }],
    ['garbage', { id: 'user-42', hash: 'zz'.repeat(32) }],
  ])('never trusts an id with %s', (_what, claim) => {
    expect(verifyHostIdentity(SECRET, claim)).toBeUndefined();
  });

  it('trusts nothing when the admin set no identity secret', () => {
    expect(verifyHostIdentity(undefined, { id: 'user-42', hash: signed('user-42') })).toBeUndefined();
  });

  it('takes a VIP flag only when the site signed it too', () => {
    const id = 'user-42';
    expect(verifyHostIdentity(SECRET, { id, hash: signed(id), vip: true })?.vip).toBe(false);
    expect(verifyHostIdentity(SECRET, { id, hash: signed(id), vip: true, vipHash: signed(id) })?.vip).toBe(false);
    expect(verifyHostIdentity(SECRET, { id, hash: signed(id), vip: true, vipHash: signed(`vip:${id}`) })?.vip).toBe(true);
  });
});

describe('one customer id across visits', () => {
  const resolver = new IdentityResolver({ identitySecret: SECRET, idSecret: 'server-secret-0123456789' });

  it('a verified user gets the same id on every device, which does not reveal their site id', async () => {
    const phone = await resolver.resolve({ user: { id: 'user-42', hash: signed('user-42') } });
    const laptop = await resolver.resolve({ previousCustomerId: 'dl_laptop', user: { id: 'user-42', hash: signed('user-42') } });
    expect(phone).toBe(laptop);
    expect(phone).toBe(customerIdOf('server-secret-0123456789', 'user-42'));
    expect(phone).not.toContain('user-42');
  });

  it('a returning browser keeps its earlier customer; a forged identity does not change it', async () => {
    expect(await resolver.resolve({ previousCustomerId: 'dl_before' })).toBe('dl_before');
    expect(await resolver.resolve({ previousCustomerId: 'dl_before', user: { id: 'user-42', hash: signed('user-43') } })).toBe('dl_before');
    expect(await resolver.resolve({ user: { id: 'user-42' } })).toBeUndefined();
  });

  it('an anonymous visit on a browser a signed-in user used does not continue that user (shared computers)', async () => {
    const signedIn = await resolver.resolve({ user: { id: 'user-42', hash: signed('user-42') } });
    expect(await resolver.resolve({ previousCustomerId: signedIn })).toBeUndefined();
  });
});
