import { api } from '../api.js';
import { h } from '../dom.js';
import { t, uiLanguage } from '../i18n.js';
import type { TryResult } from '../types.js';
import { errorText } from '../../shared/api.js';

function resultCard(label: string, result: TryResult, title: (name: string) => string): HTMLElement {
  const verdict =
    result.decision === 'answer' ? t('wouldAnswer') : result.decision === 'clarify' ? t('wouldClarify') : t('wouldFallback');
  return h(
    'section',
    { class: `try-card decision-${result.decision}`, attrs: { 'data-testid': `try-${result.version === 'draft' ? 'draft' : 'published'}` } },
    h('h4', { text: result.version === 'draft' ? label : `${label} · v${result.version}` }),
    h('p', { class: 'muted', text: `${t('language')}: ${result.language === 'zh' ? '中文' : 'English'}` }),
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
 * "Try it": what the draft and the published version make of a sentence, side by side; intents
 * are read by `title` (their button label), their name showing on hover.
 */
export function tryItPanel(title: (name: string) => string): HTMLElement {
  const text = h('input', { attrs: { type: 'text', placeholder: t('tryPlaceholder'), 'aria-label': t('tryIt') } });
  const results = h('div', { class: 'try-results', attrs: { 'aria-live': 'polite' } });
  const form = h('form', { class: 'try-form' }, text, h('button', { class: 'primary', text: t('tryIt'), attrs: { type: 'submit' } }));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!text.value.trim()) return;
    results.replaceChildren(h('p', { class: 'muted', text: t('loading') }));
    try {
      const { draft, published } = await api<{ draft: TryResult; published: TryResult }>('POST', '/knowledge/test', { text: text.value });
      results.replaceChildren(resultCard(t('draft'), draft, title), resultCard(t('published'), published, title));
    } catch (error) {
      results.replaceChildren(h('p', { class: 'error', text: errorText(error, uiLanguage()) }));
    }
  });
  return h('aside', { class: 'try-it' }, h('h3', { text: t('tryIt') }), form, results);
}
