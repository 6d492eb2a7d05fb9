import { describe, expect, it } from 'vitest';
import { hours, millis, seconds } from '../../../src/web/admin/durations.js';

describe('durations on the admin dashboard', () => {
  it('shows a ticket resolved within the hour in minutes, not as "0.0 h"', () => {
    expect(hours(0.03)).toBe('2 min');
    expect(hours(0.5)).toBe('30 min');
    expect(hours(0.001)).toBe('1 min');
    expect(hours(1)).toBe('1.0 h');
    expect(hours(26.25)).toBe('26.3 h');
    expect(hours(null)).toBe('—');
  });

  it('shows response times in seconds, minutes past 90 s, and the bot in milliseconds', () => {
    expect(seconds(6.5)).toBe('7 s');
    expect(seconds(150)).toBe('2.5 min');
    expect(millis(23.5)).toBe('24 ms');
    expect(seconds(null)).toBe('—');
  });
});
