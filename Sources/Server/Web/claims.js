// The bonus and deduction claims (điểm thưởng, điểm trừ) with their state, for the council
// chair to decide and for the secretariat, the authority and auditors to follow. Claims are read
// from the entries export: no report lists them yet.
import { acts } from './acts.js';
import { act } from './api.js';
import { choice, field, h, submitting, values } from './dom.js';
import { dateTime, number } from './format.js';
import { label, t } from './i18n.js';
import { adjustmentClaims } from './ledgerreads.js';

/** Every bonus and deduction claim with its state; a pending one is decided here. */
export async function claimsSection(campaign, render, { decides = true } = {}) {
  const claims = await adjustmentClaims(campaign);
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
    if (!claim.decision && decides && !campaign.councilReportApproved) {
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
