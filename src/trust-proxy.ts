import { isIP } from 'node:net';

/**
 * Which reverse proxies may tell Parley the client's address and scheme (`X-Forwarded-For`,
 * `-Proto`, `-Host`): `false` (none; the default), a hop count, or addresses. The value is handed
 * to express's `trust proxy` as is.
 */
export type TrustProxy = false | number | string[];

/** Names express (proxy-addr) knows for address ranges. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * `PARLEY_TRUST_PROXY`: `off`/`false`/`0`/empty → trust none; `1`…`10` → that many proxies in front;
 * otherwise a comma-separated list of `loopback`, `linklocal`, `uniquelocal`, IPs and CIDRs.
 * `true` (trust every hop) is refused: any client could then forge its address.
 */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const value = (raw ?? '').trim().toLowerCase();
  if (value === '' || value === 'off' || value === 'false' || value === '0') return false;
  if (value === 'true' || value === 'on') {
    throw new Error('"true" would trust an X-Forwarded-For any client can write: give the number of proxies in front of Parley (usually 1) or their addresses (loopback, 10.0.0.0/8)');
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 10) throw new Error('a hop count is the number of proxies in front of Parley: 1 to 10');
    return hops;
  }
  const entries = value.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    // "0.0.0.0/0" or "::/0" is every address: the same as "true", under another name.
    if (/\/0+$/.test(entry)) {
      throw new Error(`"${entry}" would trust every address, so any client could forge its X-Forwarded-For: give the proxies' own addresses or ranges (loopback, 10.0.0.0/8)`);
    }
    if (!isTrustedEntry(entry)) {
      throw new Error(`"${entry}" is not a hop count, loopback, linklocal, uniquelocal, an IP address or a CIDR range (10.0.0.0/8)`);
    }
  }
  return entries;
}

function isTrustedEntry(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}
