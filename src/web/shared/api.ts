/**
 * Calls to Parley's `/api` from the console and the admin pages: JSON in and out, the session
 * cookie sent by the browser. A refused call throws an `ApiError` with the server's code (and,
 * for a rejected body, the fields at fault); `errorText` words it in the page's language.
 */
import type { JsonErrorPosition } from '../../json-position.js';

/** A field the server rejected (see src/field-errors.ts): its path in the body, what is wrong, and the limit broken. */
export interface FieldProblem {
  path: string;
  message: string;
  code?: string;
  limit?: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldProblem[] = [],
    /** For a body that is not JSON (`malformed_json`): where it breaks. */
    readonly position?: JsonErrorPosition,
  ) {
    super(message);
  }
}

/** A body sent as the text it is (a file the admin chose), so the server can say where it is not JSON. */
export class JsonText {
  constructor(readonly text: string) {}
}

/** Sign-ins on this page so far. */
let signIns = 0;

/**
 * A call to `/api` that answered 2xx, for callers that read the body themselves (a download);
 * otherwise an `ApiError` with the server's code, after `onUnauthorized` for a lost session.
 */
export async function apiFetch(method: string, path: string, body?: unknown, onUnauthorized?: () => void, headers: Record<string, string> = {}): Promise<Response> {
  const sentAfter = signIns;
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: body instanceof JsonText ? body.text : JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, 'network', 'Parley cannot be reached');
  }
  if (response.ok) {
    if (path === '/auth/login') signIns += 1;
    return response;
  }
  const data = parseJson(await response.text());
  // A call sent before the latest sign-in says nothing of the new session: its 401 had put the
  // sign-in form back over the page of an admin who had just signed in.
  if (response.status === 401 && path !== '/auth/login' && sentAfter === signIns) onUnauthorized?.();
  throw new ApiError(response.status, data?.error?.code ?? 'error', data?.error?.message ?? response.statusText, data?.error?.fields ?? [], data?.error?.position);
}

function parseJson(text: string): any {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** `headers`: extra request headers, e.g. `If-Match` with the revision an editor loaded. */
export async function apiRequest<T = any>(method: string, path: string, body?: unknown, onUnauthorized?: () => void, headers?: Record<string, string>): Promise<T> {
  const response = await apiFetch(method, path, body, onUnauthorized, headers);
  return parseJson(await response.text()) as T;
}

/** What the server's error codes mean to an agent or admin, in both languages. */
const errorTexts: Record<string, { en: string; zh: string }> = {
  network: { en: 'Parley cannot be reached. Check the connection and try again.', zh: '无法连接 Parley，请检查网络后重试。' },
  invalid_credentials: { en: 'Wrong e-mail or password.', zh: '邮箱或密码不正确。' },
  account_disabled: { en: 'This account is disabled. Ask an admin to enable it again.', zh: '该账号已停用，请联系管理员重新启用。' },
  too_many_requests: { en: 'Too many attempts. Please wait a minute and try again.', zh: '尝试次数过多，请等一分钟后再试。' },
  unauthorized: { en: 'Please sign in again.', zh: '请重新登录。' },
  forbidden: { en: 'You are not allowed to do that.', zh: '您没有权限执行此操作。' },
  not_found: { en: 'Not found; it may have been removed.', zh: '未找到，可能已被删除。' },
  already_claimed: { en: 'Another agent has already taken this chat.', zh: '该对话已被其他客服接入。' },
  not_claimed: { en: 'Claim the conversation before replying.', zh: '请先接入对话再回复。' },
  not_handed_off: { en: 'The bot already has this conversation.', zh: '该对话已由机器人接待。' },
  not_active: { en: 'Only a chat an agent has can be passed on.', zh: '只有客服正在接待的对话才能转交。' },
  already_holder: { en: 'That colleague has this chat already.', zh: '该同事已经在接待这个对话。' },
  colleague_offline: { en: 'That colleague is not online any more. Pick someone else, or pass the chat back to the queue.', zh: '该同事已不在线，请选择其他同事，或把对话放回排队。' },
  colleague_disabled: { en: "That colleague's account is disabled.", zh: '该同事的账号已停用。' },
  no_such_colleague: { en: 'There is no such colleague.', zh: '没有这位同事。' },
  conversation_closed: { en: 'This conversation is closed.', zh: '该对话已结束。' },
  invalid_transition: { en: 'This ticket cannot move to that status from where it is.', zh: '该工单当前不能改为这个状态。' },
  resolution_required: { en: 'Describe the resolution before resolving the ticket.', zh: '请先填写处理结果，再把工单标为已解决。' },
  intent_exists: { en: 'An intent with this name already exists.', zh: '已有同名的意图。' },
  intent_changed: {
    en: 'Someone else changed this intent after you opened it, so your save was not applied. Reload it to see their version (copy your edits first if you want to keep them).',
    zh: '您打开此意图后，其他人修改了它，因此您的保存未生效。请重新加载查看对方的版本（如需保留您的修改，请先复制）。',
  },
  email_taken: { en: 'This e-mail address is already in use.', zh: '该邮箱已被使用。' },
  own_account: { en: 'You cannot disable your own account or remove your own admin role.', zh: '不能停用自己的账号，也不能取消自己的管理员角色。' },
  nothing_to_restore: { en: 'Nothing to restore: this version is the same as the live one.', zh: '无需恢复：该版本与线上版本相同。' },
  draft_changed: {
    en: 'The draft changed after you checked it (another admin saved meanwhile), so nothing was published. Check it again to see what would go live.',
    zh: '您检查之后草稿又有改动（其他管理员刚保存过），因此没有发布。请重新检查，看看将要上线的内容。',
  },
  nothing_to_publish: { en: 'Nothing to publish: the draft is the same as the published version.', zh: '没有需要发布的内容：草稿与已发布版本相同。' },
};

/** What is wrong with a field, by the server's `code`, in both languages (`{limit}` filled in). */
const fieldTexts: Record<string, { en: string; zh: string }> = {
  empty: { en: 'must not be empty', zh: '不能为空' },
  too_long: { en: 'must be at most {limit} characters', zh: '最多 {limit} 个字符' },
  too_short: { en: 'must have at least {limit} characters besides spaces', zh: '除空格外至少需要 {limit} 个字符' },
  too_few: { en: 'needs at least {limit}', zh: '至少需要 {limit} 条' },
  invalid_format: { en: 'is not in the expected format', zh: '格式不正确' },
  invalid_type: { en: 'has the wrong type', zh: '类型不正确' },
  unknown_key: { en: 'is not a field this accepts', zh: '不是可接受的字段' },
};

/** A rejected field's problem in the page's language; the server's English when it is a kind not worded here. */
export function fieldText(field: FieldProblem, language: 'en' | 'zh'): string {
  const text = field.code ? fieldTexts[field.code]?.[language] : undefined;
  return text === undefined ? field.message : text.replace('{limit}', String(field.limit ?? ''));
}

/**
 * An error as the page shows it: a known server code in the page's language; a rejected body as
 * its first field and what is wrong with it ("description: 最多 4000 个字符"); otherwise the
 * server's own message.
 */
export function errorText(error: unknown, language: 'en' | 'zh'): string {
  if (error instanceof ApiError) {
    const known = errorTexts[error.code]?.[language];
    if (known) return known;
    const field = error.fields[0];
    return field ? `${field.path}: ${fieldText(field, language)}` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
