// The unit officer's page (and the unit leader's): the criteria tree with max points and rule
// text, self-scores, evidence (attach, withdraw), N/A claims, progress, submission; bonus claims;
// after preliminary results, each appraised leaf with its reasons and forms to explain or object,
// with evidence, and what the unit already sent.
import { acts } from './acts.js';
import { act, call, upload } from './api.js';
import { claimSections } from './claims.js';
import { confirmed } from './confirm.js';
import { cosignSection } from './cosign.js';
import { downloads } from './downloads.js';
import { area, choice, dateField, field, h, signedIn, submitting, values } from './dom.js';
import { documentInputs, documentLine, evidenceInputs, evidenceOf } from './evidence.js';
import { date, dateTime, number } from './format.js';
import { label, t } from './i18n.js';
import { inboxSection } from './inbox.js';
import { unitEvidence } from './ledgerreads.js';

export async function officerPage(main, params, render) {
  const info = signedIn(main, ['unitOfficer', 'unitLeader']);
  if (!info) return;
  const unit = info.unit;
  const [campaign, criteria, scores, histories] = await Promise.all([
    call('/api/campaign'), call(`/api/units/${unit}/criteria`), call(`/api/units/${unit}/scores`), call(`/api/units/${unit}/history`),
  ]);
  const facts = campaign.units.find((item) => item.unit === unit);
  const byLeaf = new Map(scores.leaves.map((leaf) => [leaf.leaf, leaf]));
  const historyOf = new Map(histories.leaves.map((history) => [history.leaf, history]));
  const evidence = await unitEvidence(unit);
  const now = new Date().toISOString();
  // `selfScoringCloses` is the unit's own: the deadline, or a reopening's end (a reopening undoes a submission).
  const open = !facts.submittedAt && !campaign.preliminaryIssuedAt && now < facts.selfScoringCloses;
  const done = facts.answered;
  const officer = info.role === 'unitOfficer';
  const parts = [
    h('h1', { text: `${facts.name} (${unit})` }),
    await inboxSection(info.role),
    h('p', {}, `${t('deadline')}: ${dateTime(facts.selfScoringCloses)}`,
      facts.reopenedUntil ? ` — ${t('reopenedUntil')} ${dateTime(facts.reopenedUntil)}` : '', ` — ${t('status')}: `,
      h('strong', { id: 'unit-status', text: facts.submittedAt ? `${t('submitted')} ${dateTime(facts.submittedAt)}` : t('notSubmitted') })),
    h('p', { class: 'progress' }, `${t('progress')}: `, h('strong', { id: 'progress', text: `${number(done)}/${number(facts.selfAssessedLeaves)}` }),
      ` ${t('scored')}`, h('progress', { max: facts.selfAssessedLeaves, value: done })),
    h('p', { class: 'result', id: 'adjustments-now' },
      `${t('bonusShort')}: ${number(scores.result.bonus)} — ${t('deductionShort')}: ${number(scores.result.deductions)}`),
  ];
  if (info.role === 'unitLeader' && !facts.submittedAt) {
    const form = h('form', { id: 'submit-form', onsubmit: confirmed(t('submit'), t('confirmSubmit'),
      () => submitting(form, async () => act(...acts.submit({ unit, documents: await evidenceOf(form) })), render)) },
    h('input', { type: 'hidden', 'data-field': 'unit' }), documentInputs(t('unitReport')),
    h('button', { type: 'submit', class: 'danger', text: t('submit') }));
    parts.push(form);
  }
  parts.push(downloads(campaign.preliminaryIssuedAt ? ['scorecard', 'differences', 'disputes'] : ['scorecard'], { unit }));
  if (campaign.preliminaryIssuedAt) parts.push(preliminarySection(unit, scores, historyOf, officer && !campaign.councilReportApproved, render));
  if (officer && !campaign.councilReportApproved) parts.push(bonusSection(unit, criteria, render));
  // What became of the unit's bonus claims and the deductions proposed for it.
  parts.push(...await claimSections(campaign, render, { decides: false, unit, kinds: ['adjustments'] }));
  parts.push(cosignSection());
  for (const node of criteria.nodes) {
    if (!node.leaf) {
      parts.push(h(node.depth === 1 ? 'h2' : 'h3', { class: 'node', text: `${node.code}. ${node.name}` }));
      continue;
    }
    parts.push(leafCard(unit, node, byLeaf.get(node.code), evidence.filter((item) => item.leaf === node.code), officer && open, render));
  }
  main.replaceChildren(...parts);
}

function leafCard(unit, node, score, evidence, editable, render) {
  const leaf = node.leaf;
  const card = h('section', { class: 'leaf', 'data-leaf': node.code },
    h('h4', {}, `${node.code}. ${node.name} `,
      h('span', { class: 'max', text: `(${t('maxPoints')} ${number(leaf.maxPoints)}, ${label('method', leaf.method)})` })),
    h('details', {}, h('summary', { text: t('rule') }), h('p', { text: leaf.rule }),
      leaf.evidence.length ? h('ul', {}, leaf.evidence.map((text) => h('li', { text }))) : null,
      leaf.allowedValues ? h('p', { class: 'muted', text: leaf.allowedValues.map(number).join(' / ') }) : null),
    h('p', { class: 'current' }, `${t('selfScore')}: `, h('strong', { class: 'self-score', text: number(score?.selfScore) }),
      ` — ${t('evidence')}: ${number(score?.evidence ?? 0)}`,
      score?.notApplicable ? h('span', { class: 'na-state', text: ` — ${t('na')}: ${label('na', score.notApplicable)}` }) : ''));
  if (evidence.length) {
    card.append(h('ul', { class: 'evidence' }, evidence.map((item) => evidenceItem(unit, node.code, item, editable, render))));
  }
  if (!editable || leaf.method !== 'TĐG') return card;
  const scoreForm = h('form', { class: 'score-form row', onsubmit: (event) => {
    event.preventDefault();
    const form = values(scoreForm);
    submitting(scoreForm, () => act(...acts.selfScore({ unit, leaf: node.code, points: form.points, note: form.note })), render);
  } },
  field(t('points'), 'points', { inputmode: 'decimal', size: 6, required: true, value: score?.selfScore ? number(score.selfScore) : '' }),
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
  dateField(t('issuedOn'), 'issuedOn', { required: true }),
  h('button', { type: 'submit', text: t('upload') }));
  card.append(scoreForm, evidenceForm);
  if (leaf.notApplicable !== 'notAllowed' && score?.notApplicable !== 'pending' && score?.notApplicable !== 'confirmed') {
    const naForm = h('form', { class: 'na-form row', onsubmit: (event) => {
      event.preventDefault();
      submitting(naForm, () => act(...acts.notApplicable({ unit, leaf: node.code, reason: values(naForm).reason })), render);
    } }, field(t('reason'), 'reason', { required: true, size: 40 }), h('button', { type: 'submit', text: t('claimNA') }));
    card.append(naForm);
  }
  return card;
}

/** One evidence file: a link, its document's particulars, and (while self-scoring is open) a way to withdraw it. */
function evidenceItem(unit, leaf, item, editable, render) {
  const line = h('li', { 'data-evidence': item.evidence, class: item.withdrawn ? 'withdrawn' : '' },
    h('a', { href: `/api/blobs/${item.sha256}`, download: item.name, text: item.name }),
    h('span', { class: 'document', text: ` — ${documentLine(item.document, date)}` }),
    item.withdrawn ? h('em', { text: ` (${t('withdrawn')})` }) : null);
  if (editable && !item.withdrawn) {
    const form = h('form', { class: 'withdraw-form row', onsubmit: (event) => {
      event.preventDefault();
      submitting(form, () => act(...acts.evidenceWithdrawal({ unit, leaf, evidence: item.evidence, reason: values(form).reason })), render);
    } }, field(t('reason'), 'reason', { required: true, size: 30 }), h('button', { type: 'submit', class: 'secondary', text: t('withdraw') }));
    line.append(form);
  }
  return line;
}

/** Bonus claims (deductions are the secretariat's), with optional evidence. */
function bonusSection(unit, criteria, render) {
  const items = criteria.items.filter((item) => item.kind === 'bonus');
  if (!items.length) return null;
  const form = h('form', { id: 'bonus-form', class: 'row', onsubmit: (event) => {
    event.preventDefault();
    const data = values(form);
    submitting(form, async () => act(...acts.adjustmentClaim({ unit, item: data.adjustmentItem, points: data.points, reason: data.reason,
      evidence: await evidenceOf(form) })), render);
  } },
  // Not named `item`: a form's `elements.item` is the collection's method, not the field.
      choice(t('item'), 'adjustmentItem', items.map((item) => [item.code, `${item.code}. ${item.name} (${t('maxPoints')} ${number(item.maxPoints)})`]), { 'data-field': 'item' }),
  field(t('points'), 'points', { required: true, size: 6, inputmode: 'decimal' }),
  area(t('reason'), 'reason', { required: true }),
  evidenceInputs(),
  h('button', { type: 'submit', text: t('claimBonus') }));
  return h('section', { id: 'bonus' }, h('h2', { text: t('claimBonus') }), form);
}

function preliminarySection(unit, scores, historyOf, mayWrite, render) {
  const appraised = scores.leaves.filter((leaf) => leaf.round1 !== null || leaf.round2 !== null);
  const section = h('section', { class: 'preliminary', id: 'preliminary' }, h('h2', { text: t('resultsPreliminary') }));
  for (const leaf of appraised) {
    const history = historyOf.get(leaf.leaf) ?? { events: [] };
    const reasons = history.events.filter((event) => event.type === 'appraisal.recorded/v1')
      .map((event) => `${t('round')} ${event.details.round}: ${number(event.details.points)}${event.details.reason ? ' — ' + event.details.reason : ''} (${event.name}, ${dateTime(event.recordedAt)})`);
    // What the unit already sent: listed at once after it is sent, with the council's answer.
    const sent = history.events.filter((event) => ['explanation.submitted/v1', 'objection.filed/v1', 'objection.resolved/v1'].includes(event.type))
      .map((event) => h('li', { class: 'sent', 'data-type': event.type },
        h('strong', { text: `${label('event', event.type)} ` }), `(${dateTime(event.recordedAt)}): `,
        event.details.text ?? (event.details.outcome ? `${label('outcome', event.details.outcome)}${event.details.points ? ' — ' + number(event.details.points) : ''} — ${event.details.reasoning}` : ''),
        event.evidence.length ? ` — ${t('evidence')}: ${event.evidence.map((item) => item.name).join(', ')}` : ''));
    const form = (labelText, kind, cls) => {
      const element = h('form', { class: `${cls} row`, onsubmit: (event) => {
        event.preventDefault();
        submitting(element, async () => act(...acts[kind]({ unit, leaf: leaf.leaf, text: values(element).text,
          evidence: await evidenceOf(element) })), render);
      } }, area(labelText, 'text', { required: true }), evidenceInputs(), h('button', { type: 'submit', text: t('send') }));
      return element;
    };
    section.append(h('div', { class: 'appraised', 'data-leaf': leaf.leaf },
      h('h4', {}, `${leaf.leaf}. ${leaf.name}: ${t('selfScore')} ${number(leaf.selfScore)} → ${t('appraised')} `,
        h('strong', { text: number(leaf.appraised) })),
      h('ul', {}, reasons.map((text) => h('li', { text }))),
      sent.length ? h('ul', { class: 'sent-list' }, sent) : null,
      mayWrite ? form(t('explain'), 'explanation', 'explain-form') : null,
      mayWrite ? form(t('object'), 'objection', 'object-form') : null));
  }
  return section;
}
