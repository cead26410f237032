// The decisions that keep a campaign from getting stuck (events/CATALOG.md): amending the plan's
// deadlines, reopening an appraisal round for named units or leaves, withdrawing a unit (dissolved,
// merged) and renaming one. The secretariat and the authority record them; the council chair
// reopens rounds too. Each names the decision (number, date) it records.
import { acts } from './acts.js';
import { act } from './api.js';
import { confirmed } from './confirm.js';
import { choice, dateField, field, h, submitting, values } from './dom.js';
import { todayInVietnam, vietnamTimeToTimestamp } from './format.js';
import { t } from './i18n.js';

const deadlineNames = ['selfScoringOpens', 'selfScoringCloses', 'round1Closes', 'explanationCloses', 'round2Closes'];
const timeField = (label, name, attributes = {}) =>
  field(label, name, { size: 16, placeholder: 'HH:MM dd/mm/yyyy', autocomplete: 'off', ...attributes });
const decisionFields = () => [field(t('decisionNumber'), 'number', { required: true, size: 14 }),
  dateField(t('decisionDate'), 'date', { required: true, value: todayInVietnam() })];

/** A time typed as "HH:MM dd/mm/yyyy", refused beside its field when it is not one. */
function typedTime(value, name) {
  const moment = vietnamTimeToTimestamp(value);
  if (!moment) throw Object.assign(new Error(name), { body: { code: 'bad-time', field: name, message: { vi: t('badTime'), en: t('badTime') } } });
  return moment;
}

/** The forms of the decisions, for the role signed in (`secretariat`, `authority` or `councilChair`). */
export function decisionSections(campaign, role, render) {
  if (campaign.councilReportApproved) return [];
  const active = campaign.units.filter((unit) => !unit.withdrawn);
  const units = active.map((unit) => [unit.unit, `${unit.name} (${unit.unit})`]);
  const parts = [h('h2', { text: t('campaignDecisions') })];
  const round = campaign.preliminaryIssuedAt ? 2 : 1;
  const reopen = h('form', { id: 'round-reopen-form', class: 'row', onsubmit: (event) => {
    event.preventDefault();
    const data = values(reopen);
    submitting(reopen, () => act(...acts.roundReopening({ round, units: [data.unit], leaves: data.leaves, reason: data.reason,
      until: typedTime(data.until, 'until') })), render);
  } }, choice(t('unit'), 'unit', units, { 'data-field': 'units' }), field(t('leavesOptional'), 'leaves', { size: 14 }),
  timeField(t('reopenUntil'), 'until', { required: true }), field(t('reason'), 'reason', { required: true, size: 30 }),
  h('button', { type: 'submit', text: `${t('reopenRound')} ${round}` }));
  parts.push(h('h3', { text: `${t('reopenRound')} ${round}` }), reopen);
  if (role === 'councilChair') return parts;

  const amend = h('form', { id: 'amend-form', class: 'row', onsubmit: (event) => {
    event.preventDefault();
    const data = values(amend);
    submitting(amend, () => {
      const deadlines = {};
      for (const name of deadlineNames) if (data[name]?.trim()) deadlines[name] = typedTime(data[name], name);
      return act(...acts.deadlineAmendment({ number: data.number, date: data.date, reason: data.reason, deadlines }));
    }, render);
  } }, ...decisionFields(), ...deadlineNames.map((name) => timeField(t(name === 'selfScoringCloses' ? 'deadline' : name), name)),
  field(t('reason'), 'reason', { required: true, size: 30 }), h('button', { type: 'submit', text: t('amendDeadlines') }));
  parts.push(h('h3', { text: t('amendDeadlines') }), amend);

  const withdraw = h('form', { id: 'withdraw-unit-form', class: 'row', onsubmit: confirmed(t('withdrawUnit'), t('confirmWithdrawUnit'), () => {
    const data = values(withdraw);
    return submitting(withdraw, () => act(...acts.withdrawal(data)), render);
  }) }, choice(t('unit'), 'unit', units), choice(t('successor'), 'successor', [['', '—'], ...units]), ...decisionFields(),
  field(t('reason'), 'reason', { required: true, size: 30 }), h('button', { type: 'submit', class: 'danger', text: t('withdrawUnit') }));
  parts.push(h('h3', { text: t('withdrawUnit') }), withdraw);

  const rename = h('form', { id: 'rename-unit-form', class: 'row', onsubmit: (event) => {
    event.preventDefault();
    submitting(rename, () => act(...acts.renaming(values(rename))), render);
  } }, choice(t('unit'), 'unit', units), field(t('unitNewName'), 'name', { required: true, size: 30 }), ...decisionFields(),
  h('button', { type: 'submit', text: t('renameUnit') }));
  parts.push(h('h3', { text: t('renameUnit') }), rename);
  return parts;
}
