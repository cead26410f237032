// The claims the council decides, with their state: bonus and deduction claims (điểm thưởng, điểm
// trừ) and N/A claims (không phát sinh), for the council chair to decide and for the secretariat,
// the authority and auditors to follow. Read from the entries export: no report lists them yet.
import { acts } from './acts.js';
import { act } from './api.js';
import { choice, field, h, submitting, values } from './dom.js';
import { dateTime, number } from './format.js';
import { label, t } from './i18n.js';
import { councilMatters } from './ledgerreads.js';

/** The sections of both kinds of claim, from one read of the entries; `decides`: with forms to decide pending ones. */
export async function claimSections(campaign, render, { decides = true } = {}) {
  const matters = await councilMatters(campaign);
  const open = decides && !campaign.councilReportApproved;
  return [adjustmentsSection(matters.adjustments, campaign, render, open), notApplicableSection(matters.notApplicable, campaign, render, open)];
}

/** Every bonus and deduction claim with its state; a pending one is decided here. */
function adjustmentsSection(claims, campaign, render, decides) {
  const nameOf = new Map(campaign.units.map((unit) => [unit.unit, unit.name]));
  const section = h('section', { id: 'claims' }, h('h2', { text: t('claims') }));
  if (!claims.length) section.append(h('p', { class: 'muted', text: t('noClaims') }));
  for (const claim of claims) {
    const state = claim.decision ? claim.decision.decision : 'pending';
    const line = h('div', { class: 'claim dispute', 'data-claim': claim.claim, 'data-state': state },
      h('p', {}, h('strong', { text: `${nameOf.get(claim.unit) ?? claim.unit} — ${claim.late ? t('lateItem') : `${t('item')} ${claim.item}`}` }),
        ` — ${t('claimedPoints')}: ${number(claim.points)} — ${t('decisionState')}: `,
        h('span', { class: 'claim-state', text: label('claim', state) }),
        claim.decision?.points ? ` (${number(claim.decision.points)})` : '', ` — ${dateTime(claim.claimedAt)}`),
      claim.reason ? h('blockquote', { text: claim.reason }) : null);
    if (!claim.decision && decides) {
      const form = h('form', { class: 'claim-decide-form row', onsubmit: (event) => {
        event.preventDefault();
        const data = values(form);
        submitting(form, () => act(...acts.adjustmentDecision({ claim: claim.claim, decision: data.decision, points: data.points,
          reason: data.reason })), render);
      } },
      choice(t('decide'), 'decision', [['accepted', t('accepted')], ['rejected', t('rejected')]]),
      field(t('acceptPoints'), 'points', { size: 6, inputmode: 'decimal', value: claim.points ? number(claim.points) : '' }),
      field(t('reason'), 'reason', { required: true, size: 40 }),
      h('button', { type: 'submit', text: t('send') }));
      line.append(form);
    }
    section.append(line);
  }
  return section;
}

/** Every N/A claim with its state; a pending one is confirmed or rejected here, with the claim's reason beside it. */
function notApplicableSection(claims, campaign, render, decides) {
  const nameOf = new Map(campaign.units.map((unit) => [unit.unit, unit.name]));
  const section = h('section', { id: 'na-claims' }, h('h2', { text: t('naClaims') }));
  if (!claims.length) section.append(h('p', { class: 'muted', text: t('noClaims') }));
  // Pending first: they are what the council has to act on.
  const ordered = [...claims.filter((claim) => !claim.decision), ...claims.filter((claim) => claim.decision)];
  for (const claim of ordered) {
    const state = claim.decision ? claim.decision.decision : 'pending';
    const line = h('div', { class: 'na-claim dispute', 'data-unit': claim.unit, 'data-leaf': claim.leaf, 'data-state': state },
      h('p', {}, h('strong', { text: `${nameOf.get(claim.unit) ?? claim.unit} — ${t('leaf')} ${claim.leaf}` }),
        ` — ${t('decisionState')}: `, h('span', { class: 'claim-state', text: label('na', state) }), ` — ${dateTime(claim.claimedAt)}`),
      h('blockquote', { text: claim.reason }),
      claim.decision ? h('p', { class: 'muted', text: `${t('reason')}: ${claim.decision.reason}` }) : null);
    if (!claim.decision && decides) {
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
