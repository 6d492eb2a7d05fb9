import { api } from '../api.js';
import { h } from '../dom.js';
import { t, uiLanguage } from '../i18n.js';
import { titlesOf } from '../intent-title.js';
import type { DraftView, TryResult } from '../types.js';
import { errorText } from '../../shared/api.js';

function resultCard(label: string, result: TryResult, title: (name: string) => string): HTMLElement {
  const verdict =
    result.decision === 'answer' ? t('wouldAnswer') : result.decision === 'clarify' ? t('wouldClarify') : t('wouldFallback');
  return h(
    'section',
    { class: `try-card decision-${result.decision}`, attrs: { 'data-testid': `try-${result.version === 'draft' ? 'draft' : 'published'}` } },
    h('h4', { text: result.version === 'draft' ? label : `${label} · v${result.version}` }),
    h('p', { class: 'muted', text: `${t('language')}: ${result.language === 'zh' ? '中文' : 'English'}` }),
    result.readAs ? h('p', { class: 'muted', attrs: { 'data-testid': 'read-as' }, text: t('readAs', { text: result.readAs }) }) : null,
    h(
      'ol',
      { class: 'scores' },
      ...result.alternatives.slice(0, 5).map((alternative) =>
        h(
          'li',
          { class: alternative.intent === result.intent ? 'top' : '' },
          h('span', { class: 'intent-name', text: title(alternative.intent), title: alternative.intent }),
          h('span', { class: 'bar' }, h('span', { attrs: { style: `width:${Math.round(alternative.score * 100)}%` } })),
          h('span', { class: 'score', text: alternative.score.toFixed(2) }),
        ),
      ),
    ),
    h('p', { class: 'verdict', text: verdict }),
    result.matchedBy === 'title' ? h('p', { class: 'muted', text: t('byButtonLabel', { intent: result.intent ? title(result.intent) : '' }) }) : null,
    result.answer?.dialog ? h('p', { class: 'muted', text: `${t('startsDialog')}: ${result.answer.dialog}` }) : null,
    result.answer ? h('blockquote', { class: 'answer', text: result.answer.text }) : null,
  );
}

/**
 * What "try it" holds while the knowledge page is redrawn (a save, another intent picked, the
 * other language): the sentence, and the last outcome with the draft it was tried on. A redraw
 * had emptied the box, and a result still on its way went to the page it replaced.
 */
interface TryState {
  text: string;
  pending: boolean;
  outcome?: { draft: TryResult; published: TryResult } | { error: unknown };
  /** The draft and published version the outcome was made from (`draftKey`). */
  triedOn?: string;
}

let state: TryState = { text: '', pending: false };
/** Counts the sentences tried (and resets): only the latest one's answer is shown. */
let asked = 0;
/** The panel on screen: where an answer that arrives after a redraw goes. */
let shown: { results: HTMLElement; title: (name: string) => string; draftKey: string } | undefined;

/** Forget the sentence and result: another admin signs in, or this one signed out. */
export function resetTryIt(): void {
  state = { text: '', pending: false };
  asked += 1;
}

/** Which draft, against which published version: a save or a publish changes it. */
const draftKeyOf = (draft: DraftView) => `${draft.updatedAt} ${draft.publishedVersion}`;

function showOutcome(): void {
  if (!shown) return;
  const { results, title, draftKey } = shown;
  const { outcome } = state;
  if (state.pending) results.replaceChildren(h('p', { class: 'muted', text: t('loading') }));
  else if (!outcome) results.replaceChildren();
  else if ('error' in outcome) results.replaceChildren(h('p', { class: 'error', text: errorText(outcome.error, uiLanguage()) }));
  else {
    const cards = [resultCard(t('draft'), outcome.draft, title), resultCard(t('published'), outcome.published, title)];
    if (state.triedOn !== draftKey) cards.unshift(h('p', { class: 'muted stale', text: t('triedOnEarlierDraft') }));
    results.replaceChildren(...cards);
  }
}

/**
 * "Try it": what the draft and the published version make of a sentence, side by side; intents
 * are read by `title` (their button label), their name showing on hover. The sentence and result
 * stay through redraws of the page; a result from before the draft's last change says so.
 */
export function tryItPanel(draft: DraftView): HTMLElement {
  const title = titlesOf(draft.intents);
  const text = h('input', { attrs: { type: 'text', placeholder: t('tryPlaceholder'), 'aria-label': t('tryIt') } });
  text.value = state.text;
  text.addEventListener('input', () => (state.text = text.value));
  const results = h('div', { class: 'try-results', attrs: { 'aria-live': 'polite' } });
  const form = h('form', { class: 'try-form' }, text, h('button', { class: 'primary', text: t('tryIt'), attrs: { type: 'submit' } }));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const sentence = text.value;
    if (!sentence.trim()) return;
    const ask = ++asked;
    state = { ...state, text: sentence, pending: true };
    showOutcome();
    // The draft on screen when asked: a save while the answer is on its way makes the answer out of date.
    const triedOn = shown?.draftKey;
    let outcome: TryState['outcome'];
    try {
      outcome = await api<{ draft: TryResult; published: TryResult }>('POST', '/knowledge/test', { text: sentence });
    } catch (error) {
      outcome = { error };
    }
    if (ask !== asked) return;
    state = { ...state, pending: false, outcome, ...(triedOn === undefined ? {} : { triedOn }) };
    showOutcome();
  });
  shown = { results, title, draftKey: draftKeyOf(draft) };
  showOutcome();
  return h('aside', { class: 'try-it' }, h('h3', { text: t('tryIt') }), form, results);
}
