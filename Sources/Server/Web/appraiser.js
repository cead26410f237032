// The appraiser's page: their assigned domains across units; per leaf the self-score, the
// evidence (downloadable, with each document's number, issuer and date), the history, N/A claims
// to decide; appraise with a reason. For the council chair also the open objections to resolve,
// the bonus and deduction claims to decide, and the council's report to approve.
import { acts } from './acts.js';
import { act, call, session } from './api.js';
import { claimSections } from './claims.js';
import { inboxSection } from './inbox.js';
import { decisionSections } from './decisions.js';
import { confirmed } from './confirm.js';
import { downloads } from './downloads.js';
import { area, choice, dateField, field, h, signedIn, submitting, table, values } from './dom.js';
import { documentInputs, documentLine, evidenceOf } from './evidence.js';
import { date, dateTime, number, todayInVietnam } from './format.js';
import { label, t } from './i18n.js';
import { unitEvidence } from './ledgerreads.js';

export async function appraiserPage(main, params, render) {
  const info = signedIn(main, ['appraiser', 'councilChair']);
  if (!info) return;
  const campaign = await call('/api/campaign');
  const assignment = campaign.assignments.find((item) => item.keyId === session.key.keyId);
  const chair = info.role === 'councilChair';
  const parts = [h('h1', { text: `${t('navAppraiser')}: ${info.name}` }), await inboxSection(info.role)];
  if (chair) {
    parts.push(downloads(['results', 'differences', 'disputes', 'survey', 'minutes']));
    parts.push(await objectionsSection(campaign, render), ...await claimSections(campaign, render), ...decisionSections(campaign, 'councilChair', render),
      councilReportSection(campaign, render));
  }
  if (assignment) {
    parts.push(h('p', {}, `${t('yourDomains')}: `, h('strong', { id: 'domains', text: assignment.domains.join(', ') })));
    const units = campaign.units.filter((unit) => unit.unit !== assignment.ownUnit);
    const chosen = params.get('unit') ?? units[0]?.unit;
    parts.push(h('nav', { class: 'units' }, `${t('chooseUnit')}: `,
      units.map((unit) => h('a', { href: `#/appraiser?unit=${unit.unit}`, class: unit.unit === chosen ? 'current' : '', title: unit.name, text: unit.unit }))));
    if (chosen) parts.push(await unitSection(chosen, assignment, campaign, render));
    // The unit's bonus and deduction claims, which its appraisers decide (the chair sees every claim above).
    if (chosen && !chair) parts.push(...await claimSections(campaign, render, { unit: chosen, kinds: ['adjustments'] }));
  }
  main.replaceChildren(...parts.filter(Boolean));
}

/** A history event's details in words: "Điểm: 1,5; Lý do: …". */
function detailsText(details) {
  return Object.entries(details).map(([key, value]) => {
    let shown;
    if (key === 'points') shown = number(value);
    else if (key === 'until') shown = dateTime(value);
    else if (key === 'explanationRequested') shown = value ? t('yes') : t('no');
    else if (key === 'decision' && typeof value === 'string') shown = label('na', value);
    else if (key === 'decision' && value?.number) shown = `${value.number} (${date(value.date)})`;
    else if (key === 'outcome') shown = label('outcome', value);
    else if (key === 'objection') shown = value.slice(0, 8) + '…';
    else if (key === 'change') shown = `${number(value.points)} — ${value.reason}`;
    else shown = typeof value === 'string' ? value : JSON.stringify(value);
    return `${label('detail', key)}: ${shown}`;
  }).join('; ');
}

function historyTable(events) {
  return table([t('seq'), t('time'), t('event'), t('actor'), t('details')], events.map((event) => [number(event.seq), dateTime(event.recordedAt),
    label('event', event.type), `${event.name}${event.role ? ` (${label('role', event.role)})` : ''}`, detailsText(event.details)]),
  { class: 'history' });
}

async function unitSection(unit, assignment, campaign, render) {
  // Three requests for the whole unit, whatever its number of leaves: the histories come in one.
  const [criteria, scores, histories] = await Promise.all([call(`/api/units/${unit}/criteria`),
    call(`/api/units/${unit}/scores`), call(`/api/units/${unit}/history`)]);
  const evidence = await unitEvidence(unit);
  const byLeaf = new Map(scores.leaves.map((leaf) => [leaf.leaf, leaf]));
  const historyOf = new Map(histories.leaves.map((history) => [history.leaf, history]));
  const round = campaign.preliminaryIssuedAt ? 2 : 1;
  // An appraiser of some of the unit's domains is given no totals (scores.result): name it from the campaign.
  const name = campaign.units.find((item) => item.unit === unit)?.name ?? scores.result?.name ?? unit;
  const section = h('section', { id: 'appraise-unit', 'data-unit': unit }, h('h2', { text: `${name} (${unit})` }));
  for (const node of criteria.nodes) {
    if (!node.leaf || node.leaf.method !== 'TĐG' || !assignment.domains.includes(node.code.split('.')[0])) continue;
    const score = byLeaf.get(node.code);
    const history = historyOf.get(node.code) ?? { events: [] };
    const documents = evidence.filter((item) => item.leaf === node.code);
    // Files named by explanations and objections (no document particulars in the history); the
    // unit's signed report is the whole unit's, so only for one who appraises every domain (totals shown).
    const otherFiles = history.events.filter((event) => event.type !== 'evidence.attached/v1'
      && (scores.result || event.type !== 'selfAssessment.submitted/v1')).flatMap((event) => event.evidence);
    const form = h('form', { class: 'appraise-form row', onsubmit: (event) => {
      event.preventDefault();
      const data = values(form);
      // A resolved objection is final: a round 2 cites the latest resolution on the leaf (and must agree with it).
      const resolved = history.events.findLast((item) => item.type === 'objection.resolved/v1');
      const appraisal = acts.appraisal({ unit, leaf: node.code, round: data.round, points: data.points, reason: data.reason,
        explanationRequested: form.elements.explanationRequested.checked,
        objection: Number(data.round) === 2 ? resolved?.details.objection : undefined });
      submitting(form, () => act(...appraisal), render);
    } },
    h('label', { class: 'field' }, h('span', { text: t('round') }),
      h('select', { name: 'round', 'data-field': 'round' }, [1, 2].map((value) => h('option', { value, selected: value === round, text: String(value) })))),
    field(t('points'), 'points', { required: true, size: 6, inputmode: 'decimal' }),
    field(t('reason'), 'reason', { size: 40 }),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'explanationRequested' }), t('requestExplanation')),
    h('button', { type: 'submit', text: t('appraise') }));
    section.append(h('div', { class: 'leaf', 'data-leaf': node.code },
      h('h4', { text: `${node.code}. ${node.name} (${t('maxPoints')} ${number(node.leaf.maxPoints)})` }),
      h('p', {}, `${t('selfScore')}: `, h('strong', { class: 'self-score', text: number(score?.selfScore) }),
        ` — ${t('round1')}: ${number(score?.round1)} — ${t('round2')}: ${number(score?.round2)}`,
        score?.notApplicable ? h('span', { class: 'na-state', text: ` — ${t('na')}: ${label('na', score.notApplicable)}` }) : ''),
      documents.length || otherFiles.length ? h('ul', { class: 'evidence' },
        documents.map((item) => h('li', { class: item.withdrawn ? 'withdrawn' : '', 'data-evidence': item.evidence },
          h('a', { href: `/api/blobs/${item.sha256}`, download: item.name, text: item.name }),
          h('span', { class: 'document', text: item.document ? ` — ${documentLine(item.document, date)}` : '' }),
          item.withdrawn ? h('em', { text: ` (${t('withdrawn')})` }) : null)),
        otherFiles.map((item) => h('li', {}, h('a', { href: `/api/blobs/${item.sha256}`, download: item.name, text: item.name })))) : null,
      h('details', {}, h('summary', { text: t('history') }), historyTable(history.events)),
      score?.notApplicable === 'pending' ? notApplicableForm(unit, node.code, history, render) : null,
      form));
  }
  return section;
}

/** Confirm or reject a unit's pending N/A claim, with the claim's reason shown. */
function notApplicableForm(unit, leaf, history, render) {
  const claim = [...history.events].reverse().find((event) => event.type === 'notApplicable.claimed/v1');
  const form = h('form', { class: 'na-decide-form row', onsubmit: (event) => {
    event.preventDefault();
    const data = values(form);
    submitting(form, () => act(...acts.notApplicableDecision({ unit, leaf, decision: data.decision, reason: data.reason })), render);
  } },
  h('p', { class: 'claim-reason', text: `${t('naClaims')}: ${claim?.details.reason ?? ''}` }),
  choice(t('naDecide'), 'decision', [['confirmed', t('naConfirm')], ['rejected', t('naReject')]]),
  field(t('reason'), 'reason', { required: true, size: 40 }),
  h('button', { type: 'submit', text: t('send') }));
  return form;
}

async function objectionsSection(campaign, render) {
  const disputes = await call('/api/disputes?status=open');
  // The objection's text is in the unit's history: one request per unit concerned.
  const units = [...new Set(disputes.disputes.map((dispute) => dispute.unit))];
  const histories = new Map(await Promise.all(units.map(async (unit) => [unit, await call(`/api/units/${unit}/history`)])));
  const nameOf = new Map(campaign.units.map((unit) => [unit.unit, unit.name]));
  const section = h('section', { id: 'objections' }, h('h2', { text: t('openDisputes') }));
  for (const dispute of disputes.disputes) {
    const events = histories.get(dispute.unit)?.leaves.find((history) => history.leaf === dispute.leaf)?.events ?? [];
    const filed = events.find((event) => event.type === 'objection.filed/v1' && event.recordedAt === dispute.filedAt);
    const form = h('form', { class: 'resolve-form row', onsubmit: confirmed(t('resolve'), t('confirmResolve'), () => {
      const data = values(form);
      const resolution = acts.resolution({ objection: dispute.objection, outcome: data.outcome, points: data.points,
        reasoning: data.reasoning });
      return submitting(form, () => act(...resolution), render);
    }) },
    choice(t('resolve'), 'outcome', [['accepted', t('accepted')], ['rejected', t('rejected')]]),
    field(t('points'), 'points', { size: 6, inputmode: 'decimal' }),
    field(t('reasoning'), 'reasoning', { required: true, size: 40 }),
    h('button', { type: 'submit', text: t('send') }));
    section.append(h('div', { class: 'dispute', 'data-objection': dispute.objection },
      h('p', { text: `${nameOf.get(dispute.unit) ?? dispute.unit} — ${t('leaf')} ${dispute.leaf} — ${t('contested')}: ${number(dispute.contested)} (${t('filedAt')} ${dateTime(dispute.filedAt)})` }),
      filed ? h('blockquote', { class: 'objection-text', text: filed.details.text }) : null,
      filed?.evidence.length ? h('ul', { class: 'evidence' }, filed.evidence.map((item) =>
        h('li', {}, h('a', { href: `/api/blobs/${item.sha256}`, download: item.name, text: item.name })))) : null,
      form));
  }
  if (!disputes.disputes.length) section.append(h('p', { class: 'muted', text: t('noData') }));
  return section;
}

/** The council's report, approved once after preliminary results; then results can be published. */
function councilReportSection(campaign, render) {
  const section = h('section', { id: 'council-report' }, h('h2', { text: t('councilReport') }));
  if (campaign.councilReportApproved) {
    section.append(h('p', { class: 'ok', id: 'report-approved', text: `✓ ${t('reportApproved')}` }));
    return section;
  }
  if (!campaign.preliminaryIssuedAt) return null;
  const form = h('form', { id: 'report-form', class: 'row', onsubmit: confirmed(t('approveReport'), t('confirmReport'), () => {
    const data = values(form);
    return submitting(form, async () => act(...acts.councilReport({ number: data.number, date: data.date, summary: data.summary,
      documents: await evidenceOf(form) })), render);
  }) },
  field(t('reportNumber'), 'number', { required: true, size: 16 }),
  dateField(t('reportDate'), 'date', { required: true, value: todayInVietnam() }),
  area(t('summary'), 'summary'), documentInputs(t('councilReportFile')),
  h('button', { type: 'submit', class: 'danger', text: t('approveReport') }));
  section.append(form);
  return section;
}
