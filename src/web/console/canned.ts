import { api } from './api.js';
import { $, clear, h } from './dom.js';
import { t } from './i18n.js';
import { state } from './state.js';

interface Canned {
  intent: string;
  title: string;
  text: string;
  /** An answer to what this chat's customer asked (offered before any search). */
  suggested?: true;
}

/** Canned replies: the knowledge base's answers in the customer's language, searchable; a pick fills the composer. */
export function bindCannedReplies(): void {
  const search = $<HTMLInputElement>('#canned-search');
  const results = $<HTMLUListElement>('#canned-results');
  const box = $<HTMLTextAreaElement>('#composer-text');
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Answers to searches older than the latest (or than a dismissal) are dropped.
  let generation = 0;
  /** The search the listed replies answer (`undefined`: none listed). */
  let listedFor: string | undefined;

  const hide = () => {
    clearTimeout(timer);
    generation += 1;
    results.hidden = true;
    listedFor = undefined;
    clear(results);
  };
  const pick = (reply: Canned) => {
    box.value = reply.text;
    hide();
    search.value = '';
    box.focus();
  };
  const show = async () => {
    clearTimeout(timer);
    const asked = ++generation;
    const query = search.value;
    const language = state.detail?.language ?? 'en';
    const script = state.detail?.traditional ? 'traditional' : 'simplified';
    const chat = state.detail ? `&conversation=${encodeURIComponent(state.detail.id)}` : '';
    const { replies } = await api<{ replies: Canned[] }>('GET', `/canned-replies?language=${language}&script=${script}&q=${encodeURIComponent(query)}${chat}`);
    if (asked !== generation || document.activeElement !== search) return;
    clear(results);
    for (const reply of replies.slice(0, 8)) {
      const label = reply.suggested ? [h('em', { text: t('cannedSuggested') })] : [];
      results.appendChild(
        h('li', {}, h('button', { attrs: { type: 'button' }, on: { click: () => pick(reply) } }, ...label, h('strong', { text: reply.title }), h('span', { text: reply.text }))),
      );
    }
    listedFor = query;
    results.hidden = replies.length === 0;
  };

  search.addEventListener('focus', () => void show());
  search.addEventListener('blur', () => {
    // Leaving for the results keeps them open; anywhere else closes them.
    setTimeout(() => {
      if (!results.contains(document.activeElement)) hide();
    }, 0);
  });
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void show(), 150);
  });
  search.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') hide();
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      results.querySelector<HTMLButtonElement>('button')?.focus();
    }
    if (event.key === 'Enter') {
      event.preventDefault();
      // Typed and pressed Enter before the list caught up: pick from the answers to what was typed, not the list before it.
      if (listedFor === search.value) results.querySelector<HTMLButtonElement>('button')?.click();
      else {
        const typed = search.value;
        void show().then(() => {
          if (listedFor === typed) results.querySelector<HTMLButtonElement>('button')?.click();
        });
      }
    }
  });
  results.addEventListener('keydown', (event) => {
    const current = document.activeElement?.closest('li');
    if (event.key === 'ArrowDown') (current?.nextElementSibling?.querySelector('button') as HTMLButtonElement | null)?.focus();
    if (event.key === 'ArrowUp') ((current?.previousElementSibling?.querySelector('button') as HTMLButtonElement | null) ?? search).focus();
    if (event.key === 'Escape') {
      hide();
      search.focus();
    }
  });
  document.addEventListener('click', (event) => {
    if (!(event.target as Element).closest('#canned-results, #canned-search')) hide();
  });
}
