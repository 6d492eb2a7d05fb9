/** The console's calls to `/api` (see ../shared/api.ts). */
import { ApiError, apiRequest } from '../shared/api.js';

export { ApiError } from '../shared/api.js';

export const api = <T = any>(method: string, path: string, body?: unknown): Promise<T> => apiRequest<T>(method, path, body);

/** `undefined` instead of an error when a route does not exist (a module not installed). */
export async function optional<T = any>(method: string, path: string, body?: unknown): Promise<T | undefined> {
  try {
    return await api<T>(method, path, body);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}
