// The claims the council decides, with their state: bonus and deduction claims (điểm thưởng, điểm
// trừ) and N/A claims (không phát sinh), read from `GET /api/claims`, which lists those of the units
// the signed-in reader may see: the council chair decides them, appraisers decide the bonus and
// deduction claims of the units they appraise, the secretariat, the authority and auditors follow
// them, and a unit sees its own.
import { acts } from './acts.js';
import { act, call } from './api.js';
import { choice, field, h, submitting, values } from './dom.js';
import { documentLine } from './evidence.js';
import { date, dateTime, number } from './format.js';
import { label, t } from './i18n.js';

/** The claims the reader may list, of one unit or all: `{adjustments, notApplicable}` as the route gives them. */
export function readClaims(unit) {
  return call(unit ? `/api/claims?unit=${encodeURIComponent(unit)}` : '/api/claims');
}

/**
 * The sections of both kinds of claim; `decides`: with forms to decide pending ones; `unit`: one
 * unit's only; `kinds`: which sections ('adjustments', 'notApplicable').
 */
export async function claimSections(campaign, render, { decides = true, unit = null, kinds = ['adjustments', 'notApplicable'] } = {}) {
  const claims = await readClaims(unit);
  const open = decides && !campaign.councilReportApproved;
  return [
    kinds.includes('adjustments') ? adjustmentsSection(claims.adjustments, render, open) : null,
    kinds.includes('notApplicable') ? notApplicableSection(claims.notApplicable, render, open) : null,
  ].filter(Boolean);
}

/** Every bonus and deduction claim with its state; a pending one is decided here. */
function adjustmentsSection(claims, render, decides) {
  const section = h('section', { id: 'claims' }, h('h2', { text: t('claims') }));
  if (!claims.length) section.append(h('p', { class: 'muted', text: t('noClaims') }));
  for (const claim of claims) {
    const line = h('div', { class: 'claim dispute', 'data-claim': claim.claim, 'data-state': claim.status },
      h('p', {}, h('strong', { text: `${claim.unitName || claim.unit} — ${claim.lateSubmission ? t('lateItem') : `${t('item')} ${claim.item}`}` }),
        ` — ${t('claimedPoints')}: ${number(claim.claimedPoints)} — ${t('decisionState')}: `,
        h('span', { class: 'claim-state', text: label('claim', claim.status) }),
        claim.points ? ` (${number(claim.points)})` : '', ` — ${dateTime(claim.claimedAt)}`),
      claim.reason ? h('blockquote', { text: claim.reason }) : null,
      claim.evidence.length ? h('ul', { class: 'claim-evidence' }, claim.evidence.map((item) => h('li', {
        text: `${item.blob.name} — ${documentLine(item.document, date)}` }))) : null,
      claim.decisionReason ? h('p', { class: 'muted', text: `${t('reason')}: ${claim.decisionReason}` }) : null);
    if (claim.status === 'pending' && decides) {
      const form = h('form', { class: 'claim-decide-form row', onsubmit: (event) => {
        event.preventDefault();
        const data = values(form);
        submitting(form, () => act(...acts.adjustmentDecision({ claim: claim.claim, decision: data.decision, points: data.points,
          reason: data.reason })), render);
      } },
      choice(t('decide'), 'decision', [['accepted', t('accepted')], ['rejected', t('rejected')]]),
      field(t('acceptPoints'), 'points', { size: 6, inputmode: 'decimal', value: number(claim.claimedPoints) }),
      field(t('reason'), 'reason', { required: true, size: 40 }),
      h('button', { type: 'submit', text: t('send') }));
      line.append(form);
    }
    section.append(line);
  }
  return section;
}

/** Every N/A claim with its state; a pending one is confirmed or rejected here, with the claim's reason beside it. */
function notApplicableSection(claims, render, decides) {
  const section = h('section', { id: 'na-claims' }, h('h2', { text: t('naClaims') }));
  if (!claims.length) section.append(h('p', { class: 'muted', text: t('noClaims') }));
  // Pending first: they are what the council has to act on.
  const ordered = [...claims.filter((claim) => claim.status === 'pending'), ...claims.filter((claim) => claim.status !== 'pending')];
  for (const claim of ordered) {
    const line = h('div', { class: 'na-claim dispute', 'data-unit': claim.unit, 'data-leaf': claim.leaf, 'data-state': claim.status },
      h('p', {}, h('strong', { text: `${claim.unitName || claim.unit} — ${t('leaf')} ${claim.leaf}` }),
        ` — ${t('decisionState')}: `, h('span', { class: 'claim-state', text: label('na', claim.status) }), ` — ${dateTime(claim.claimedAt)}`),
      h('blockquote', { text: claim.reason }),
      claim.decisionReason ? h('p', { class: 'muted', text: `${t('reason')}: ${claim.decisionReason}` }) : null);
    if (claim.status === 'pending' && decides) {
      const form = h('form', { class: 'na-decide-form row', onsubmit: (event) => {
        event.preventDefault();
        const data = values(form);
        submitting(form, () => act(...acts.notApplicableDecision({ unit: claim.unit, leaf: claim.leaf, decision: data.decision,
          reason: data.reason })), render);
      } },
      choice(t('naDecide'), 'decision', [['confirmed', t('naConfirm')], ['rejected', t('naReject')]]),
      field(t('reason'), 'reason', { required: true, size: 40 }),
      h('button', { type: 'submit', text: t('send') }));
      line.append(form);
    }
    section.append(line);
  }
  return section;
}
