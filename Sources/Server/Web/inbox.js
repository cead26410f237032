// What waits on the signed-in person (`GET /api/todo`, as `parledger todo`): each item worded in
// the reader's language, with its unit, leaves and deadline, and a link to the page that deals
// with it. Shown at the top of every page of a signed-in role.
import { call } from './api.js';
import { h } from './dom.js';
import { dateTime, number } from './format.js';
import { label, t } from './i18n.js';

/** The page that deals with an item. */
function pageOf(item, role) {
  if (['selfScore', 'submit', 'explain'].includes(item.kind)) return '#/officer';
  if (['appraise', 'decideNotApplicable', 'decideClaim'].includes(item.kind) && role === 'appraiser') {
    return `#/appraiser?unit=${encodeURIComponent(item.unit ?? '')}`;
  }
  if (['decideNotApplicable', 'decideClaim', 'resolveObjection', 'approveReport'].includes(item.kind)) return '#/appraiser';
  if (['notSubmitted', 'issuePreliminary', 'publish'].includes(item.kind)) return '#/secretariat';
  if (item.kind === 'keyForms') return '#/survey';
  return null;
}

/** The inbox section, or null when nothing waits. */
export async function inboxSection(role) {
  const { items } = await call('/api/todo');
  const section = h('section', { id: 'inbox', class: 'inbox' }, h('h2', { text: t('inbox') }));
  if (!items.length) {
    section.append(h('p', { class: 'muted', text: t('inboxEmpty') }));
    return section;
  }
  section.append(h('ul', {}, items.map((item) => {
    const what = item.kind === 'deadline' ? `${label('todo', item.kind)}: ${t(item.deadline === 'selfScoringCloses' ? 'deadline' : item.deadline)}`
      : label('todo', item.kind);
    const target = pageOf(item, role);
    const about = [item.unit, item.leaves.length ? `${t('leaf')} ${item.leaves.join(', ')}` : null,
      item.forms ? t('formsMissing').replace('{n}', number(item.forms)) : null].filter(Boolean).join(' — ');
    return h('li', { 'data-kind': item.kind },
      target ? h('a', { href: target, text: what }) : h('strong', { text: what }),
      about ? ` — ${about}` : '', item.due ? ` — ${t('due')} ${dateTime(item.due)}` : '');
  })));
  return section;
}
