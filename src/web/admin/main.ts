/** The admin pages: sign in, then knowledge, versions, unanswered, users and the dashboard. */
import { api, ApiError, whenSignedOut } from './api.js';
import { $, h } from './dom.js';
import { setUiLanguage, t, uiLanguage, type StringKey, type UiLanguage } from './i18n.js';
import { renderDashboard } from './views/dashboard.js';
import { hasUnsavedEdits, mayDiscardEdits, renderIntents, resumeEditing } from './views/intents.js';
import { renderUnanswered } from './views/unanswered.js';
import { resetTryIt } from './views/try-it.js';
import { renderUsers } from './views/users.js';
import { renderVersions } from './views/versions.js';
import { errorText } from '../shared/api.js';

type View = (root: HTMLElement) => Promise<void>;
const views: Record<string, { label: StringKey; render: View }> = {
  intents: { label: 'navIntents', render: renderIntents },
  versions: { label: 'navVersions', render: renderVersions },
  unanswered: { label: 'navUnanswered', render: renderUnanswered },
  users: { label: 'navUsers', render: renderUsers },
  dashboard: { label: 'navDashboard', render: renderDashboard },
};

const currentView = () => (location.hash.slice(1) in views ? location.hash.slice(1) : 'intents');

/** Each navigation's number: a page that finishes loading after the admin moved on is not shown. */
let navigation = 0;

async function show(): Promise<void> {
  const turn = ++navigation;
  const name = currentView();
  const nav = $('#nav');
  // A section picked from the keyboard: the link pressed is redrawn below, which dropped the focus to
  // the top of the page (the next Tab went back to the first link, not into the section).
  const fromNav = nav.contains(document.activeElement);
  nav.replaceChildren(
    ...Object.entries(views).map(([key, view]) =>
      h('a', {
        text: t(view.label),
        class: key === name ? 'active' : '',
        attrs: { href: `#${key}`, ...(key === name ? { 'aria-current': 'page' } : {}) },
        on: { click: (event: MouseEvent) => (key === name || mayDiscardEdits() ? undefined : event.preventDefault()) },
      }),
    ),
  );
  const root = $('#app-view');
  root.replaceChildren(h('p', { class: 'muted', text: t('loading') }));
  // Drawn off-page, and put in place only if it is still the page asked for: the Users page
  // loading slowly drew itself over the Dashboard the admin had clicked meanwhile.
  const page = h('div', { class: 'page' });
  try {
    await views[name]!.render(page);
    if (turn !== navigation) return;
    root.replaceChildren(page);
    // The keyboard goes to the section's heading: the next Tab is in the section, and a screen reader names it.
    const heading = fromNav ? page.querySelector<HTMLElement>('h2') : null;
    heading?.setAttribute('tabindex', '-1');
    heading?.focus({ preventScroll: true });
  } catch (error) {
    if ((error instanceof ApiError && error.status === 401) || turn !== navigation) return;
    root.replaceChildren(h('p', { class: 'error', text: t('error', { message: errorText(error, uiLanguage()) }) }));
  }
}

/** Who signed in last on this page: unsaved edits kept through a session that ended are theirs alone. */
let lastSignedIn: string | undefined;

function signedIn(user: { email: string; role: string }): void {
  const isAdmin = user.role === 'admin';
  // The same admin carries on where the session ended; anyone else (another admin, an agent) gets
  // nothing of the page left behind, unsaved edits included, hidden or not.
  const resuming = isAdmin && user.email === lastSignedIn && resumeEditing();
  if (!resuming) {
    $('#app-view').replaceChildren();
    resetTryIt();
  }
  lastSignedIn = user.email;
  $('#login-view').hidden = true;
  $('#login-error').textContent = '';
  $('#me').textContent = user.email;
  $('#logout').hidden = false;
  // An agent keeps a session (the console needs it): say where to go and how to switch accounts,
  // on this load and every reload, rather than leave the page blank.
  $('#not-admin-view').hidden = isAdmin;
  $('#app-view').hidden = !isAdmin;
  $('#nav').hidden = !isAdmin;
  if (isAdmin && !resuming) void show();
}

function signedOut(): void {
  $('#login-view').hidden = false;
  // The session ended (idle, or signed out elsewhere) under unsaved edits: they stay on the hidden page.
  $('#login-error').textContent = hasUnsavedEdits() ? t('sessionEndedEditsKept') : '';
  $('#not-admin-view').hidden = true;
  $('#app-view').hidden = true;
  $('#nav').hidden = true;
  $('#logout').hidden = true;
  $('#me').textContent = '';
}

async function signOut(): Promise<void> {
  if (!mayDiscardEdits()) return;
  await api('POST', '/auth/logout').catch(() => undefined);
  // Signing out on purpose leaves nothing of this admin's page for whoever signs in next.
  $('#app-view').replaceChildren();
  resetTryIt();
  signedOut();
}

async function start(): Promise<void> {
  setUiLanguage(uiLanguage());
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-lang]')) {
    button.addEventListener('click', () => {
      // The page is redrawn in the other language, which would drop the editor's unsaved edits.
      if (!$('#app-view').hidden && !mayDiscardEdits()) return;
      setUiLanguage(button.dataset.lang as UiLanguage);
      if (!$('#app-view').hidden) void show();
    });
  }
  whenSignedOut(signedOut);
  $('#login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    try {
      const { user } = await api('POST', '/auth/login', { email: form.get('email'), password: form.get('password') });
      $('#login-error').textContent = '';
      signedIn(user);
    } catch (error) {
      $('#login-error').textContent = errorText(error, uiLanguage());
    }
  });
  $('#logout').addEventListener('click', () => void signOut());
  $('#not-admin-logout').addEventListener('click', () => void signOut());
  window.addEventListener('hashchange', () => void show());
  window.addEventListener('beforeunload', (event) => {
    if (hasUnsavedEdits()) event.preventDefault();
  });
  try {
    signedIn((await api('GET', '/auth/me')).user);
  } catch {
    signedOut();
  }
}

void start();
