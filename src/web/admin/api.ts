/** The admin pages' calls to `/api` (see ../shared/api.ts); a lost session shows the sign-in form. */
import { apiFetch, apiRequest } from '../shared/api.js';

export { ApiError } from '../shared/api.js';

let onSignedOut: () => void = () => {};
export const whenSignedOut = (handler: () => void) => (onSignedOut = handler);

export const api = <T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> =>
  apiRequest<T>(method, path, body, () => onSignedOut(), headers);

/** Save what `path` answers as a file; a refusal throws (an expired session's JSON is not a file to save). */
export async function download(path: string, fileName: string): Promise<void> {
  const response = await apiFetch('GET', path, undefined, () => onSignedOut());
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
