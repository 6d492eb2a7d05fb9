import { api } from '../api.js';
import { h } from '../dom.js';
import { formatTime, t, uiLanguage } from '../i18n.js';
import { errorText } from '../../shared/api.js';
import type { DraftView, UnansweredGroup } from '../types.js';

type Status = 'new' | 'added' | 'dismissed';
let status: Status = 'new';

function groupCard(group: UnansweredGroup, intents: string[], root: HTMLElement): HTMLElement {
  const ids = group.questions.map((question) => question.id);
  const choose = h('select', { attrs: { 'aria-label': t('addAsExample') } }, ...intents.map((name) => h('option', { text: name, attrs: { value: name } })));
  choose.value = group.bestGuesses[0]?.intent ?? intents[0] ?? '';
  const problem = h('p', { class: 'error', attrs: { role: 'alert' } });
  /** Run an action of this card; a refusal (an intent deleted meanwhile, a lost session) is said on the card. */
  const act = (action: () => Promise<void>) => async () => {
    problem.textContent = '';
    try {
      await action();
    } catch (error) {
      problem.textContent = errorText(error, uiLanguage());
    }
  };
  const add = h('button', { class: 'primary', text: t('addAsExample'), attrs: { type: 'button' } });
  add.addEventListener(
    'click',
    act(async () => {
      await api('POST', `/unanswered/${encodeURIComponent(group.id)}/add`, { intent: choose.value, ids });
      await renderUnanswered(root, t('addedTo', { intent: choose.value }));
    }),
  );
  const dismiss = h('button', { class: 'secondary', text: t('dismiss'), attrs: { type: 'button' } });
  dismiss.addEventListener(
    'click',
    act(async () => {
      await api('POST', `/unanswered/${encodeURIComponent(group.id)}/dismiss`, { ids });
      await renderUnanswered(root);
    }),
  );
  const kinds = Object.entries(group.kinds).map(([kind, count]) => h('span', { class: `badge kind-${kind}`, text: `${t(`kind_${kind}` as 'kind_fallback')} ${count}` }));
  const others = group.questions.filter((question) => question.text !== group.text);
  return h(
    'li',
    { class: 'unanswered-group', attrs: { 'data-group': group.id } },
    h('div', { class: 'row' }, h('span', { class: 'count', text: t('times', { n: group.count }) }), h('q', { class: 'question', text: group.text }), h('span', { class: 'badge', text: group.language === 'zh' ? '中文' : 'EN' }), ...kinds),
    others.length ? h('ul', { class: 'variants' }, ...others.slice(0, 5).map((question) => h('li', { text: question.text }))) : null,
    h(
      'p',
      { class: 'muted' },
      `${t('bestGuesses')}: `,
      group.bestGuesses.map((guess) => `${guess.intent} ${guess.score.toFixed(2)}`).join(' · ') || '—',
      ` · ${formatTime(group.lastAt)}`,
    ),
    status === 'new' ? h('div', { class: 'row actions' }, choose, add, dismiss) : null,
    problem,
  );
}

/** What the bot missed, similar questions grouped, most frequent first. */
export async function renderUnanswered(root: HTMLElement, message?: string): Promise<void> {
  const [{ groups }, draft] = await Promise.all([api<{ groups: UnansweredGroup[] }>('GET', `/unanswered?status=${status}`), api<DraftView>('GET', '/knowledge')]);
  const intents = draft.intents.map((intent) => intent.name).sort();
  const tabs = (['new', 'added', 'dismissed'] as const).map((each) =>
    h('button', {
      class: each === status ? 'tab active' : 'tab',
      text: t(each === 'new' ? 'statusNew' : each === 'added' ? 'statusAdded' : 'statusDismissed'),
      attrs: { type: 'button', 'aria-pressed': String(each === status) },
      on: { click: () => ((status = each), void renderUnanswered(root)) },
    }),
  );
  root.replaceChildren(
    h(
      'section',
      { class: 'unanswered-page' },
      h('h2', { text: t('navUnanswered') }),
      h('div', { class: 'row tabs' }, ...tabs),
      message ? h('p', { class: 'ok', attrs: { role: 'status' }, text: message }) : null,
      groups.length ? h('ol', { class: 'groups' }, ...groups.map((group) => groupCard(group, intents, root))) : h('p', { class: 'muted', text: t('nothingToReview') }),
    ),
  );
}
