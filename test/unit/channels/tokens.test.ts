import { describe, expect, it } from 'vitest';
import { TokenService } from '../../../src/channels/tokens.js';

describe('customer tokens', () => {
  let now = Date.parse('2026-01-01T00:00:00Z');
  const tokens = new TokenService('a-secret-that-is-long-enough', 3600, () => now);

  it('bind one conversation and one user until they expire', () => {
    const { token, expires_in } = tokens.issue('conv1', 'user1');
    expect(expires_in).toBe(3600);
    expect(tokens.verify(token)).toMatchObject({ conversationId: 'conv1', userId: 'user1' });
    now += 3601_000;
    expect(() => tokens.verify(token)).toThrow(/expired/);
  });

  it('reject a token signed with another secret, or altered', () => {
    const other = new TokenService('another-secret-that-is-long', 3600, () => now);
    const { token } = other.issue('conv1', 'user1');
    expect(() => tokens.verify(token)).toThrow(/not valid/);

    const mine = tokens.issue('conv1', 'user1').token;
    const [body, signature] = mine.split('.');
    const forgedBody = Buffer.from(JSON.stringify({ c: 'conv2', u: 'user1', e: 9e9 })).toString('base64url');
    expect(() => tokens.verify(`${forgedBody}.${signature}`)).toThrow(/not valid/);
    expect(() => tokens.verify(`${body}.`)).toThrow();
  });

  it('answer 401 for missing or malformed tokens', () => {
    for (const bad of [undefined, '', 'abc', 'a.b.c', 'x'.repeat(5000)]) {
      let status = 0;
      try {
        tokens.verify(bad);
      } catch (error) {
        status = (error as { status: number }).status;
      }
      expect(status).toBe(401);
    }
  });
});
