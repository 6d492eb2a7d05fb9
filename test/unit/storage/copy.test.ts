import { describe, expect, it } from 'vitest';
import { copyOf } from '../../../src/storage/lowdb/copy.js';

describe('copies of stored documents', () => {
  it('equal what structuredClone gives, and share nothing with the original', () => {
    const record = { id: 'c1', status: 'bot', handoff: { requestedAt: '2026-11-30T12:00:00.000Z', rating: { score: 4 } }, tags: ['vip', { nested: [1, null, 'x'] }], missing: undefined, at: new Date(0) };
    const copy = copyOf(record);
    expect(copy).toStrictEqual(structuredClone(record));
    copy.handoff.rating.score = 1;
    (copy.tags[1] as { nested: unknown[] }).nested.push('y');
    expect(record.handoff.rating.score).toBe(4);
    expect(record.tags[1]).toEqual({ nested: [1, null, 'x'] });
    expect(copy.at).not.toBe(record.at);
  });

  it('keep a "__proto__" key from hostile input as data, never as a prototype', () => {
    const hostile = JSON.parse('{"id":"x","__proto__":{"polluted":true},"value":{"constructor":{"prototype":{"polluted":true}}}}') as Record<string, unknown>;
    const copy = copyOf(hostile);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['id', '__proto__', 'value']);
    expect((copy as { polluted?: boolean }).polluted).toBeUndefined();
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect(JSON.stringify(copy)).toBe(JSON.stringify(hostile));
  });
});
