// The unit officer's page (and the unit leader's): the criteria tree with max points and rule
// text, self-scores, evidence, N/A claims, progress, submission; after preliminary results, each
// appraised leaf with its reasons and a form to explain or object.
import { acts } from './acts.js';
import { act, call, upload } from './api.js';
import { field, h, signedIn, submitting, values } from './dom.js';
import { t } from './i18n.js';

export async function officerPage(main, params, render) {
  const info = signedIn(main, ['unitOfficer', 'unitLeader']);
  if (!info) return;
  const unit = info.unit;
  const [campaign, criteria, scores] = await Promise.all([
    call('/api/campaign'), call(`/api/units/${unit}/criteria`), call(`/api/units/${unit}/scores`),
  ]);
  const facts = campaign.units.find((item) => item.unit === unit);
  const byLeaf = new Map(scores.leaves.map((leaf) => [leaf.leaf, leaf]));
  const open = !facts.submittedAt && !campaign.preliminaryIssuedAt;
  const done = facts.answered;
  const officer = info.role === 'unitOfficer';
  const parts = [
    h('h1', { text: `${facts.name} (${unit})` }),
    h('p', {}, `${t('deadline')}: ${facts.selfScoringCloses} — ${t('status')}: `,
      h('strong', { id: 'unit-status', text: facts.submittedAt ? `${t('submitted')} ${facts.submittedAt}` : t('notSubmitted') })),
    h('p', { class: 'progress' }, `${t('progress')}: `, h('strong', { id: 'progress', text: `${done}/${facts.selfAssessedLeaves}` }),
      ` ${t('scored')}`, h('progress', { max: facts.selfAssessedLeaves, value: done })),
  ];
  if (info.role === 'unitLeader' && !facts.submittedAt) {
    const form = h('form', { id: 'submit-form', onsubmit: (event) => {
      event.preventDefault();
      submitting(form, () => act(...acts.submit({ unit })), render);
    } }, h('input', { type: 'hidden', 'data-field': 'unit' }), h('button', { type: 'submit', text: t('submit') }));
    parts.push(form);
  }
  if (campaign.preliminaryIssuedAt) parts.push(await preliminarySection(unit, scores, render));
  for (const node of criteria.nodes) {
    if (!node.leaf) {
      parts.push(h(node.depth === 1 ? 'h2' : 'h3', { class: 'node', text: `${node.code}. ${node.name}` }));
      continue;
    }
    parts.push(leafCard(unit, node, byLeaf.get(node.code), officer && open, render));
  }
  main.replaceChildren(...parts);
}

function leafCard(unit, node, score, editable, render) {
  const leaf = node.leaf;
  const card = h('section', { class: 'leaf', 'data-leaf': node.code },
    h('h4', {}, `${node.code}. ${node.name} `, h('span', { class: 'max', text: `(${t('maxPoints')} ${leaf.maxPoints}, ${leaf.method})` })),
    h('details', {}, h('summary', { text: t('rule') }), h('p', { text: leaf.rule }),
      leaf.evidence.length ? h('ul', {}, leaf.evidence.map((text) => h('li', { text }))) : null,
      leaf.allowedValues ? h('p', { class: 'muted', text: leaf.allowedValues.join(' / ') }) : null),
    h('p', { class: 'current' }, `${t('selfScore')}: `, h('strong', { class: 'self-score', text: score?.selfScore ?? '—' }),
      ` — ${t('evidence')}: ${score?.evidence ?? 0}`, score?.notApplicable ? ` — ${t('na')}: ${score.notApplicable}` : ''));
  if (!editable || leaf.method !== 'TĐG') return card;
  const scoreForm = h('form', { class: 'score-form row', onsubmit: (event) => {
    event.preventDefault();
    const form = values(scoreForm);
    submitting(scoreForm, () => act(...acts.selfScore({ unit, leaf: node.code, points: form.points, note: form.note })), render);
  } },
  field(t('points'), 'points', { inputmode: 'decimal', size: 6, required: true, value: score?.selfScore ?? '' }),
  field(t('note'), 'note', { size: 40 }),
  h('button', { type: 'submit', text: t('save') }));
  const evidenceForm = h('form', { class: 'evidence-form row', onsubmit: (event) => {
    event.preventDefault();
    const form = values(evidenceForm);
    const file = evidenceForm.elements.file.files[0];
    submitting(evidenceForm, async () => act(...acts.evidence({
      unit, leaf: node.code, blob: await upload(file), number: form.number, issuer: form.issuer, issuedOn: form.issuedOn,
    })), render);
  } },
  h('label', { class: 'field' }, h('span', { text: t('upload') }), h('input', { type: 'file', name: 'file', 'data-field': 'blob', required: true })),
  field(t('docNumber'), 'number', { required: true, size: 12, 'data-field': 'document' }),
  field(t('issuer'), 'issuer', { required: true, size: 20 }),
  field(t('issuedOn'), 'issuedOn', { type: 'date', required: true }),
  h('button', { type: 'submit', text: t('upload') }));
  card.append(scoreForm, evidenceForm);
  if (leaf.notApplicable !== 'notAllowed') {
    const naForm = h('form', { class: 'na-form row', onsubmit: (event) => {
      event.preventDefault();
      submitting(naForm, () => act(...acts.notApplicable({ unit, leaf: node.code, reason: values(naForm).reason })), render);
    } }, field(t('reason'), 'reason', { required: true, size: 40 }), h('button', { type: 'submit', text: t('claimNA') }));
    card.append(naForm);
  }
  return card;
}

async function preliminarySection(unit, scores, render) {
  const appraised = scores.leaves.filter((leaf) => leaf.round1 !== null || leaf.round2 !== null);
  // One request for every leaf's history, whatever their number.
  const histories = appraised.length ? await call(`/api/units/${unit}/history`) : { leaves: [] };
  const historyOf = new Map(histories.leaves.map((history) => [history.leaf, history]));
  const section = h('section', { class: 'preliminary', id: 'preliminary' }, h('h2', { text: t('resultsPreliminary') }));
  for (const leaf of appraised) {
    const history = historyOf.get(leaf.leaf) ?? { events: [] };
    const reasons = history.events.filter((event) => event.type === 'appraisal.recorded/v1')
      .map((event) => `${t('round')} ${event.details.round}: ${event.details.points}${event.details.reason ? ' — ' + event.details.reason : ''} (${event.name})`);
    const form = (label, kind, cls) => {
      const element = h('form', { class: `${cls} row`, onsubmit: (event) => {
        event.preventDefault();
        submitting(element, () => act(...acts[kind]({ unit, leaf: leaf.leaf, text: values(element).text })), render);
      } }, field(label, 'text', { required: true, size: 50 }), h('button', { type: 'submit', text: t('send') }));
      return element;
    };
    section.append(h('div', { class: 'appraised', 'data-leaf': leaf.leaf },
      h('h4', {}, `${leaf.leaf}. ${leaf.name}: ${t('selfScore')} ${leaf.selfScore ?? '—'} → ${t('appraised')} `,
        h('strong', { text: leaf.appraised ?? '—' })),
      h('ul', {}, reasons.map((text) => h('li', { text }))),
      form(t('explain'), 'explanation', 'explain-form'),
      form(t('object'), 'objection', 'object-form')));
  }
  return section;
}
