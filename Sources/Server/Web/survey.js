// Keying in paper survey forms one at a time, by keyboard (events/samples/survey-csv.md): the
// clerk picks a template (and a unit), gets the stack of forms the plan expects
// (GET /api/survey/sheet), and keys each form's answers; every keystroke is kept in this browser
// (localStorage), so a reload or a crashed tab resumes where the clerk stopped. The keyed forms
// download as the import's CSV, which is also what a second clerk compares with in double entry;
// "Kiểm tra" has the server read the batch (POST /api/survey/forms) and the clerk then signs and
// records it with their own key. The rules without the page are in survey-keying.js.
import { act, call, session } from './api.js';
import { confirmIrreversible } from './confirm.js';
import { inboxSection } from './inbox.js';
import { h, loading, submitting } from './dom.js';
import { number } from './format.js';
import { both, errorText, lang, t } from './i18n.js';
import * as keying from './survey-keying.js';

const roles = ['secretariat', 'surveyClerk'];
const lastStore = 'parledger.survey.last';
let activeKeys = null;

const readStored = (key) => {
  try {
    return JSON.parse(localStorage.getItem(key) ?? 'null');
  } catch {
    return null;
  }
};

/** An element's children replaced, as `h` takes them: lists flattened, null and false left out. */
const put = (element, ...children) =>
  element.replaceChildren(...children.flat(Infinity).filter((child) => child !== null && child !== undefined && child !== false));

/** A refusal made in the page, shaped like the API's (`submitting` shows it beside its field). */
function refusal(code, fieldName, word, line = null, detail = '') {
  const message = both(word);
  if (line) {
    const where = both('keyingLine');
    message.vi += ` (${where.vi.toLowerCase()} ${line})`;
    message.en += ` (${where.en.toLowerCase()} ${line})`;
  }
  const error = new Error(code);
  error.body = { code, field: fieldName, message, detail: detail || null };
  return error;
}

const hashOf = ({ template, version, unit, pass }) =>
  '#/survey?' + new URLSearchParams({ template, version: String(version), unit: unit ?? '', pass: String(pass) });

/** The stack asked for: in the address, else the last one opened in this browser. */
function selectionOf(params, templates) {
  const named = params.get('template') ? {
    template: params.get('template'), version: Number(params.get('version') ?? '1'),
    unit: params.get('unit') ?? '', pass: params.get('pass') === '2' ? 2 : 1,
  } : readStored(lastStore);
  if (!named) return null;
  const template = templates.find((item) => item.template === named.template && item.version === Number(named.version));
  return template ? { selection: { template: template.template, version: template.version, unit: named.unit ?? '', pass: named.pass === 2 ? 2 : 1 }, template } : null;
}

export async function surveyPage(main, params, render) {
  const info = session.info;
  if (!info) {
    main.replaceChildren(h('p', { class: 'notice', id: 'keying-sign-in', text: t('signInFirst') }), h('a', { href: '#/key', text: t('navKey') }));
    return;
  }
  if (!roles.includes(info.role)) {
    main.replaceChildren(h('h1', { text: t('keyingTitle') }), h('p', { class: 'notice', id: 'keying-role', text: t('keyingRole') }));
    return;
  }
  main.replaceChildren(loading());
  const [{ templates, respondentGroups = [] }, progress] = await Promise.all([
    call('/api/survey/templates'), call('/api/campaign').catch(() => null)]);
  // Units come from the campaign's progress, respondent groups' names with the templates.
  const campaign = { ...(progress ?? {}), respondentGroups };
  // What waits on the clerk: the units whose forms fall short of the plan, and the deadlines.
  const parts = [h('h1', { text: t('keyingTitle') }), await inboxSection(info.role), h('p', { class: 'muted', text: t('keyingIntro') })];
  if (!templates.length) {
    main.replaceChildren(...parts, h('p', { class: 'notice', id: 'keying-no-template', text: t('keyingNoTemplates') }));
    return;
  }
  const chosen = selectionOf(params, templates);
  parts.push(setupForm(templates, campaign, chosen?.selection, render));
  if (!chosen) {
    main.replaceChildren(...parts);
    return;
  }
  const { selection, template } = chosen;
  let sheet;
  try {
    const query = new URLSearchParams({ template: selection.template, version: String(selection.version) });
    if (selection.unit) query.set('unit', selection.unit);
    sheet = await call(`/api/survey/sheet?${query}`);
  } catch (error) {
    main.replaceChildren(...parts, h('p', { class: 'error', role: 'alert', id: 'keying-sheet-error', 'data-code': error.body?.code ?? 'error', text: errorText(error) }));
    return;
  }
  try {
    localStorage.setItem(lastStore, JSON.stringify(selection));
  } catch {}
  const view = keyingView(selection, template, sheet, campaign, render);
  main.replaceChildren(...parts, view.root);
  view.start();
}

/** Template, unit (or every unit of the template's group) and pass: opens that stack. */
function setupForm(templates, campaign, selection, render) {
  const unitSelect = h('select', { name: 'unit', id: 'keying-setup-unit', 'data-field': 'unit' });
  const templateSelect = h('select', { name: 'template', id: 'keying-setup-template', 'data-field': 'template',
    onchange: () => fillUnits() },
  templates.map((item) => h('option', { value: `${item.template}@${item.version}`, text: `${item.name} (${t('version')} ${item.version})` })));
  const fillUnits = (chosenUnit = '') => {
    const [code, version] = templateSelect.value.split('@');
    const group = templates.find((item) => item.template === code && String(item.version) === version)?.group;
    const units = (campaign?.units ?? []).filter((unit) => unit.group === group && !unit.withdrawn);
    unitSelect.replaceChildren(h('option', { value: '', text: t('keyingAllUnits') }),
      ...units.map((unit) => h('option', { value: unit.unit, text: `${unit.name} (${unit.unit})` })));
    unitSelect.value = units.some((unit) => unit.unit === chosenUnit) ? chosenUnit : '';
  };
  const passSelect = h('select', { name: 'pass', id: 'keying-setup-pass', 'data-field': 'pass' },
    h('option', { value: '1', text: t('keyingPass1') }), h('option', { value: '2', text: t('keyingPass2') }));
  if (selection) {
    templateSelect.value = `${selection.template}@${selection.version}`;
    passSelect.value = String(selection.pass);
  }
  fillUnits(selection?.unit ?? '');
  const form = h('form', { id: 'keying-setup', class: 'row', onsubmit: (event) => {
    event.preventDefault();
    const [template, version] = templateSelect.value.split('@');
    const hash = hashOf({ template, version, unit: unitSelect.value, pass: passSelect.value });
    if (location.hash === hash) render();
    else location.hash = hash;
  } },
  h('label', { class: 'field' }, h('span', { text: t('surveyTemplate') }), templateSelect),
  h('label', { class: 'field' }, h('span', { text: t('keyingUnit') }), unitSelect),
  h('label', { class: 'field' }, h('span', { text: t('keyingPass') }), passSelect),
  h('button', { type: 'submit', id: 'keying-open', text: t('keyingOpen') }));
  return form;
}

/** The keying screen of one stack: one form at a time, the double entry check, the batch. */
function keyingView(selection, template, sheet, campaign, render) {
  const ledger = session.ledgerId;
  // Drafts are the clerk's own: on a shared office computer the next person signed in never sees
  // (nor signs) the forms someone else keyed in.
  const drafts = `${ledger}#${session.key?.keyId ?? ''}`;
  const storeKey = keying.draftKey({ ledger: drafts, ...selection });
  const recordedStore = keying.recordedKey({ ledger, template: selection.template, version: selection.version });
  const kept = readStored(storeKey);
  const recorded = new Set(readStored(recordedStore) ?? []);
  const draft = {
    demoColumns: kept?.demoColumns ?? [],
    forms: keying.mergeStack(kept?.forms, keying.formsFromSheet(sheet)),
    first: kept?.first ?? null,
  };
  for (const form of draft.forms) if (recorded.has(form.serial)) form.recorded = true;
  let index = Math.min(Math.max(Number(kept?.index) || 0, 0), Math.max(draft.forms.length - 1, 0));
  let cursor = null;
  let read = null;
  let checkedCsv = null;
  let downloadUrl = null;
  const questions = template.questions;
  const options = template.options;
  const unitName = new Map((campaign?.units ?? []).map((unit) => [unit.unit, unit.name]));
  const groupUnits = (campaign?.units ?? []).filter((unit) => unit.group === template.group && !unit.withdrawn).map((unit) => unit.unit);
  const respondentGroups = [...new Set([...draft.forms.map((form) => form.respondentGroup),
    ...questions.flatMap((question) => question.respondentGroups ?? [])].filter(Boolean))];
  const respondentName = (code) => campaign?.respondentGroups?.find((group) => group.code === code)?.name ?? code;

  const current = () => draft.forms[index];
  const editable = (form) => Boolean(form?.added) && !form.recorded;
  const askedHere = (form) => questions.filter((question) => keying.asked(question, form.respondentGroup));
  const batchForms = () => keying.keyedForms(draft.forms);
  const batchCsv = () => keying.writeCsv(batchForms(), questions, draft.demoColumns);

  const warning = h('p', { class: 'error', role: 'alert', id: 'keying-storage', hidden: true, text: t('keyingDraftFull') });
  function persist() {
    const forms = draft.forms.map(({ recorded: _, stt: __, ...form }) => form);
    try {
      localStorage.setItem(storeKey, JSON.stringify({ format: 1, ...selection, demoColumns: draft.demoColumns, forms, index,
        first: draft.first, savedAt: new Date().toISOString() }));
      warning.hidden = true;
    } catch {
      warning.hidden = false; // full or refused: the clerk is told to download the CSV now
    }
  }

  const progressLine = h('p', { id: 'keying-progress', class: 'keying-progress', role: 'status', 'aria-live': 'polite' });
  const status = h('p', { id: 'keying-status', class: 'muted', role: 'status' });
  const card = h('div', { id: 'keying-form', class: 'keying-form' });
  const differences = h('div', { id: 'keying-differences' });
  const result = h('div', { id: 'keying-result' });
  const blocked = h('p', { id: 'keying-record-blocked', class: 'muted' });
  const downloadLink = h('a', { id: 'keying-download-link', class: 'hidden', href: '#' });
  const root = h('section', { id: 'survey-keying', class: 'survey-keying', 'data-template': selection.template,
    'data-version': String(selection.version), 'data-unit': selection.unit, 'data-pass': String(selection.pass) });

  function drawProgress() {
    const shown = keying.progress(draft.forms, index);
    progressLine.textContent = `${t('keyingForm')} ${number(shown.position)}/${number(shown.total)}, ${t('keyingKeyed')} ${number(shown.keyed)}`
      + (shown.recorded ? `, ${t('keyingRecordedCount')} ${number(shown.recorded)}` : '');
    Object.assign(progressLine.dataset, { position: shown.position, total: shown.total, keyed: shown.keyed, recorded: shown.recorded });
    root.dataset.index = String(index);
    root.dataset.serial = current()?.serial ?? '';
  }

  function selectOf(id, value, choices, enabled, onchange) {
    const select = h('select', { id, disabled: !enabled, onchange },
      choices.map(([code, text]) => h('option', { value: code, text })));
    if (value && !choices.some(([code]) => code === value)) select.append(h('option', { value, text: value }));
    select.value = value;
    return select;
  }

  function drawCard() {
    const form = current();
    if (!form) {
      card.replaceChildren(h('p', { class: 'notice', id: 'keying-empty-stack', text: t('keyingEmptyStack') }));
      return;
    }
    const open = editable(form);
    const serialProblem = open && form.serial ? keying.serialProblem(form.serial, draft.forms, index) : '';
    const serial = h('input', { id: 'keying-serial', name: 'serial', value: form.serial, readonly: !open, maxlength: 40,
      autocomplete: 'off', spellcheck: 'false', 'aria-invalid': serialProblem ? 'true' : 'false',
      oninput: (event) => {
        form.serial = keying.cleanText(event.target.value);
        changed();
        const problem = form.serial ? keying.serialProblem(form.serial, draft.forms, index) : '';
        event.target.setAttribute('aria-invalid', problem ? 'true' : 'false');
        problemLine.textContent = problem ? t(problem === 'serial' ? 'keyingSerialBad' : 'keyingSerialTaken') : '';
      } });
    const problemLine = h('span', { class: 'error', id: 'keying-serial-problem', role: 'alert',
      text: serialProblem ? t(serialProblem === 'serial' ? 'keyingSerialBad' : 'keyingSerialTaken') : '' });
    const unit = selectOf('keying-unit', form.unit, groupUnits.map((code) => [code, `${code} — ${unitName.get(code) ?? code}`]), open,
      (event) => { form.unit = event.target.value; changed(); });
    const group = selectOf('keying-group', form.respondentGroup, respondentGroups.map((code) => [code, respondentName(code)]), open,
      (event) => {
        form.respondentGroup = event.target.value;
        // An answer to a question this group is not asked would be refused: it goes with the change.
        for (const code of Object.keys(form.answers)) {
          if (!keying.asked(questions.find((question) => question.code === code) ?? {}, form.respondentGroup)) delete form.answers[code];
        }
        changed();
        cursor = { field: 'keying-group' };
        drawCard();
        focusCursor();
      });
    const enabled = new Set(askedHere(form).map((question) => question.code));
    card.dataset.serial = form.serial;
    card.dataset.keyed = String(keying.isKeyed(form));
    put(card,
      h('div', { class: 'keying-head' },
        h('span', { class: 'keying-stt', id: 'keying-stt', text: `${t('keyingStt')} ${number(index + 1)}` }),
        h('label', { class: 'field' }, h('span', { text: t('serial') }), serial),
        h('label', { class: 'field' }, h('span', { text: t('unit') }), unit),
        h('label', { class: 'field' }, h('span', { text: t('keyingRespondent') }), group)),
      problemLine,
      form.recorded ? h('p', { class: 'notice', id: 'keying-recorded-form', text: t('keyingRecordedForm') }) : null,
      form.added ? h('p', { class: 'muted', id: 'keying-added-form', text: t('keyingAddedForm') }) : null,
      h('ol', { class: 'keying-questions' }, questions.map((question) => {
        const on = enabled.has(question.code) && !form.recorded;
        const answer = form.answers[question.code] ?? '';
        return h('li', { class: `keying-question${enabled.has(question.code) ? '' : ' not-asked'}${answer ? ' answered' : ''}`,
          'data-question': question.code, 'data-answer': answer, tabindex: on ? '0' : null, role: 'group',
          'aria-disabled': on ? 'false' : 'true', 'aria-label': `${question.code}. ${question.text}` },
        h('span', { class: 'keying-code', text: question.code }),
        h('span', { class: 'keying-text' }, question.text,
          enabled.has(question.code) ? null : h('span', { class: 'muted keying-not-asked', text: ` (${t('keyingNotAsked')})` })),
        h('span', { class: 'keying-options' }, options.map((option) => h('button', {
          type: 'button', class: `option${answer === option.code ? ' chosen' : ''}`, tabindex: '-1', disabled: !on,
          'data-option': option.code, 'aria-pressed': answer === option.code ? 'true' : 'false', title: option.label,
          onclick: () => {
            choose(question.code, answer === option.code ? null : option.code);
            if (answer !== option.code) advance(question.code);
            else focusCursor();
          },
        }, h('strong', { text: option.code }), ' ', h('span', { class: 'option-label', text: option.label })))));
      })),
      draft.demoColumns.length ? h('div', { class: 'keying-demo-fields row' }, draft.demoColumns.map((name) =>
        h('label', { class: 'field' }, h('span', { text: name }),
          h('input', { class: 'keying-demo', 'data-demo': name, value: form.demographics[name] ?? '', maxlength: 100,
            readonly: Boolean(form.recorded), autocomplete: 'off',
            oninput: (event) => {
              if (event.target.value.trim()) form.demographics[name] = event.target.value;
              else delete form.demographics[name];
              changed();
              card.dataset.keyed = String(keying.isKeyed(form));
            } })))) : null,
      h('div', { class: 'row' },
        h('button', { type: 'button', id: 'keying-save', disabled: Boolean(form.recorded), text: t('keyingSave'), onclick: () => save() }),
        h('button', { type: 'button', id: 'keying-clear-form', class: 'secondary', disabled: Boolean(form.recorded),
          text: t(form.added ? 'keyingRemoveForm' : 'keyingClearForm'), onclick: () => clearForm() })));
  }

  /** Where the keyboard starts on a form: the serial of a new added form, else its first question. */
  function defaultCursor() {
    const form = current();
    if (!form) return null;
    if (editable(form) && !form.serial) return { field: 'keying-serial' };
    const first = askedHere(form)[0];
    return first && !form.recorded ? { question: first.code } : { field: 'keying-save' };
  }

  function focusCursor() {
    const target = cursor ?? defaultCursor();
    let element = null;
    if (target?.question) element = card.querySelector(`[data-question="${CSS.escape(target.question)}"][tabindex]`);
    else if (target?.demo) element = card.querySelector(`.keying-demo[data-demo="${CSS.escape(target.demo)}"]`);
    else if (target?.field) element = card.querySelector(`#${target.field}`);
    element ??= card.querySelector('[data-question][tabindex]') ?? card.querySelector('#keying-save');
    element?.focus();
    element?.scrollIntoView?.({ block: 'nearest' });
  }

  function goTo(next, where = null) {
    if (!draft.forms.length) {
      index = 0;
      persist();
      drawCard();
      drawProgress();
      return;
    }
    const bounded = Math.min(Math.max(next, 0), draft.forms.length - 1);
    if (bounded !== next) status.textContent = t(next < 0 ? 'keyingStartOfStack' : 'keyingEndOfStack');
    else status.textContent = '';
    index = bounded;
    cursor = where;
    persist();
    drawCard();
    drawProgress();
    focusCursor();
  }

  function choose(code, option) {
    const form = current();
    if (!form || form.recorded) return;
    if (option) form.answers[code] = option;
    else delete form.answers[code];
    changed();
    cursor = { question: code };
    drawCard();
  }

  /** After an answer: the next question asked, then the respondent's details; the last question keeps the focus. */
  function advance(code) {
    const asked = askedHere(current());
    const at = asked.findIndex((question) => question.code === code);
    if (at >= 0 && at < asked.length - 1) cursor = { question: asked[at + 1].code };
    else if (draft.demoColumns.length) cursor = { demo: draft.demoColumns[0] };
    else {
      cursor = { question: code };
      status.textContent = t('keyingLastQuestion');
    }
    focusCursor();
  }

  function save() {
    const form = current();
    if (!form || form.recorded) return;
    form.saved = true;
    changed();
    const name = form.serial;
    if (index < draft.forms.length - 1) {
      goTo(index + 1);
      status.textContent = `${t('keyingSavedForm')} ${name}`;
    } else {
      drawCard();
      drawProgress();
      status.textContent = `${t('keyingSavedForm')} ${name}. ${t('keyingEndOfStack')}`;
      cursor = { field: 'keying-save' };
      focusCursor();
    }
  }

  async function clearForm() {
    const form = current();
    if (!form || form.recorded) return;
    const word = form.added ? 'keyingRemoveForm' : 'keyingClearForm';
    if (!await confirmIrreversible(t(word), t(form.added ? 'keyingConfirmRemove' : 'keyingConfirmClear'))) return focusCursor();
    if (form.added) draft.forms.splice(index, 1);
    else Object.assign(form, { answers: {}, demographics: {}, saved: false });
    changed();
    goTo(Math.min(index, draft.forms.length - 1));
  }

  function addForm(from = null) {
    const here = current();
    const form = { ...keying.blankForm({
      serial: from?.serial ?? '', unit: from?.unit || selection.unit || here?.unit || groupUnits[0] || '',
      respondentGroup: from?.respondentGroup || here?.respondentGroup || respondentGroups[0] || '',
    }), added: true };
    draft.forms.push(form);
    changed();
    goTo(draft.forms.length - 1, form.serial ? null : { field: 'keying-serial' });
  }

  /** Every change: kept at once, and the comparison and the batch's state follow it. */
  function changed() {
    persist();
    drawProgress();
    drawDifferences();
    drawBatch();
  }

  // The keyboard: answers on the focused question, forms with PageUp/PageDown or Alt+←/→.
  function onKey(event) {
    if (!root.isConnected) {
      document.removeEventListener('keydown', onKey);
      return;
    }
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || document.querySelector('dialog[open]')) return;
    const target = event.target instanceof Element ? event.target : null;
    if (event.key === 'PageDown' || (event.altKey && event.key === 'ArrowRight')) {
      event.preventDefault();
      goTo(index + 1);
      return;
    }
    if (event.key === 'PageUp' || (event.altKey && event.key === 'ArrowLeft')) {
      event.preventDefault();
      goTo(index - 1);
      return;
    }
    if (event.altKey) return;
    const question = target?.closest('[data-question]');
    if (question && card.contains(question)) return questionKey(event, question.dataset.question);
    // Nothing focused (a click beside the form): the keys go to the question the clerk was on.
    if (!target || target === document.body || target === document.documentElement) {
      const on = cursor?.question ?? defaultCursor()?.question;
      if (on && keying.optionForKey(event.key, options)) {
        cursor = { question: on };
        focusCursor();
        return questionKey(event, on);
      }
      return;
    }
    if (!card.contains(target) || event.key !== 'Enter') return;
    if (target.matches('#keying-serial, #keying-unit, #keying-group')) {
      event.preventDefault();
      const order = ['keying-serial', 'keying-unit', 'keying-group'];
      const next = editable(current()) ? order[order.indexOf(target.id) + 1] : null;
      cursor = next ? { field: next } : (askedHere(current())[0] ? { question: askedHere(current())[0].code } : { field: 'keying-save' });
      focusCursor();
    } else if (target.matches('.keying-demo')) {
      event.preventDefault();
      const next = draft.demoColumns[draft.demoColumns.indexOf(target.dataset.demo) + 1];
      if (next) {
        cursor = { demo: next };
        focusCursor();
      } else {
        save();
      }
    }
  }

  function questionKey(event, code) {
    const asked = askedHere(current()).map((question) => question.code);
    const at = asked.indexOf(code);
    const option = keying.optionForKey(event.key, options);
    if (option) {
      event.preventDefault();
      choose(code, option);
      advance(code);
    } else if (event.key === 'Backspace' || event.key === 'Delete') {
      event.preventDefault();
      choose(code, null);
      focusCursor();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (at === asked.length - 1) save();
      else {
        cursor = { question: asked[at + 1] };
        focusCursor();
      }
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      cursor = at < asked.length - 1 ? { question: asked[at + 1] } : draft.demoColumns.length ? { demo: draft.demoColumns[0] } : { question: code };
      focusCursor();
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      cursor = at > 0 ? { question: asked[at - 1] } : editable(current()) ? { field: 'keying-group' } : { question: code };
      focusCursor();
    }
  }

  // Double entry: the first pass's CSV, and every difference with this pass.
  function comparison() {
    return draft.first ? keying.comparePasses(draft.first.forms, batchForms(), questions,
      [...new Set([...draft.first.demoColumns, ...draft.demoColumns])]) : null;
  }

  const fieldName = (field) => field === 'unit' ? t('unit') : field === 'respondentGroup' ? t('keyingRespondent')
    : field.startsWith('demo:') ? field.slice(5) : field;
  const shownValue = (value) => value === '' ? t('keyingEmpty') : value;

  function openSerial(serial, field = null) {
    const at = draft.forms.findIndex((form) => form.serial === serial);
    if (at < 0) {
      const from = draft.first?.forms.find((form) => form.serial === serial);
      if (from) addForm({ serial, unit: from.unit, respondentGroup: from.respondentGroup });
      return;
    }
    const where = field && /^demo:/.test(field) ? { demo: field.slice(5) }
      : field && questions.some((question) => question.code === field) ? { question: field } : null;
    goTo(at, where);
  }

  function drawDifferences() {
    if (selection.pass !== 2) return;
    const compared = comparison();
    differences.dataset.count = compared ? String(compared.count) : '';
    if (!compared) {
      differences.replaceChildren(h('p', { class: 'muted', id: 'keying-need-pass1', text: t('keyingNeedPass1') }));
      return;
    }
    const summary = h('p', { id: 'keying-pass1-summary', text: `${t('keyingPass1Loaded')}: ${number(draft.first.forms.length)} ${t('keyingFormsCount')} — ${draft.first.name}` });
    if (!compared.count) {
      differences.replaceChildren(summary, h('p', { class: 'ok', id: 'keying-no-differences', text: '✓ ' + t('keyingNoDifferences') }));
      return;
    }
    const row = (serial, field, fieldText, first, second) => h('tr', { 'data-serial': serial, 'data-field': field },
      h('td', {}, h('button', { type: 'button', class: 'link keying-jump', text: serial, title: t('keyingJump'), onclick: () => openSerial(serial, field) })),
      h('td', { text: fieldText }), h('td', { class: 'first', text: first }), h('td', { class: 'second', text: second }));
    const rows = [
      ...compared.differences.map((item) => row(item.serial, item.field, fieldName(item.field), shownValue(item.first), shownValue(item.second))),
      ...compared.onlyFirst.map((serial) => row(serial, 'only-first', t('keyingOnlyFirst'), '✓', '—')),
      ...compared.onlySecond.map((serial) => row(serial, 'only-second', t('keyingOnlySecond'), '—', '✓')),
      ...compared.repeated.map((item) => row(item.serial, 'repeated', t('keyingRepeated'), item.pass === 1 ? '✓' : '', item.pass === 2 ? '✓' : '')),
    ];
    differences.replaceChildren(summary,
      h('p', { class: 'error', id: 'keying-differences-count', text: `${t('keyingDifferencesCount')}: ${number(compared.count)}` }),
      h('div', { class: 'table-wrap' }, h('table', { class: 'keying-differences' },
        h('thead', {}, h('tr', {}, [t('serial'), t('keyingDiffField'), t('keyingDiffFirst'), t('keyingDiffSecond')].map((text) => h('th', { text })))),
        h('tbody', {}, rows))));
  }

  const pass1Form = h('form', { id: 'keying-pass1-form', class: 'row', onsubmit: (event) => {
    event.preventDefault();
    submitting(pass1Form, async () => {
      const file = pass1Form.elements.file.files[0];
      if (!file) throw refusal('pass1-file', 'file', 'keyingPass1Missing');
      let parsed;
      try {
        parsed = keying.formsFromCsv(await file.text(), questions);
      } catch (error) {
        if (!(error instanceof keying.KeyingError)) throw error;
        throw refusal(error.code, 'file', `error_keying_${error.code}`, error.line, error.detail);
      }
      draft.first = { name: file.name, forms: parsed.forms, demoColumns: parsed.demoColumns };
      // The second clerk keys the same details the first did.
      for (const name of parsed.demoColumns) if (!draft.demoColumns.includes(name)) draft.demoColumns.push(name);
      changed();
      drawDemoList();
      drawCard();
      focusCursor(); // back to keying
    }, null, t('keyingPass1Read'));
  } },
  h('label', { class: 'field' }, h('span', { text: t('keyingPass1File') }),
    h('input', { type: 'file', name: 'file', id: 'keying-pass1-file', accept: '.csv,text/csv', 'data-field': 'file',
      onchange: () => pass1Form.requestSubmit() })),
  h('button', { type: 'submit', id: 'keying-pass1-read', text: t('keyingPass1Read') }));

  // The batch: download, check by the server, sign and record.
  const checkButton = h('button', { type: 'button', id: 'keying-check', text: t('keyingCheck'), onclick: () => check() });
  const recordButton = h('button', { type: 'button', id: 'keying-record', disabled: true, text: t('surveyRecord'), onclick: () => record() });
  const batchCount = h('p', { id: 'keying-batch-count' });

  function recordProblem() {
    if (!batchForms().length) return 'keyingNothingKeyed';
    if (selection.pass === 2) {
      const compared = comparison();
      if (!compared) return 'keyingBlockedPass1';
      if (compared.count) return 'keyingBlockedDifferences';
    }
    if (!read) return 'keyingBlockedCheck';
    if (checkedCsv !== batchCsv()) return 'keyingBlockedChanged';
    return '';
  }

  function drawBatch() {
    batchCount.textContent = `${t('keyingBatchCount')}: ${number(batchForms().length)}`;
    const problem = recordProblem();
    recordButton.disabled = Boolean(problem);
    blocked.textContent = problem ? t(problem) : '';
  }

  async function check() {
    const forms = batchForms();
    if (!forms.length) {
      result.replaceChildren(h('p', { class: 'error', role: 'alert', id: 'keying-refused', text: t('keyingNothingKeyed') }));
      return;
    }
    const csv = keying.writeCsv(forms, questions, draft.demoColumns);
    checkButton.disabled = true;
    result.replaceChildren(loading());
    try {
      const query = new URLSearchParams({ template: selection.template, version: String(selection.version) });
      read = await call(`/api/survey/forms?${query}`, { method: 'POST', bytes: new TextEncoder().encode(csv) });
      checkedCsv = csv;
      result.replaceChildren(h('p', { class: 'ok', id: 'keying-checked', 'data-forms': String(read.forms),
        text: `✓ ${t('surveyForms')}: ${number(read.forms)} — ${t('surveyReadNotRecorded')}` }));
    } catch (error) {
      read = null;
      checkedCsv = null;
      const rows = keying.refusedRows(error.body?.detail, forms);
      put(result,
        h('p', { class: 'error', role: 'alert', id: 'keying-refused', 'data-code': error.body?.code ?? 'error',
          text: rows.length ? error.body?.message?.[lang] ?? errorText(error) : errorText(error) }),
        rows.length ? h('div', { class: 'table-wrap' }, h('table', { id: 'keying-refused-rows' },
          h('thead', {}, h('tr', {}, [t('keyingLine'), t('serial'), t('reason')].map((text) => h('th', { text })))),
          h('tbody', {}, rows.map((item) => h('tr', { 'data-line': String(item.line), 'data-serial': item.serial ?? '' },
            h('td', { text: number(item.line) }),
            h('td', {}, item.index === null ? '—' : h('button', { type: 'button', class: 'link keying-jump', text: item.serial || `${t('keyingStt')} ${forms[item.index].stt}`,
              title: t('keyingJump'), onclick: () => goTo(forms[item.index].stt - 1) })),
            h('td', {}, h('code', { lang: 'en', text: item.reason }))))))) : null);
    } finally {
      checkButton.disabled = false;
      drawBatch();
    }
  }

  async function record() {
    if (recordProblem()) return drawBatch();
    recordButton.disabled = true;
    try {
      await act(read.type, read.payload);
      const serials = read.payload.forms.map((form) => form.serial);
      try {
        localStorage.setItem(recordedStore, JSON.stringify([...new Set([...recorded, ...serials])]));
      } catch {}
      for (const serial of serials) recorded.add(serial);
      for (const form of draft.forms) {
        if (recorded.has(form.serial)) Object.assign(form, { recorded: true, saved: false });
      }
      // The batch is in the ledger: its draft goes, and the first pass's if a clerk kept it in this
      // browser (whichever clerk: what it held is now recorded).
      localStorage.removeItem(storeKey);
      if (selection.pass === 2) {
        const firstPass = keying.draftKey({ ledger: '', ...selection, pass: 1 }).split('/').slice(2).join('/');
        for (const name of Object.keys(localStorage)) {
          if (name.startsWith(`parledger.survey.draft/${ledger}#`) && name.endsWith(`/${firstPass}`)) localStorage.removeItem(name);
        }
      }
      const count = read.forms;
      read = null;
      checkedCsv = null;
      draft.first = null;
      result.replaceChildren(h('p', { class: 'ok', id: 'keying-recorded', role: 'status',
        text: `✓ ${t('keyingRecorded')}: ${number(count)} ${t('keyingFormsCount')}` }));
      drawProgress();
      drawCard();
      drawDifferences();
      drawBatch();
    } catch (error) {
      result.append(h('p', { class: 'error', role: 'alert', id: 'keying-record-error', 'data-code': error.body?.code ?? 'error', text: errorText(error) }));
      drawBatch();
    }
  }

  function download() {
    const forms = batchForms();
    if (!forms.length) {
      status.textContent = t('keyingNothingKeyed');
      return;
    }
    if (downloadUrl) URL.revokeObjectURL(downloadUrl);
    downloadUrl = URL.createObjectURL(new Blob([batchCsv()], { type: 'text/csv;charset=utf-8' }));
    downloadLink.href = downloadUrl;
    downloadLink.download = `phieu-khao-sat_${selection.template}-v${selection.version}_${selection.unit || 'tat-ca'}_lan-${selection.pass}.csv`;
    downloadLink.click();
  }

  async function discard() {
    if (!await confirmIrreversible(t('keyingDiscard'), t('keyingConfirmDiscard'))) return;
    localStorage.removeItem(storeKey);
    render();
  }

  // The respondent's details the clerk keys on every form of this draft (demo:<name> columns).
  const demoList = h('span', { class: 'muted', id: 'keying-demo-columns' });
  function drawDemoList() {
    demoList.replaceChildren(...draft.demoColumns.flatMap((name) => {
      const used = draft.forms.some((form) => keying.cleanText(form.demographics?.[name]));
      return [h('span', { class: 'keying-demo-column', 'data-demo': name, text: name }),
        used ? null : h('button', { type: 'button', class: 'link keying-demo-remove', 'data-demo': name, text: `(${t('keyingDemoRemove')})`,
          onclick: () => {
            draft.demoColumns = draft.demoColumns.filter((other) => other !== name);
            changed();
            drawDemoList();
            drawCard();
          } }), ' '];
    }).filter(Boolean));
  }
  const demoForm = h('form', { id: 'keying-demo-form', class: 'row', onsubmit: (event) => {
    event.preventDefault();
    submitting(demoForm, async () => {
      const name = keying.cleanText(demoForm.elements.demoName.value);
      const problem = keying.demoNameProblem(name, draft.demoColumns);
      if (problem) throw refusal(problem, 'demoName', problem === 'demo-name' ? 'keyingDemoBad' : 'keyingDemoTaken');
      draft.demoColumns.push(name);
      demoForm.elements.demoName.value = '';
      changed();
      drawDemoList();
      drawCard();
      focusCursor(); // back to keying
    }, null, t('keyingDemoAdded'));
  } },
  h('label', { class: 'field' }, h('span', { text: t('keyingDemoName') }),
    h('input', { name: 'demoName', id: 'keying-demo-name', 'data-field': 'demoName', maxlength: 60, autocomplete: 'off' })),
  h('button', { type: 'submit', id: 'keying-demo-add', class: 'secondary', text: t('keyingDemoAdd') }), demoList);

  const gotoForm = h('form', { id: 'keying-goto-form', class: 'row keying-goto', onsubmit: (event) => {
    event.preventDefault();
    const wanted = keying.cleanText(gotoForm.elements.goto.value);
    const at = /^[0-9]+$/.test(wanted) && Number(wanted) >= 1 && Number(wanted) <= draft.forms.length ? Number(wanted) - 1
      : draft.forms.findIndex((form) => form.serial.toUpperCase() === wanted.toUpperCase());
    if (at < 0) {
      status.textContent = `${t('keyingNotFound')}: ${wanted}`;
      return;
    }
    gotoForm.elements.goto.value = '';
    goTo(at);
  } },
  h('label', { class: 'field' }, h('span', { text: t('keyingGoto') }),
    h('input', { name: 'goto', id: 'keying-goto', size: 18, autocomplete: 'off' })),
  h('button', { type: 'submit', class: 'secondary', text: t('keyingGo') }));

  put(root,
    progressLine,
    h('div', { class: 'row keying-nav' },
      h('button', { type: 'button', id: 'keying-prev', class: 'secondary', text: `← ${t('keyingPrev')}`, onclick: () => goTo(index - 1) }),
      h('button', { type: 'button', id: 'keying-next', class: 'secondary', text: `${t('keyingNext')} →`, onclick: () => goTo(index + 1) }),
      h('button', { type: 'button', id: 'keying-add', class: 'secondary', text: `+ ${t('keyingAdd')}`, onclick: () => addForm() }),
      gotoForm),
    h('p', { class: 'muted keying-help', id: 'keying-help', text: t('keyingHelp') }),
    warning, status, card,
    h('h2', { text: t('keyingDemoTitle') }), h('p', { class: 'muted', text: t('keyingDemoHint') }), demoForm,
    selection.pass === 2 ? [h('h2', { text: t('keyingDoubleTitle') }), h('p', { class: 'muted', text: t('keyingDoubleIntro') }), pass1Form, differences] : null,
    h('h2', { text: t('keyingBatchTitle') }),
    batchCount,
    h('div', { class: 'row keying-batch' },
      h('button', { type: 'button', id: 'keying-download', class: 'secondary', text: t('keyingDownload'), onclick: () => download() }),
      checkButton, recordButton,
      h('button', { type: 'button', id: 'keying-discard', class: 'danger', text: t('keyingDiscard'), onclick: () => discard() })),
    blocked, result, downloadLink);

  drawDemoList();
  drawCard();
  drawProgress();
  drawDifferences();
  drawBatch();
  return {
    root,
    start() {
      if (activeKeys) document.removeEventListener('keydown', activeKeys);
      activeKeys = onKey;
      document.addEventListener('keydown', onKey);
      focusCursor();
    },
  };
}
