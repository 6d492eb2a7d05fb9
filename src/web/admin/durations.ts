/**
 * Durations on the dashboard, in the unit that reads best: a ticket resolved in 20 minutes
 * shows "20 min", not "0.3 h" (and never "0.0 h"). Units are the same in both languages.
 */
const DASH = '—';

export const seconds = (value: number | null): string => (value === null ? DASH : value < 90 ? `${Math.round(value)} s` : `${(value / 60).toFixed(1)} min`);

export const millis = (value: number | null): string => (value === null ? DASH : `${Math.round(value)} ms`);

/** Hours as the API gives them (two decimals: 36-second steps). */
export function hours(value: number | null): string {
  if (value === null) return DASH;
  if (value < 1) return `${Math.max(1, Math.round(value * 60))} min`;
  return `${value.toFixed(1)} h`;
}
