import { api } from '../api.js';
import { h } from '../dom.js';
import { formatTime, t, uiLanguage } from '../i18n.js';
import { errorText } from '../../shared/api.js';
import type { DraftView, UnansweredGroup } from '../types.js';
import { byCategoryAndTitle, titlesOf } from '../intent-title.js';

type Status = 'new' | 'added' | 'dismissed';
let status: Status = 'new';

/** The intents a question can be added to, by category, read by `title` (their button label). */
interface Choices {
  byCategory: Map<string, string[]>;
  title: (name: string) => string;
}

function choicesOf(draft: DraftView): Choices {
  const byCategory = new Map<string, string[]>();
  for (const intent of [...draft.intents].sort(byCategoryAndTitle)) byCategory.set(intent.category, [...(byCategory.get(intent.category) ?? []), intent.name]);
  return { byCategory, title: titlesOf(draft.intents) };
}

/** Where the example this group was added as stands: live, in the draft, or gone again (why it is back under review). */
function exampleNote(group: UnansweredGroup, intents: Choices): HTMLElement | null {
  const example = group.example;
  if (!example || (status === 'new') !== (example.state === 'gone')) return null;
  const key = example.state === 'gone' ? 'exampleGone' : example.state === 'draft' ? 'exampleInDraft' : 'examplePublished';
  return h('p', { class: `example-note example-${example.state}`, text: t(key, { intent: intents.title(example.intent) }) });
}

function groupCard(group: UnansweredGroup, intents: Choices, root: HTMLElement): HTMLElement {
  const ids = group.questions.map((question) => question.id);
  // Listed as the recognizer's reading (a guess that rounds to 0.00 is not worth a mention); only
  // `suggestedIntent`, a guess the bot would have answered with, is preselected.
  const guesses = group.bestGuesses.filter((guess) => guess.score >= 0.005);
  const choose = h(
    'select',
    { attrs: { 'aria-label': t('addAsExample') } },
    h('option', { text: t('chooseIntent'), attrs: { value: '', disabled: '' } }),
    ...[...intents.byCategory].map(([category, names]) => h('optgroup', { attrs: { label: category } }, ...names.map((name) => h('option', { text: intents.title(name), attrs: { value: name } })))),
  );
  choose.value = group.suggestedIntent ?? '';
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
      if (!choose.value) {
        problem.textContent = t('chooseIntentFirst');
        return choose.focus();
      }
      await api('POST', `/unanswered/${encodeURIComponent(group.id)}/add`, { intent: choose.value, ids });
      await renderUnanswered(root, t('addedTo', { intent: intents.title(choose.value) }));
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
  const example = exampleNote(group, intents);
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
      guesses.map((guess) => `${intents.title(guess.intent)} ${guess.score.toFixed(2)}`).join(' · ') || '—',
      ` · ${formatTime(group.lastAt)}`,
    ),
    example,
    status === 'new' && !group.suggestedIntent ? h('p', { class: 'muted choose-hint', text: t('noLikelyGuess') }) : null,
    status === 'new' ? h('div', { class: 'row actions' }, choose, add, dismiss) : null,
    problem,
  );
}

/** What the bot missed, similar questions grouped, most frequent first. */
export async function renderUnanswered(root: HTMLElement, message?: string): Promise<void> {
  const [{ groups }, draft] = await Promise.all([api<{ groups: UnansweredGroup[] }>('GET', `/unanswered?status=${status}`), api<DraftView>('GET', '/knowledge')]);
  const intents = choicesOf(draft);
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
