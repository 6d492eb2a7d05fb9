import { api } from '../api.js';
import { field, h } from '../dom.js';
import { formatTime, t, uiLanguage } from '../i18n.js';
import type { PublicUser } from '../types.js';
import { errorText } from '../../shared/api.js';

function userRow(user: PublicUser, root: HTMLElement): HTMLElement {
  const toggle = h('button', { class: 'secondary', text: user.disabled ? t('enable') : t('disable'), attrs: { type: 'button' } });
  const status = h('span', { attrs: { role: 'status' } });
  toggle.addEventListener('click', async () => {
    try {
      await api('PATCH', `/users/${encodeURIComponent(user.id)}`, { disabled: !user.disabled });
      await renderUsers(root);
    } catch (error) {
      status.className = 'error';
      status.textContent = errorText(error, uiLanguage());
    }
  });
  const password = h('input', { attrs: { type: 'password', placeholder: t('newPassword'), 'aria-label': t('newPassword'), autocomplete: 'new-password' } });
  const reset = h('button', { class: 'link', text: t('resetPassword'), attrs: { type: 'button' } });
  reset.addEventListener('click', async () => {
    try {
      await api('POST', `/users/${encodeURIComponent(user.id)}/password`, { password: password.value });
      password.value = '';
      status.className = 'ok';
      status.textContent = t('passwordReset');
    } catch (error) {
      status.className = 'error';
      status.textContent = errorText(error, uiLanguage());
    }
  });
  // Your own account cannot be disabled (the server refuses too): no button to tempt you.
  const self = document.querySelector('#me')?.textContent === user.email;
  if (self) toggle.hidden = true;
  return h(
    'tr',
    { class: user.disabled ? 'disabled' : '' },
    h('td', {}, user.email, self ? h('span', { class: 'badge', text: t('you') }) : null),
    h('td', { text: user.name }),
    h('td', { text: t(user.role) }),
    h('td', { text: user.disabled ? t('disabled') : t('active') }),
    h('td', { text: formatTime(user.createdAt) }),
    h('td', { class: 'actions' }, toggle, password, reset, status),
  );
}

function createForm(root: HTMLElement): HTMLElement {
  const email = h('input', { attrs: { type: 'email', required: '' } });
  const password = h('input', { attrs: { type: 'password', autocomplete: 'new-password', required: '' } });
  const role = h('select', {}, h('option', { text: t('agent'), attrs: { value: 'agent' } }), h('option', { text: t('admin'), attrs: { value: 'admin' } }));
  const status = h('p', { attrs: { role: 'status' } });
  const form = h('form', { class: 'card create-user' }, h('h3', { text: t('createUser') }), h('div', { class: 'row' }, field(t('email'), email, 'new-email'), field(t('newPassword'), password, 'new-password'), field(t('role'), role, 'new-role')), h('button', { class: 'primary', text: t('createUser'), attrs: { type: 'submit' } }), status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api('POST', '/users', { email: email.value, password: password.value, role: role.value });
      await renderUsers(root, t('userCreated'));
    } catch (error) {
      status.className = 'error';
      status.textContent = errorText(error, uiLanguage());
    }
  });
  return form;
}

/** Agents and admins: create, disable or enable, reset a password. */
export async function renderUsers(root: HTMLElement, message?: string): Promise<void> {
  const { users } = await api<{ users: PublicUser[] }>('GET', '/users');
  root.replaceChildren(
    h(
      'section',
      { class: 'users-page' },
      h('h2', { text: t('navUsers') }),
      message ? h('p', { class: 'ok', attrs: { role: 'status' }, text: message }) : null,
      h('table', { class: 'table' }, h('thead', {}, h('tr', {}, ...(['email', 'name', 'role', 'status', 'created'] as const).map((key) => h('th', { text: t(key) })), h('th'))), h('tbody', {}, ...users.map((user) => userRow(user, root)))),
      createForm(root),
    ),
  );
}
