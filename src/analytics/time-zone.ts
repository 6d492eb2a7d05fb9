/**
 * Calendar days in a time zone (an IANA name such as `Asia/Shanghai`). The dashboard counts a
 * chat on the admin's day, not UTC's: in Shanghai a chat at 04:41 on 1 December is a
 * 1 December chat, although it is still 30 November in UTC. Days are `YYYY-MM-DD` strings.
 */

const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether Node's time-zone data knows this name (`Asia/Shanghai`, `UTC`; not `Mars/Olympus` or `+08:00`). */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(name)) return false;
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in `timeZone` at `at`, as if it were UTC: the difference to `at` is the zone's offset. */
function wallClock(at: number, timeZone: string): number {
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(new Date(at)).map((part) => [part.type, part.value]));
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second)) + (at % 1000 + 1000) % 1000;
}

/** The day in `timeZone` of an ISO time or epoch milliseconds. */
export function dayIn(at: string | number, timeZone: string): string {
  return new Date(wallClock(typeof at === 'number' ? at : Date.parse(at), timeZone)).toISOString().slice(0, 10);
}

/** `day` moved by `days` calendar days. */
export const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/**
 * The instant `day` starts in `timeZone`, as an ISO time. The offset is taken at the guess and
 * once more at the result, so a day that starts or ends a daylight-saving change comes out right.
 */
export function startOfDay(day: string, timeZone: string): string {
  const midnight = Date.parse(`${day}T00:00:00Z`);
  let at = midnight - (wallClock(midnight, timeZone) - midnight);
  at = midnight - (wallClock(at, timeZone) - at);
  return new Date(at).toISOString();
}

/** The last millisecond of `day` in `timeZone` (23 or 25 hours after its start on a change of clocks). */
export const endOfDay = (day: string, timeZone: string) => new Date(Date.parse(startOfDay(addDays(day, 1), timeZone)) - 1).toISOString();

/** Every day in `timeZone` from the one holding `from` to the one holding `to` (inclusive), so a chart has no gaps. */
export function daysIn(from: string, to: string, timeZone: string, limit = 400): string[] {
  const last = dayIn(to, timeZone);
  const days: string[] = [];
  for (let day = dayIn(from, timeZone); day <= last && days.length < limit; day = addDays(day, 1)) days.push(day);
  return days;
}
