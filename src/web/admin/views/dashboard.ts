import { api } from '../api.js';
import { h, percent } from '../dom.js';
import { formatCount, t, tOr, uiLanguage } from '../i18n.js';
import type { AnalyticsSummary } from '../types.js';
import { errorText } from '../../shared/api.js';
import { barChart, chartCard, moodChart, rankChart } from './charts.js';
import { hours, millis, seconds } from '../durations.js';

const DAY = 86_400_000;
/** The longest range the API sums up (src/http/api/analytics-routes.ts). */
const MAX_DAYS = 366;
let range: { from: string; to: string } | undefined;

/** A day of the admin's own calendar (not UTC's: in Shanghai, 04:41 on 1 December is 1 December). */
const localDay = (date: Date) => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/** The last 30 days of the admin's calendar, today included. */
function defaultRange(): { from: string; to: string } {
  const today = new Date();
  return { from: localDay(new Date(today.getFullYear(), today.getMonth(), today.getDate() - 29)), to: localDay(today) };
}

/** The browser's time zone, so the server counts days as the admin lives them (UTC if the browser does not say). */
const timeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';


function kpi(label: string, value: string, detail?: string): HTMLElement {
  return h('div', { class: 'kpi' }, h('span', { class: 'kpi-label', text: label }), h('strong', { class: 'kpi-value', text: value }), detail ? h('small', { class: 'muted', text: detail }) : null);
}

function kpis(summary: AnalyticsSummary): HTMLElement {
  const csat = summary.csat.average === null ? '—' : `${summary.csat.average.toFixed(1)} / 5`;
  // Containment and escalation are shares of the chats where the customer wrote, not of every chat opened: say how many.
  const { total, engaged } = summary.conversations;
  const ofEngaged = (rate: number | null) => (rate === null ? undefined : `${formatCount(Math.round(rate * engaged))} / ${formatCount(engaged)}`);
  return h(
    'div',
    { class: 'kpis' },
    kpi(t('conversations'), formatCount(total), total === engaged ? undefined : t('conversationsEngaged', { n: formatCount(engaged) })),
    kpi(t('containment'), percent(summary.containmentRate), ofEngaged(summary.containmentRate)),
    kpi(t('escalation'), percent(summary.escalationRate), ofEngaged(summary.escalationRate)),
    kpi(t('fallback'), percent(summary.fallbackRate), `${formatCount(summary.turns.fallback)} / ${formatCount(summary.turns.total)}`),
    kpi(t('csat'), csat, `n = ${summary.csat.count}`),
    npsKpi(summary.nps),
    kpi(t('botResponse'), millis(summary.botResponseMs.median)),
    kpi(t('agentResponse'), seconds(summary.agentFirstResponseSeconds.median), `n = ${summary.agentFirstResponseSeconds.count}`),
    kpi(t('resolution'), hours(summary.resolutionHours.median), `n = ${summary.resolutionHours.count}`),
    temperatureKpi(summary.temperature),
  );
}

/** Net Promoter Score: promoters minus detractors, with the counts behind it. */
function npsKpi(nps: AnalyticsSummary['nps']): HTMLElement {
  const value = nps.score === null ? '—' : `${nps.score > 0 ? '+' : ''}${nps.score}`;
  return kpi(t('nps'), value, t('npsSplit', { n: nps.count, promoters: nps.promoters, passives: nps.passives, detractors: nps.detractors }));
}

/** Touchpoint temperature: how conversations felt (emotion and how the service answered), on average and how many were cold. */
function temperatureKpi(temperature: AnalyticsSummary['temperature']): HTMLElement {
  const value = temperature.average === null ? '—' : `${temperature.average > 0 ? '+' : ''}${temperature.average.toFixed(2)}`;
  return kpi(t('temperature'), value, t('temperatureSplit', { cold: temperature.cold, cool: temperature.cool, warm: temperature.warm }));
}

/** Each agent's chats in the range, their customers' ratings and how fast they first replied. */
function agentsTable(summary: AnalyticsSummary): HTMLElement {
  const rating = (stat: AnalyticsSummary['agents'][number]['rating']) => (stat.average === null ? '—' : `${stat.average.toFixed(1)} / 5 (n = ${stat.count})`);
  const head = h('tr', {}, ...(['agentColumn', 'chatsColumn', 'passedOnColumn', 'ratingColumn', 'firstResponseColumn'] as const).map((key) => h('th', { text: t(key) })));
  const rows = summary.agents.map((agent) =>
    h('tr', {}, h('td', { text: agent.name }), h('td', { text: String(agent.chats) }), h('td', { text: String(agent.passedOn) }), h('td', { text: rating(agent.rating) }), h('td', { text: seconds(agent.firstResponseSeconds.median) })),
  );
  return h('table', { class: 'table agents' }, h('thead', {}, head), h('tbody', {}, ...rows));
}

/** Counts as chart points, largest first; `labelOf` names each key in the admin's language. */
const toPoints = (counts: Record<string, number>, labelOf: (key: string) => string) =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([key, value]) => ({ label: labelOf(key), value }));

function charts(summary: AnalyticsSummary): HTMLElement {
  const none = t('noData');
  const perDay = summary.conversations.byDay.map((day) => ({ label: day.day, value: day.count }));
  const mood = summary.sentiment.byDay.map((day) => ({ label: day.day, value: day.average }));
  const statuses = toPoints(summary.tickets.byStatus, (status) => tOr(`ticketStatus_${status}`, status));
  const categories = toPoints(summary.tickets.byCategory, (category) => tOr(`ticketCategory_${category}`, category));
  const csat = (['1', '2', '3', '4', '5'] as const).map((score) => ({ label: `★ ${score}`, value: summary.csat.distribution[score] }));
  const unanswered = h('ol', { class: 'top-unanswered' }, ...summary.topUnanswered.map((entry) => h('li', {}, h('q', { text: entry.text }), h('span', { class: 'count', text: ` ×${entry.count}` }))));
  return h(
    'div',
    { class: 'charts' },
    chartCard(t('perDay'), barChart(perDay, { title: t('perDay') }), perDay.every((point) => point.value === 0), none),
    chartCard(t('sentimentTrend'), moodChart(mood, { title: t('sentimentTrend') }), mood.length === 0, none),
    chartCard(t('topIntents'), rankChart(summary.topIntents.map((entry) => ({ label: entry.title?.[uiLanguage()] ?? entry.intent, value: entry.count })), { title: t('topIntents') }), summary.topIntents.length === 0, none),
    chartCard(t('topUnanswered'), unanswered, summary.topUnanswered.length === 0, none),
    chartCard(`${t('ticketsByStatus')} · ${summary.tickets.overdue} ${t('overdue')}`, rankChart(statuses, { title: t('ticketsByStatus') }), statuses.length === 0, none),
    chartCard(t('ticketsByCategory'), rankChart(categories, { title: t('ticketsByCategory') }), categories.length === 0, none),
    chartCard(t('csatScores'), rankChart(csat, { title: t('csatScores') }), summary.csat.count === 0, none),
    chartCard(t('agentsTable'), agentsTable(summary), summary.agents.length === 0, none),
    chartCard(t('feedback'), rankChart([{ label: '👍', value: summary.feedback.helpful }, { label: '👎', value: summary.feedback.unhelpful }], { title: t('feedback') }), summary.feedback.helpful + summary.feedback.unhelpful === 0, none),
  );
}

/** What is wrong with a range the admin typed, checked here so a bad one never replaces the good one. */
function rangeProblem(next: { from: string; to: string }): string | undefined {
  if (!next.from || !next.to) return t('rangeEmpty');
  if (next.from > next.to) return t('rangeOrder');
  if (Date.parse(next.to) - Date.parse(next.from) >= MAX_DAYS * DAY) return t('rangeTooLong', { n: MAX_DAYS });
  return undefined;
}

/** The numbers for a date range: KPI cards and charts drawn as plain SVG. The dates stay, whatever goes wrong. */
export async function renderDashboard(root: HTMLElement): Promise<void> {
  range ??= defaultRange();
  const from = h('input', { attrs: { type: 'date', 'aria-label': t('from') } });
  const to = h('input', { attrs: { type: 'date', 'aria-label': t('to') } });
  from.value = range.from;
  to.value = range.to;
  const problem = h('p', { class: 'error range-error', attrs: { role: 'alert' } });
  const body = h('div', { class: 'dashboard-body' }, h('p', { class: 'muted', text: t('loading') }));
  const form = h('form', { class: 'row range' }, h('label', { text: t('from') }, from), h('label', { text: t('to') }, to), h('button', { class: 'primary', text: t('apply'), attrs: { type: 'submit' } }), problem);
  const fill = async (shown: { from: string; to: string }) => {
    try {
      const summary = await api<AnalyticsSummary>('GET', `/analytics/summary?${new URLSearchParams({ ...shown, tz: timeZone() })}`);
      body.replaceChildren(kpis(summary), charts(summary));
    } catch (error) {
      problem.textContent = errorText(error, uiLanguage());
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = { from: from.value, to: to.value };
    problem.textContent = rangeProblem(next) ?? '';
    if (problem.textContent) return;
    range = next;
    void fill(next);
  });
  root.replaceChildren(h('section', { class: 'dashboard' }, h('div', { class: 'row heading' }, h('h2', { text: t('navDashboard') }), form), body));
  await fill(range);
}
