import { api, ApiError } from '../api.js';
import { field, h, stacked } from '../dom.js';
import { formatTime, t, uiLanguage, type StringKey } from '../i18n.js';
import type { PublicUser } from '../types.js';
import { errorText, fieldText } from '../../shared/api.js';
import { isLongEnoughPassword } from '../../../users/password-policy.js';

type Role = PublicUser['role'];

/** The fields of a user, named as the page names them. */
const FIELD_NAMES: Record<string, StringKey> = { email: 'email', name: 'displayName', password: 'password', role: 'role' };

/**
 * A refused user change in the admin's language, the field named as on the page ("Password must have
 * at least 10 characters besides spaces.", 「密码除空格外至少需要 10 个字符。」), where the server's
 * English path and message showed, on the Chinese page too.
 */
function problemText(error: unknown): string {
  const problem = error instanceof ApiError ? error.fields[0] : undefined;
  const name = problem && FIELD_NAMES[problem.path];
  if (!problem || !name) return errorText(error, uiLanguage());
  return t('userFieldProblem', { field: t(name), problem: fieldText(problem, uiLanguage()) });
}

const roleSelect = (selected: Role, label?: string) =>
  h(
    'select',
    label ? { attrs: { 'aria-label': label } } : {},
    ...(['agent', 'admin'] as const).map((role) => h('option', { text: t(role), attrs: { value: role, ...(role === selected ? { selected: '' } : {}) } })),
  );

/**
 * The name customers read when this person takes their chat ("Carol joined the chat"), and the
 * role, edited in place: Save is live only while one of them differs from what is stored.
 */
function nameAndRoleEditor(user: PublicUser, self: boolean, root: HTMLElement, status: HTMLElement) {
  const name = h('input', { class: 'user-name', attrs: { type: 'text', required: '', maxlength: '100', 'aria-label': t('nameOf', { email: user.email }) } });
  name.value = user.name;
  const role = roleSelect(user.role, t('roleOf', { email: user.email }));
  // You cannot take away your own admin role (the server refuses too).
  role.disabled = self;
  const save = h('button', { class: 'secondary', text: t('saveUser'), attrs: { type: 'button' } });
  const changes = () => ({ ...(name.value.trim() !== user.name ? { name: name.value } : {}), ...(role.value !== user.role ? { role: role.value } : {}) });
  const refresh = () => (save.disabled = Object.keys(changes()).length === 0);
  name.addEventListener('input', refresh);
  role.addEventListener('change', refresh);
  refresh();
  save.addEventListener('click', async () => {
    try {
      await api('PATCH', `/users/${encodeURIComponent(user.id)}`, changes());
      await renderUsers(root, t('userSaved', { email: user.email }));
    } catch (error) {
      status.className = 'error';
      status.textContent = problemText(error);
    }
  });
  return { name, role, save };
}

/**
 * What cannot be taken back acts on the second click, the first saying what it will do, as
 * Delete an intent and Restore a version do: disabling signs the person out at once (their chats
 * go back to the queue), a reset throws their password away. `needsAsking` false: acts at once
 * (a password the server will refuse anyway). Disarmed once it has acted, or failed to.
 */
function onSecondClick(button: HTMLButtonElement, label: string, armedLabel: string, act: () => Promise<void>, needsAsking = () => true): void {
  const disarm = () => {
    delete button.dataset.armed;
    button.textContent = label;
    button.classList.remove('danger');
  };
  button.addEventListener('click', async () => {
    if (button.dataset.armed !== 'yes' && needsAsking()) {
      button.dataset.armed = 'yes';
      button.textContent = armedLabel;
      button.classList.add('danger');
      return;
    }
    // One action, however often it is clicked while it runs.
    button.disabled = true;
    try {
      await act();
    } finally {
      button.disabled = false;
      disarm();
    }
  });
}

function userRow(user: PublicUser, root: HTMLElement): HTMLElement {
  const toggle = h('button', { class: 'secondary', text: user.disabled ? t('enable') : t('disable'), attrs: { type: 'button' } });
  const status = h('span', { attrs: { role: 'status' } });
  const failed = (text: string) => {
    status.className = 'error';
    status.textContent = text;
  };
  onSecondClick(
    toggle,
    toggle.textContent!,
    t('confirmDisable'),
    async () => {
      try {
        await api('PATCH', `/users/${encodeURIComponent(user.id)}`, { disabled: !user.disabled });
        await renderUsers(root);
      } catch (error) {
        failed(errorText(error, uiLanguage()));
      }
    },
    // Enabling takes nothing away.
    () => !user.disabled,
  );
  const password = h('input', { attrs: { type: 'password', placeholder: t('newPassword'), 'aria-label': t('newPassword'), autocomplete: 'new-password' } });
  const reset = h('button', { class: 'link', text: t('resetPassword'), attrs: { type: 'button' } });
  onSecondClick(
    reset,
    t('resetPassword'),
    t('confirmResetPassword'),
    async () => {
      try {
        await api('POST', `/users/${encodeURIComponent(user.id)}/password`, { password: password.value });
        password.value = '';
        status.className = 'ok';
        status.textContent = t('passwordReset');
      } catch (error) {
        failed(problemText(error));
      }
    },
    // A password the server refuses is said at once, not after a confirmation.
    () => isLongEnoughPassword(password.value),
  );
  // Your own account cannot be disabled (the server refuses too): no button to tempt you.
  const self = document.querySelector('#me')?.textContent === user.email;
  if (self) toggle.hidden = true;
  const editor = nameAndRoleEditor(user, self, root, status);
  return h(
    'tr',
    { class: user.disabled ? 'disabled' : '', attrs: { 'data-email': user.email } },
    h('td', {}, user.email, self ? h('span', { class: 'badge', text: t('you') }) : null),
    h('td', {}, editor.name),
    h('td', {}, editor.role),
    h('td', { text: user.disabled ? t('disabled') : t('active') }),
    h('td', { text: formatTime(user.createdAt) }),
    h('td', { class: 'actions' }, editor.save, toggle, password, reset, status),
  );
}

/** The form for a new user; `created`: the user just made, said under its button. */
function createForm(root: HTMLElement, created?: string): HTMLElement {
  const email = h('input', { attrs: { type: 'email', required: '' } });
  // Required here: without it customers would read the e-mail's local part ("carol.smith joined the chat").
  const name = h('input', { attrs: { type: 'text', required: '', maxlength: '100' } });
  const password = h('input', { attrs: { type: 'password', autocomplete: 'new-password', required: '' } });
  const role = roleSelect('agent');
  const status = h('p', { class: created ? 'ok' : '', attrs: { role: 'status' }, text: created });
  const form = h(
    'form',
    { class: 'card create-user' },
    h('h3', { text: t('createUser') }),
    h('div', { class: 'row' }, field(t('displayName'), name, 'new-name', t('displayNameHint')), field(t('email'), email, 'new-email'), field(t('newPassword'), password, 'new-password'), field(t('role'), role, 'new-role')),
    h('button', { class: 'primary', text: t('createUser'), attrs: { type: 'submit' } }),
    status,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api('POST', '/users', { email: email.value, name: name.value, password: password.value, role: role.value });
      await renderUsers(root, t('userCreated'), 'create');
    } catch (error) {
      status.className = 'error';
      status.textContent = problemText(error);
    }
  });
  return form;
}

/**
 * Agents and admins: create, rename, change a role, disable or enable, reset a password. `message`
 * goes at the top, or under Create user (`create`): at the top it was a screen away on a phone, and
 * stayed there beside the error of the next user refused.
 */
export async function renderUsers(root: HTMLElement, message?: string, where: 'top' | 'create' = 'top'): Promise<void> {
  const { users } = await api<{ users: PublicUser[] }>('GET', '/users');
  root.replaceChildren(
    h(
      'section',
      { class: 'users-page' },
      h('h2', { text: t('navUsers') }),
      message && where === 'top' ? h('p', { class: 'ok', attrs: { role: 'status' }, text: message }) : null,
      stacked(h('table', { class: 'table' }, h('thead', {}, h('tr', {}, ...(['email', 'displayName', 'role', 'status', 'created'] as const).map((key) => h('th', { text: t(key) })), h('th', {}, h('span', { class: 'sr-only', text: t('actionsColumn') })))), h('tbody', {}, ...users.map((user) => userRow(user, root))))),
      createForm(root, where === 'create' ? message : undefined),
    ),
  );
  // The new user's row pushed the form down: keep it, and what it says, in sight.
  if (where === 'create') root.querySelector('.create-user')?.scrollIntoView({ block: 'nearest' });
}
