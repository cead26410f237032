// The secretariat's campaign dashboard: deadlines, submissions against the deadline, survey
// coverage against quota, open objections, claims, the latest checkpoint and the documents; and,
// signed in, the secretariat's acts (keys, units, appraisers, reopenings, claims, survey forms,
// preliminary results) and the authority's (publication, correction).
import { parsePublicKey, publicKeyProblem } from './ed25519.js';
import { acts, fileActs } from './acts.js';
import { act, actBatch, call, hasKeptBatch, session, signOut } from './api.js';
import { claimSections } from './claims.js';
import { confirmed } from './confirm.js';
import { decisionSections } from './decisions.js';
import { downloads } from './downloads.js';
import { area, choice, dateField, field, h, loading, submitting, table, values } from './dom.js';
import { documentInputs, evidenceInputs, evidenceOf } from './evidence.js';
import { dateTime, number, percent, todayInVietnam, vietnamTimeToTimestamp } from './format.js';
import { both, groupName, label, lang, t } from './i18n.js';
import { inboxSection } from './inbox.js';

const roles = ['unitOfficer', 'unitLeader', 'appraiser', 'councilChair', 'surveyClerk', 'auditor', 'secretariat'];

export async function secretariatPage(main, params, render) {
  main.replaceChildren(loading());
  // Campaign progress is public; survey coverage and the disputes register are for the council,
  // the secretariat, the authority and auditors (and coverage for survey clerks).
  const role = session.info?.role;
  const seesAll = ['secretariat', 'authority', 'councilChair', 'auditor'].includes(role);
  const [campaign, coverage, disputes] = await Promise.all([
    call('/api/campaign'), seesAll || role === 'surveyClerk' ? call('/api/survey/coverage') : null,
    seesAll ? call('/api/disputes?status=open') : null,
  ]);
  let checkpoint = null;
  try {
    checkpoint = await call('/api/checkpoint');
  } catch {}
  const deadlines = campaign.deadlines;
  const now = new Date().toISOString();
  const nameOf = new Map(campaign.units.map((unit) => [unit.unit, unit.name]));
  const status = (unit) => unit.withdrawn ? `${t('unitWithdrawn')} — ${unit.withdrawn.reason}${unit.withdrawn.successor ? ` → ${unit.withdrawn.successor}` : ''}`
    : unit.submittedAt ? `${t('submitted')} ${dateTime(unit.submittedAt)}${unit.late ? ' — ' + t('late') : ''}`
    : `${t('notSubmitted')}${unit.reopenedUntil ? ` — ${t('reopenedUntil')} ${dateTime(unit.reopenedUntil)}` : ''}${now > unit.selfScoringCloses ? ' — ' + t('lateNotice') : ''}`;
  const parts = [
    h('h1', { text: `${t('navSecretariat')} — ${campaign.year}` }),
    role ? await inboxSection(role) : null,
    h('p', {}, `${t('deadline')}: `, h('strong', { id: 'deadline', text: dateTime(deadlines.selfScoringCloses) })),
    table([t('deadlines'), t('time')], [['selfScoringOpens', 'selfScoringCloses', 'round1Closes', 'explanationCloses', 'round2Closes']]
      .flat().map((key) => [key === 'selfScoringCloses' ? t('deadline') : t(key), dateTime(deadlines[key])]), { id: 'deadlines' }),
    campaign.decisions?.length ? h('p', { class: 'ok', id: 'published', text: `${t('published')} ${campaign.decisions.join(', ')}` }) : null,
    table([t('unit'), t('name'), t('group'), t('progress'), t('status')], campaign.units.map((unit) => [unit.unit, unit.name,
      groupName(campaign, unit.group), `${number(unit.answered)}/${number(unit.selfAssessedLeaves)}`, status(unit)]), { id: 'submissions' }),
    coverage ? [h('h2', { text: `${t('coverage')}: ${number(coverage.received)}/${number(coverage.planned)} (${percent(coverage.coverage)})` }),
      table([t('unit'), t('name'), t('planned'), t('received'), t('valid')], coverage.units.map((unit) => {
        const sum = (key) => unit.groups.reduce((total, group) => total + group[key], 0);
        return [unit.unit, unit.name, number(sum('planned')), number(sum('received')), number(sum('valid'))];
      }), { id: 'coverage' })] : null,
    coverage ? await surveyAnswersSection(params, render) : null,
    disputes ? [h('h2', { text: `${t('openDisputes')}: ${number(disputes.disputes.length)}` }),
      table([t('unit'), t('leaf'), t('contested'), t('filedAt'), t('status')], disputes.disputes.map((item) => [nameOf.get(item.unit) ?? item.unit,
        item.leaf, number(item.contested), dateTime(item.filedAt), label('dispute', item.status)]), { id: 'disputes' })] : null,
    seesAll ? await claimSections(campaign, render, { decides: role === 'councilChair' }) : null,
    seesAll ? downloads(['results', 'differences', 'disputes', 'survey', 'minutes']) : null,
    h('h2', { text: t('checkpoint') }),
    checkpoint ? h('pre', { class: 'note', text: checkpoint.note }) : h('p', { text: t('noCheckpoint') }),
  ];
  if (['secretariat', 'surveyClerk'].includes(role)) {
    parts.push(h('h2', { text: t('surveyImport') }),
      h('p', {}, h('a', { href: '#/survey', id: 'survey-keying-link', text: t('keyingFromSecretariat') })), await surveyImportForm(render));
  }
  if (role === 'secretariat') parts.push(...await secretariatActs(campaign, render));
  if (['secretariat', 'authority'].includes(role)) parts.push(...decisionSections(campaign, role, render));
  if (['secretariat', 'authority'].includes(role)) parts.push(...keyForms(render));
  if (role === 'authority') parts.push(...await authorityActs(campaign, render));
  main.replaceChildren(...parts.flat().filter(Boolean));
}

/** The secretariat's acts on the campaign: survey forms, units, appraisers, reopenings, claims, preliminary results. */
async function secretariatActs(campaign, render) {
  const units = campaign.units.map((unit) => [unit.unit, `${unit.name} (${unit.unit})`]);
  const parts = [];
  const invalidate = h('form', { id: 'invalidate-form', class: 'row', onsubmit: (event) => {
    event.preventDefault();
    submitting(invalidate, () => act(...acts.formInvalidation(values(invalidate))), render);
  } }, field(t('serial'), 'serial', { required: true, size: 14 }), field(t('reason'), 'reason', { required: true, size: 40 }),
  h('button', { type: 'submit', text: t('invalidate') }));
  parts.push(h('h2', { text: t('invalidateForm') }), invalidate);

  if (!campaign.preliminaryIssuedAt) {
    const reopen = h('form', { id: 'reopen-form', class: 'row', onsubmit: (event) => {
      event.preventDefault();
      const data = values(reopen);
      submitting(reopen, () => act(...acts.reopening({ unit: data.unit, reason: data.reason, until: vietnamTimeToTimestamp(data.until) })), render);
    } }, choice(t('unit'), 'unit', units), field(t('reason'), 'reason', { required: true, size: 30 }),
    field(t('reopenUntil'), 'until', { required: true, size: 16, placeholder: 'HH:MM dd/mm/yyyy', autocomplete: 'off' }), h('button', { type: 'submit', text: t('reopen') }));
    parts.push(h('h2', { text: t('reopen') }), reopen);
  }

  if (!campaign.councilReportApproved && units.length) {
    // Items come from each group's criteria set: read from one unit of each group.
    const firstOfGroup = [...new Map(campaign.units.map((unit) => [unit.group, unit.unit])).values()];
    const sets = await Promise.all(firstOfGroup.map((unit) => call(`/api/units/${unit}/criteria`)));
    const items = [...new Map(sets.flatMap((set) => set.items).map((item) => [item.code, item])).values()];
    if (items.length) {
      const claim = h('form', { id: 'claim-form', class: 'row', onsubmit: (event) => {
        event.preventDefault();
        const data = values(claim);
        submitting(claim, async () => act(...acts.adjustmentClaim({ unit: data.unit, item: data.adjustmentItem, points: data.points,
          reason: data.reason, evidence: await evidenceOf(claim) })), render);
      } }, choice(t('unit'), 'unit', units),
      // Not named `item`: a form's `elements.item` is the collection's method, not the field.
      choice(t('item'), 'adjustmentItem', items.map((item) => [item.code, `${label('kind', item.kind)} ${item.code}. ${item.name} (${t('maxPoints')} ${number(item.maxPoints)})`]), { 'data-field': 'item' }),
      field(t('points'), 'points', { required: true, size: 6, inputmode: 'decimal' }), area(t('reason'), 'reason', { required: true }),
      evidenceInputs(), h('button', { type: 'submit', text: t('claimAdjustment') }));
      parts.push(h('h2', { text: t('claimAdjustment') }), claim);
    }
  }

  if (!campaign.preliminaryIssuedAt) {
    const enrol = h('form', { id: 'enrol-form', class: 'row', onsubmit: (event) => {
      event.preventDefault();
      submitting(enrol, () => act(...acts.enrolment(values(enrol))), render);
    } }, field(t('unitCode'), 'code', { required: true, size: 10 }), field(t('unitName'), 'name', { required: true, size: 30 }),
    choice(t('group'), 'group', campaign.groups.map((group) => [group.group, group.name])), h('button', { type: 'submit', text: t('enrol') }));
    parts.push(h('h2', { text: t('enrolUnit') }), enrol);
  }

  const assign = h('form', { id: 'assign-form', class: 'row', onsubmit: (event) => {
    event.preventDefault();
    submitting(assign, () => act(...acts.assignment(values(assign))), render);
  } }, field(t('keyId'), 'keyId', { required: true, size: 40 }), field(t('domains'), 'domains', { required: true, size: 12 }),
  choice(t('ownUnit'), 'ownUnit', units), h('button', { type: 'submit', text: t('assign') }));
  parts.push(h('h2', { text: t('assignAppraiser') }), assign);

  const publishFile = h('form', { id: 'file-act-form', class: 'row', onsubmit: (event) => {
    event.preventDefault();
    const type = values(publishFile).type;
    submitting(publishFile, async () => {
      let payload;
      try {
        payload = JSON.parse(await publishFile.elements.file.files[0].text());
      } catch {
        throw Object.assign(new Error('file'), { body: { code: 'file', field: 'file', message: { vi: t('fileUnreadable'), en: t('fileUnreadable') } } });
      }
      return act(type, payload);
    }, render);
  } }, choice(t('documentType'), 'type', fileActs.map((type) => [type, label('event', type)])),
  h('label', { class: 'field' }, h('span', { text: t('documentFile') }), h('input', { type: 'file', name: 'file', accept: '.json,application/json', required: true, 'data-field': 'file' })),
  h('button', { type: 'submit', text: t('record') }));
  parts.push(h('h2', { text: t('publishFile') }), publishFile);

  if (!campaign.preliminaryIssuedAt) {
    const issue = h('form', { id: 'preliminary-form', onsubmit: confirmed(t('resultsPreliminary'), t('confirmPreliminary'),
      () => submitting(issue, () => act(...acts.preliminaryResults()), render)) },
    h('input', { type: 'hidden', 'data-field': 'payload' }), h('button', { type: 'submit', class: 'danger', text: t('resultsPreliminary') }));
    parts.push(h('h2', { text: t('resultsPreliminary') }), issue);
  } else {
    parts.push(h('p', { id: 'preliminary-issued', text: `${t('issued')}: ${dateTime(campaign.preliminaryIssuedAt)}` }));
  }
  return parts;
}

/** Registering and revoking keys (the secretariat, or the authority). */
function keyForms(render) {
  const register = h('form', { id: 'register-form', class: 'row', onsubmit: (event) => {
    event.preventDefault();
    const data = values(register);
    submitting(register, async () => {
      const publicKey = data.publicKey.trim();
      const raw = parsePublicKey(publicKey);
      const problem = raw ? publicKeyProblem(raw) : 'format';
      if (problem) throw weakKeyError(problem);
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', raw));
      const keyId = Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
      return act(...acts.keyRegistration({ keyId, name: data.name, publicKey, role: data.role, unit: data.unit }));
    }, render);
  } },
  field(t('publicKey'), 'publicKey', { required: true, size: 50 }), field(t('name'), 'name', { required: true }),
  choice(t('role'), 'role', roles.map((role) => [role, label('role', role)])),
  field(t('unit'), 'unit', { size: 8 }), h('button', { type: 'submit', text: t('registerKey') }));

  // The key is looked up as it is typed, so the person sees whose key they are about to revoke.
  const found = h('p', { class: 'muted', id: 'revoke-key-found' });
  const lookUp = async (keyId) => {
    found.textContent = '';
    if (!/^[0-9a-f]{64}$/.test(keyId.trim().toLowerCase())) return;
    try {
      const key = await call(`/api/keys/${keyId.trim().toLowerCase()}`);
      found.textContent = `${t('keyFound')}: ${key.name} (${label('role', key.role)}${key.unit ? ', ' + key.unit : ''})${key.revoked ? ' — ' + t('keyRevoked') : ''}`;
    } catch {}
  };
  const revoke = h('form', { id: 'revoke-form', class: 'row', onsubmit: confirmed(t('revokeKey'), t('confirmRevoke'), () => {
    const data = values(revoke);
    return submitting(revoke, () => act(...acts.keyRevocation(data)), render);
  }) },
  field(t('keyId'), 'keyId', { required: true, size: 64, oninput: (event) => lookUp(event.target.value) }),
  field(t('reason'), 'reason', { required: true, size: 40 }), h('button', { type: 'submit', class: 'danger', text: t('revokeKey') }), found);
  return [h('h2', { text: t('registerKey') }), register, h('h2', { text: t('revokeKey') }), revoke,
    h('h2', { text: t('handoverKey') }), handoverForm(render), h('h2', { text: t('keyReceipt') }), receiptForm()];
}

/** What a key id typed in a form names: its holder, role and unit, looked up as it is typed. */
function keyLookUp(id) {
  const found = h('p', { class: 'muted', id });
  const lookUp = async (keyId) => {
    found.textContent = '';
    found.dataset.keyId = '';
    if (!/^[0-9a-f]{64}$/.test(keyId.trim().toLowerCase())) return;
    try {
      const key = await call(`/api/keys/${keyId.trim().toLowerCase()}`);
      found.textContent = `${t('keyFound')}: ${key.name} (${label('role', key.role)}${key.unit ? ', ' + key.unit : ''})${key.revoked ? ' — ' + t('keyRevoked') : ''}`;
      found.dataset.keyId = keyId.trim().toLowerCase();
    } catch {}
  };
  return { found, lookUp };
}

// A key's handover (an officer leaves, a key is lost): the server builds the statements from the
// ledger (the successor with the old key's role, unit and assignment, then the old key revoked),
// the page signs them and appends them as one batch.
function handoverForm(render) {
  const { found, lookUp } = keyLookUp('handover-key-found');
  const form = h('form', { id: 'handover-form', class: 'row', onsubmit: confirmed(t('handoverKey'), t('confirmHandover'), () => {
    const data = values(form);
    return submitting(form, async () => {
      const keyId = data.keyId.trim().toLowerCase();
      const raw = parsePublicKey(data.publicKey.trim());
      const problem = raw ? publicKeyProblem(raw) : 'format';
      if (problem) throw weakKeyError(problem);
      // A handover whose answer was lost is sent again as it was signed: the ledger records it once.
      const kept = `handover ${keyId}`;
      const done = async (entries) => {
        // Handing over one's own key (the authority's): the revoked key signs nothing more, so the
        // session it opened ends here.
        if (keyId === session.key?.keyId) await signOut();
        return entries;
      };
      if (hasKeptBatch(kept)) return done(await actBatch([], kept));
      const built = await call(`/api/keys/${encodeURIComponent(keyId)}/handover`, {
        method: 'POST', json: { publicKey: data.publicKey.trim(), name: data.name, reason: data.reason },
      });
      // Only what the registrar typed is signed: the successor's key and name, the old key revoked.
      const [first, ...rest] = built.statements;
      const last = rest.at(-1);
      const middle = rest.slice(0, -1);
      const expected = first?.type === 'key.registered/v1' && first.payload.publicKey === data.publicKey.trim()
        && first.payload.name === data.name.trim().normalize('NFC') && last?.type === 'key.revoked/v1'
        && last.payload.keyId === keyId && middle.every((item) => item.type === 'appraiser.assigned/v1'
          && item.payload.keyId === first.payload.keyId) && middle.length <= 1;
      if (!expected) {
        const error = new Error('handover');
        error.body = { code: 'handover', field: 'keyId', message: both('handoverUnexpected') };
        throw error;
      }
      return done(await actBatch(built.statements.map(({ type, payload }) => [type, payload]), kept));
    }, render);
  }) },
  field(t('handoverOldKey'), 'keyId', { required: true, size: 64, oninput: (event) => lookUp(event.target.value) }),
  field(t('handoverPublicKey'), 'publicKey', { required: true, size: 50 }), field(t('handoverName'), 'name', { required: true }),
  field(t('reason'), 'reason', { required: true, size: 30 }), h('button', { type: 'submit', class: 'danger', text: t('handoverKey') }), found);
  return form;
}

// The registration receipt of any key, to print, sign and file (HTML to print, or PDF).
function receiptForm() {
  const { found, lookUp } = keyLookUp('receipt-key-found');
  const links = h('span', { id: 'receipt-links' });
  const show = async (keyId) => {
    await lookUp(keyId);
    const id = found.dataset.keyId;
    links.replaceChildren(...(id ? ['html', 'pdf'].map((format) => h('a', {
      href: `/api/keys/${id}/receipt?format=${format}&lang=${lang}`, target: '_blank', rel: 'noopener',
      'data-format': format, text: `${t('keyReceipt')} (${format.toUpperCase()})`,
    })) : []));
  };
  return h('form', { id: 'receipt-form', class: 'row', onsubmit: (event) => event.preventDefault() },
    field(t('keyId'), 'keyId', { required: true, size: 64, oninput: (event) => show(event.target.value) }), found, links);
}

/** The authority's decisions: publishing the results against the ledger's current checkpoint, and correcting them. */
async function authorityActs(campaign, render) {
  const parts = [];
  if (!campaign.decisions?.length) {
    if (!campaign.councilReportApproved) return parts;
    const publish = h('form', { id: 'publish-form', class: 'row', onsubmit: confirmed(t('publish'), t('confirmPublish'), () => {
      const data = values(publish);
      return submitting(publish, async () => {
        const ledger = await call('/api/ledger');
        const documents = await evidenceOf(publish);
        return act(...acts.publication({ number: data.number, date: data.date, size: ledger.size, root: ledger.root, documents }));
      }, render);
    }) },
    field(t('decisionNumber'), 'number', { required: true, size: 16, 'data-field': 'decision' }),
    dateField(t('decisionDate'), 'date', { required: true, value: todayInVietnam() }), documentInputs(t('decisionFile')),
    h('button', { type: 'submit', class: 'danger', text: t('publish') }));
    parts.push(h('h2', { text: t('publication') }), publish);
    return parts;
  }
  const correct = h('form', { id: 'correct-form', class: 'row', onsubmit: confirmed(t('correction'), t('confirmCorrect'), () => {
    const data = values(correct);
    return submitting(correct, async () => {
      const ledger = await call('/api/ledger');
      return act(...acts.correction({ number: data.number, date: data.date, supersedes: data.supersedes, reason: data.reason,
        changes: [{ unit: data.unit, leaf: data.leaf, points: data.points, reason: data.changeReason }], size: ledger.size, root: ledger.root }));
    }, render);
  }) },
  field(t('decisionNumber'), 'number', { required: true, size: 16, 'data-field': 'decision' }),
  dateField(t('decisionDate'), 'date', { required: true, value: todayInVietnam() }),
  field(t('supersedes'), 'supersedes', { required: true, size: 16, value: campaign.decisions.at(-1) }),
  area(t('reason'), 'reason', { required: true }),
  choice(t('unit'), 'unit', campaign.units.map((unit) => [unit.unit, `${unit.name} (${unit.unit})`]), { 'data-field': 'changes' }),
  field(t('changeLeaf'), 'leaf', { required: true, size: 8 }), field(t('newPoints'), 'points', { required: true, size: 6, inputmode: 'decimal' }),
  field(t('changeReason'), 'changeReason', { required: true, size: 30 }),
  h('button', { type: 'submit', class: 'danger', text: t('correct') }));
  parts.push(h('h2', { text: t('correction') }), correct);
  return parts;
}

// Keyed-in paper forms from a CSV file (events/samples/survey-csv.md): the server reads and
// checks the file into one batch's payload, the page shows how many forms it holds, and the clerk
// signs and records the batch with their own key.
async function surveyImportForm(render) {
  const { templates } = await call('/api/survey/templates');
  let read = null;
  const summary = h('p', { class: 'muted', id: 'survey-read' });
  const record = h('button', { type: 'button', id: 'survey-record', disabled: true, text: t('surveyRecord'),
    onclick: () => submitting(form, () => act(read.type, read.payload), render) });
  const form = h('form', { id: 'survey-form', class: 'row', onsubmit: (event) => {
    event.preventDefault();
    const [code, version] = values(form).template.split('@');
    submitting(form, async () => {
      const file = form.elements.file.files[0];
      read = await call(`/api/survey/forms?template=${encodeURIComponent(code)}&version=${version}`,
        { method: 'POST', bytes: new Uint8Array(await file.arrayBuffer()) });
      summary.textContent = `${t('surveyForms')}: ${number(read.forms)} — ${file.name}`;
      record.disabled = false;
    }, undefined, t('surveyReadNotRecorded'));
  } },
  h('label', { class: 'field' }, h('span', { text: t('surveyTemplate') }),
    h('select', { name: 'template', 'data-field': 'template' },
      templates.map((item) => h('option', { value: `${item.template}@${item.version}`, text: `${item.name} (${t('version')} ${item.version})` })))),
  h('label', { class: 'field' }, h('span', { text: t('surveyFile') }),
    h('input', { type: 'file', name: 'file', accept: '.csv,text/csv', required: true, 'data-field': 'file' })),
  h('button', { type: 'submit', text: t('surveyCheck') }), summary, record);
  return form;
}

// A key the ledger would refuse (FORMAT.md §5.1), refused here first with the reason.
function weakKeyError(problem) {
  const messages = {
    format: ['Khóa công khai phải có dạng ed25519: và 44 ký tự base64.', 'A public key is ed25519: followed by 44 base64 characters.'],
    'non-canonical': ['Khóa công khai không viết ở dạng chuẩn của một điểm Ed25519.', 'The public key is not the canonical encoding of an Ed25519 point.'],
    'not-on-curve': ['Khóa công khai không phải một điểm của đường cong Ed25519.', 'The public key is not a point of the Ed25519 curve.'],
    'small-order': ['Khóa công khai yếu (điểm bậc nhỏ): bất kỳ ai cũng ký thay được, không thể đăng ký.', 'A weak public key (small order): anyone could sign as it; it cannot be registered.'],
    'mixed-order': ['Khóa công khai có thành phần bậc nhỏ; khóa Ed25519 thật không bao giờ như vậy.', 'The public key has a small-order component; a real Ed25519 key never has.'],
  };
  const [vi, en] = messages[problem] ?? messages.format;
  const error = new Error(problem);
  error.body = { code: 'public-key', field: 'publicKey', message: { vi, en } };
  return error;
}

// Each question's answers, option by option, with the mean coefficient, by respondent group,
// unit or a demographic the forms record (GET /api/survey/answers), for those who see coverage.
async function surveyAnswersSection(params, render) {
  const { templates, respondentGroups } = await call('/api/survey/templates');
  if (!templates.length) return null;
  const chosen = templates.find((item) => `${item.template}@${item.version}` === params.get('answers')) ?? templates[0];
  const by = params.get('by') ?? 'group';
  const query = new URLSearchParams({ template: chosen.template, version: String(chosen.version), by });
  let answers;
  try {
    answers = await call(`/api/survey/answers?${query}`);
  } catch (error) {
    return [h('h2', { text: t('surveyAnswers') }), h('p', { class: 'error', role: 'alert', text: error.body?.message?.[lang] ?? String(error) })];
  }
  const groupNames = new Map(respondentGroups.map((group) => [group.code, group.name]));
  const choose = (next) => {
    const hash = new URLSearchParams(location.hash.split('?')[1] ?? '');
    for (const [key, value] of Object.entries(next)) hash.set(key, value);
    location.hash = `#/secretariat?${hash}`;
  };
  const breakdowns = [['group', t('byRespondentGroup')], ['unit', t('byUnit')],
    ...answers.demographics.map((name) => [`demo:${name}`, `${t('byDemographic')} ${name}`])];
  const controls = h('form', { id: 'answers-form', class: 'row', onsubmit: (event) => event.preventDefault() },
    choice(t('surveyTemplate'), 'answers', templates.map((item) => [`${item.template}@${item.version}`, `${item.name} (${t('version')} ${item.version})`]),
      { value: `${chosen.template}@${chosen.version}`, onchange: (event) => choose({ answers: event.target.value }) }),
    choice(t('answersBy'), 'by', breakdowns, { value: by, onchange: (event) => choose({ by: event.target.value }) }));
  for (const select of controls.querySelectorAll('select')) select.value = select.name === 'by' ? by : `${chosen.template}@${chosen.version}`;
  const options = answers.options.map((option) => option.code);
  const rowOf = (line, all) => [
    all ? t('allForms') : line.value === null ? t('notGiven') : by === 'group' ? groupNames.get(line.value) ?? line.value
      : line.name ? `${line.name} (${line.value})` : line.value,
    number(line.forms), ...options.map((code) => number(line.answers[code])), number(line.blank), number(line.mean),
  ];
  const headers = [t(by === 'unit' ? 'unit' : by === 'group' ? 'respondentGroup' : 'value'), t('forms'),
    ...answers.options.map((option) => `${option.code} — ${option.label}`), t('blank'), t('meanCoefficient')];
  return [h('h2', { text: t('surveyAnswers') }), h('p', { class: 'muted', text: t('surveyAnswersNote') }), controls,
    ...answers.questions.map((question) => h('section', { class: 'answers', 'data-question': question.question },
      h('h3', { text: `${question.question} (${t('leaf')} ${question.leaf}): ${question.text}` }),
      table(headers, [...question.rows.map((line) => rowOf(line, false)), rowOf(question.all, true)])))];
}
