// The appraiser's page: their assigned domains across units; per leaf the self-score, the
// evidence (downloadable) and the history; appraise with a reason; and, for the council chair,
// the open objections to resolve.
import { acts } from './acts.js';
import { act, call, session } from './api.js';
import { field, h, signedIn, submitting, table, values } from './dom.js';
import { t } from './i18n.js';

export async function appraiserPage(main, params, render) {
  const info = signedIn(main, ['appraiser', 'councilChair']);
  if (!info) return;
  const campaign = await call('/api/campaign');
  const assignment = campaign.assignments.find((item) => item.keyId === session.key.keyId);
  const parts = [h('h1', { text: `${t('navAppraiser')}: ${info.name}` })];
  if (info.role === 'councilChair') parts.push(await objectionsSection(render));
  if (assignment) {
    parts.push(h('p', {}, `${t('yourDomains')}: `, h('strong', { id: 'domains', text: assignment.domains.join(', ') })));
    const units = campaign.units.filter((unit) => unit.unit !== assignment.ownUnit);
    const chosen = params.get('unit') ?? units[0]?.unit;
    parts.push(h('nav', { class: 'units' }, `${t('chooseUnit')}: `,
      units.map((unit) => h('a', { href: `#/appraiser?unit=${unit.unit}`, class: unit.unit === chosen ? 'current' : '', text: unit.unit }))));
    if (chosen) parts.push(await unitSection(chosen, assignment, campaign, render));
  }
  main.replaceChildren(...parts);
}

async function unitSection(unit, assignment, campaign, render) {
  // Three requests for the whole unit, whatever its number of leaves: the histories come in one.
  const [criteria, scores, histories] = await Promise.all([call(`/api/units/${unit}/criteria`),
    call(`/api/units/${unit}/scores`), call(`/api/units/${unit}/history`)]);
  const byLeaf = new Map(scores.leaves.map((leaf) => [leaf.leaf, leaf]));
  const historyOf = new Map(histories.leaves.map((history) => [history.leaf, history]));
  const round = campaign.preliminaryIssuedAt ? 2 : 1;
  const section = h('section', { id: 'appraise-unit', 'data-unit': unit }, h('h2', { text: `${scores.result.name} (${unit})` }));
  for (const node of criteria.nodes) {
    if (!node.leaf || node.leaf.method !== 'TĐG' || !assignment.domains.includes(node.code.split('.')[0])) continue;
    const score = byLeaf.get(node.code);
    const history = historyOf.get(node.code) ?? { events: [] };
    const evidence = history.events.flatMap((event) => event.evidence);
    const form = h('form', { class: 'appraise-form row', onsubmit: (event) => {
      event.preventDefault();
      const data = values(form);
      const appraisal = acts.appraisal({ unit, leaf: node.code, round: data.round, points: data.points, reason: data.reason,
        explanationRequested: form.elements.explanationRequested.checked });
      submitting(form, () => act(...appraisal), render);
    } },
    h('label', { class: 'field' }, h('span', { text: t('round') }),
      h('select', { name: 'round', 'data-field': 'round' }, [1, 2].map((value) => h('option', { value, selected: value === round, text: String(value) })))),
    field(t('points'), 'points', { required: true, size: 6, inputmode: 'decimal' }),
    field(t('reason'), 'reason', { size: 40 }),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'explanationRequested' }), t('requestExplanation')),
    h('button', { type: 'submit', text: t('appraise') }));
    section.append(h('div', { class: 'leaf', 'data-leaf': node.code },
      h('h4', { text: `${node.code}. ${node.name} (${t('maxPoints')} ${node.leaf.maxPoints})` }),
      h('p', {}, `${t('selfScore')}: `, h('strong', { class: 'self-score', text: score?.selfScore ?? '—' }),
        ` — ${t('round1')}: ${score?.round1 ?? '—'} — ${t('round2')}: ${score?.round2 ?? '—'}`),
      evidence.length ? h('ul', { class: 'evidence' }, evidence.map((item) =>
        h('li', {}, h('a', { href: `/api/blobs/${item.sha256}`, download: item.name, text: item.name })))) : null,
      h('details', {}, h('summary', { text: t('history') }),
        table(['seq', t('event'), t('actor'), t('details')], history.events.map((event) => [String(event.seq), event.type, event.name,
          Object.entries(event.details).map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`).join('; ')]))),
      form));
  }
  return section;
}

async function objectionsSection(render) {
  const disputes = await call('/api/disputes?status=open');
  const section = h('section', { id: 'objections' }, h('h2', { text: t('openDisputes') }));
  for (const dispute of disputes.disputes) {
    const form = h('form', { class: 'resolve-form row', onsubmit: (event) => {
      event.preventDefault();
      const data = values(form);
      const resolution = acts.resolution({ objection: dispute.objection, outcome: data.outcome, points: data.points,
        reasoning: data.reasoning });
      submitting(form, () => act(...resolution), render);
    } },
    h('label', { class: 'field' }, h('span', { text: t('resolve') }), h('select', { name: 'outcome', 'data-field': 'outcome' },
      h('option', { value: 'accepted', text: t('accepted') }), h('option', { value: 'rejected', text: t('rejected') }))),
    field(t('points'), 'points', { size: 6 }),
    field(t('reasoning'), 'reasoning', { required: true, size: 40 }),
    h('button', { type: 'submit', text: t('send') }));
    section.append(h('div', { class: 'dispute', 'data-objection': dispute.objection },
      h('p', { text: `${dispute.unit} ${dispute.leaf} — ${t('contested')}: ${dispute.contested ?? '—'} (${dispute.filedAt})` }), form));
  }
  if (!disputes.disputes.length) section.append(h('p', { class: 'muted', text: t('noData') }));
  return section;
}
