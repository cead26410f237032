// The secretariat's campaign dashboard: submissions against the deadline, survey coverage
// against quota, open objections, the latest checkpoint; and, signed in, registering keys and
// issuing preliminary results.
import { parsePublicKey, publicKeyProblem } from './ed25519.js';
import { acts } from './acts.js';
import { act, call, session } from './api.js';
import { field, h, loading, submitting, table, values } from './dom.js';
import { t } from './i18n.js';

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
  const deadline = campaign.deadlines.selfScoringCloses;
  const now = new Date().toISOString();
  const status = (unit) => unit.submittedAt ? `${t('submitted')} ${unit.submittedAt}${unit.late ? ' — ' + t('late') : ''}`
    : `${t('notSubmitted')}${unit.reopenedUntil ? ` — ${t('reopenedUntil')} ${unit.reopenedUntil}` : ''}${now > unit.selfScoringCloses ? ' — ' + t('late') : ''}`;
  const parts = [
    h('h1', { text: `${t('navSecretariat')} — ${campaign.year}` }),
    h('p', {}, `${t('deadline')}: `, h('strong', { text: deadline })),
    table([t('unit'), t('name'), t('progress'), t('status')], campaign.units.map((unit) => [unit.unit, unit.name,
      `${unit.answered}/${unit.selfAssessedLeaves}`, status(unit)]), { id: 'submissions' }),
    coverage ? [h('h2', { text: `${t('coverage')}: ${coverage.received}/${coverage.planned} (${coverage.coverage}%)` }),
      table([t('unit'), t('name'), t('planned'), t('received'), t('valid')], coverage.units.map((unit) => {
        const sum = (key) => unit.groups.reduce((total, group) => total + group[key], 0);
        return [unit.unit, unit.name, String(sum('planned')), String(sum('received')), String(sum('valid'))];
      }), { id: 'coverage' })] : null,
    disputes ? [h('h2', { text: `${t('openDisputes')}: ${disputes.disputes.length}` }),
      table([t('unit'), t('leaf'), t('contested'), ''], disputes.disputes.map((item) => [item.unit, item.leaf, item.contested, item.filedAt]), { id: 'disputes' })] : null,
    h('h2', { text: t('checkpoint') }),
    checkpoint ? h('pre', { class: 'note', text: checkpoint.note }) : h('p', { text: t('noCheckpoint') }),
  ];
  if (session.info && ['secretariat', 'surveyClerk'].includes(session.info.role)) {
    parts.push(h('h2', { text: t('surveyImport') }), await surveyImportForm(render));
  }
  if (session.info && ['secretariat', 'authority'].includes(session.info.role)) {
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
    h('label', { class: 'field' }, h('span', { text: t('role') }), h('select', { name: 'role', 'data-field': 'role' }, roles.map((role) => h('option', { value: role, text: role })))),
    field(t('unit'), 'unit', { size: 8 }), h('button', { type: 'submit', text: t('registerKey') }));
    parts.push(h('h2', { text: t('registerKey') }), register);
    if (!campaign.preliminaryIssuedAt) {
      const issue = h('form', { id: 'preliminary-form', onsubmit: (event) => {
        event.preventDefault();
        submitting(issue, () => act(...acts.preliminaryResults()), render);
      } }, h('input', { type: 'hidden', 'data-field': 'payload' }), h('button', { type: 'submit', text: t('resultsPreliminary') }));
      parts.push(issue);
    } else {
      parts.push(h('p', { text: `${t('issued')}: ${campaign.preliminaryIssuedAt}` }));
    }
  }
  main.replaceChildren(...parts.flat().filter(Boolean));
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
      summary.textContent = `${t('surveyForms')}: ${read.forms} — ${file.name}`;
      record.disabled = false;
    }, undefined, t('surveyReadNotRecorded'));
  } },
  h('label', { class: 'field' }, h('span', { text: t('surveyTemplate') }),
    h('select', { name: 'template', 'data-field': 'template' },
      templates.map((item) => h('option', { value: `${item.template}@${item.version}`, text: `${item.name} (${item.template}, v${item.version})` })))),
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
