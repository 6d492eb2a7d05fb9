/** The console's calls to `/api`: JSON in and out, the session cookie sent by the browser. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function api<T = any>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`/api${path}`, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as any) : undefined;
  if (!response.ok) throw new ApiError(response.status, parsed?.error?.code ?? 'error', parsed?.error?.message ?? response.statusText);
  return parsed as T;
}

/** `undefined` instead of an error when a route does not exist (a module not installed). */
export async function optional<T = any>(method: string, path: string, body?: unknown): Promise<T | undefined> {
  try {
    return await api<T>(method, path, body);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}
