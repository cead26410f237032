// The keying screen's rules without the page (survey.js draws them): the stack of paper forms from
// the keying sheet, the CSV file of keyed forms in the import layout (events/samples/survey-csv.md),
// reading a first pass's CSV back, and the differences between two passes of double entry. No DOM,
// no storage, no imports: tools/test_survey_keying_web.py runs these in Node.

/** The columns every form has, before the questions (STT is written, and ignored when read). */
export const fixedColumns = ['serial', 'unit', 'respondentGroup'];

/** A serial as the ledger accepts it: 1–40 of A–Z a–z 0–9 - / . */
export const serialPattern = /^[A-Za-z0-9./-]{1,40}$/;

/** A problem with a file or a value, by code (survey.js words it); `line` is the file's line. */
export class KeyingError extends Error {
  constructor(code, { line = null, detail = '' } = {}) {
    super(detail ? `${code}: ${detail}` : code);
    this.code = code;
    this.line = line;
    this.detail = detail;
  }
}

/** Text as the ledger keeps it: NFC, spaces around removed, line breaks made spaces. */
export const cleanText = (value) => String(value ?? '').normalize('NFC').replace(/[\r\n]+/g, ' ').trim();

/** An answer as the import reads it: trimmed, upper case (`a` is `A`). */
export const cleanAnswer = (value) => cleanText(value).toUpperCase();

/** Where a draft is kept (localStorage): one per ledger, template, version, unit (or all) and pass. */
export function draftKey({ ledger, template, version, unit, pass }) {
  return `parledger.survey.draft/${ledger ?? ''}/${template}@${version}/${unit || '*'}/pass${pass}`;
}

/** Where the serials this browser recorded for a template are remembered. */
export function recordedKey({ ledger, template, version }) {
  return `parledger.survey.recorded/${ledger ?? ''}/${template}@${version}`;
}

/** An empty form. */
export function blankForm({ serial = '', unit = '', respondentGroup = '' } = {}) {
  return { serial, unit, respondentGroup, answers: {}, demographics: {} };
}

/** The stack of forms the sheet (GET /api/survey/sheet) expects, in its order. */
export function formsFromSheet(sheet) {
  const at = Object.fromEntries((sheet?.header ?? []).map((name, index) => [name, index]));
  return (sheet?.rows ?? []).map((row) => ({
    ...blankForm({ serial: row[at.serial] ?? '', unit: row[at.unit] ?? '', respondentGroup: row[at.respondentGroup] ?? '' }),
    sheet: true,
  }));
}

/** A kept draft's forms, then the sheet's forms the draft does not have yet (a unit enrolled
 * since, a quota raised), in the sheet's order. */
export function mergeStack(kept, sheetForms) {
  if (!kept?.length) return sheetForms.map((form) => ({ ...form, answers: { ...form.answers }, demographics: { ...form.demographics } }));
  const have = new Set(kept.map((form) => form.serial));
  return [...kept, ...sheetForms.filter((form) => !have.has(form.serial))];
}

/** Whether the template asks `question` of a respondent group. */
export function asked(question, respondentGroup) {
  return !question.respondentGroups?.length || question.respondentGroups.includes(respondentGroup);
}

/** Whether a form was keyed: saved by the clerk, or holding an answer or a respondent's detail. */
export function isKeyed(form) {
  if (form.recorded) return false;
  return Boolean(form.saved) || Object.values(form.answers ?? {}).some((value) => cleanText(value))
    || Object.values(form.demographics ?? {}).some((value) => cleanText(value));
}

/** The forms that go in the batch, each with its place in the stack (`stt`, from 1). */
export function keyedForms(forms) {
  return forms.map((form, index) => ({ ...form, stt: index + 1 })).filter(isKeyed);
}

/** What the progress line says: the form shown (from 1) of how many, how many keyed and recorded. */
export function progress(forms, index) {
  return {
    position: forms.length ? Math.min(Math.max(index, 0), forms.length - 1) + 1 : 0,
    total: forms.length,
    keyed: forms.filter(isKeyed).length,
    recorded: forms.filter((form) => form.recorded).length,
  };
}

/** The option a key press chooses: the option's own code (either case), or its place (1–9);
 * null for any other key. */
export function optionForKey(key, options) {
  if (typeof key !== 'string' || key.length !== 1) return null;
  const codes = options.map((option) => (typeof option === 'string' ? option : option.code));
  const exact = codes.find((code) => code.toUpperCase() === key.toUpperCase());
  if (exact) return exact;
  if (/^[1-9]$/.test(key) && Number(key) <= codes.length) return codes[Number(key) - 1];
  return null;
}

/** Why a demographic column name cannot be added ('' when it can). */
export function demoNameProblem(name, existing) {
  const clean = cleanText(name);
  if (!clean || clean.length > 60) return 'demo-name';
  if (existing.includes(clean)) return 'demo-name-taken';
  return '';
}

/** Why a form's serial is refused before the server sees it ('' when it is fine). */
export function serialProblem(serial, forms, index) {
  const clean = cleanText(serial);
  if (!serialPattern.test(clean)) return 'serial';
  if (forms.some((form, other) => other !== index && form.serial === clean)) return 'serial-taken';
  return '';
}

/** One cell as RFC 4180 writes it: quoted when it holds a comma, a double quote or a line break,
 * a double quote inside written twice. */
export function csvCell(value) {
  const text = String(value ?? '');
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The forms as the import reads them: UTF-8 with a byte order mark (Excel opens it as UTF-8),
 * commas, CRLF; STT, serial, unit, respondentGroup, every question, then `demo:<name>` columns.
 * A question not asked of a form's group is left empty. */
export function writeCsv(forms, questions, demoColumns = [], { bom = true } = {}) {
  const codes = questions.map((question) => (typeof question === 'string' ? question : question.code));
  const byCode = new Map(questions.filter((question) => typeof question !== 'string').map((question) => [question.code, question]));
  const header = ['STT', ...fixedColumns, ...codes, ...demoColumns.map((name) => `demo:${name}`)];
  const lines = [header, ...forms.map((form, index) => [
    String(form.stt ?? index + 1), cleanText(form.serial), cleanText(form.unit), cleanText(form.respondentGroup),
    ...codes.map((code) => (byCode.has(code) && !asked(byCode.get(code), form.respondentGroup) ? '' : cleanAnswer(form.answers?.[code]))),
    ...demoColumns.map((name) => cleanText(form.demographics?.[name])),
  ])];
  return (bom ? '\uFEFF' : '') + lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A CSV text read as the import reads it: a byte order mark dropped; commas, or semicolons when
 * the header line has semicolons and no comma; RFC 4180 quotes; CRLF or LF; empty lines skipped.
 * Each row keeps the line it starts on (the header is line 1). */
export function parseCsv(text) {
  let source = String(text ?? '');
  if (source.startsWith('\uFEFF')) source = source.slice(1);
  const firstLine = source.split(/\r\n|\n|\r/, 1)[0];
  const separator = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  const records = [];
  let fields = [];
  let cell = '';
  let quoted = false;
  let afterQuote = false;
  let line = 1;
  let start = 1;
  const endRecord = () => {
    fields.push(cell);
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: start, fields });
    fields = [];
    cell = '';
    afterQuote = false;
  };
  for (let at = 0; at < source.length; at++) {
    const char = source[at];
    if (quoted) {
      if (char === '"') {
        quoted = false;
        afterQuote = true;
      } else {
        if (char === '\n' || (char === '\r' && source[at + 1] !== '\n')) line++;
        cell += char;
      }
    } else if (char === '"' && afterQuote) {
      cell += '"'; // a doubled quote inside a quoted cell
      quoted = true;
      afterQuote = false;
    } else if (char === '"' && cell === '') {
      quoted = true;
    } else if (char === '"') {
      throw new KeyingError('csv-quote', { line, detail: 'a quote inside an unquoted field' });
    } else if (char === separator) {
      fields.push(cell);
      cell = '';
      afterQuote = false;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[at + 1] === '\n') at++;
      endRecord();
      line++;
      start = line;
    } else {
      if (afterQuote) throw new KeyingError('csv-quote', { line, detail: 'text after a closing quote' });
      cell += char;
    }
  }
  if (quoted) throw new KeyingError('csv-quote', { line: start, detail: 'a quoted field is not closed' });
  if (cell !== '' || fields.length) endRecord();
  if (!records.length) throw new KeyingError('csv-empty');
  const [head, ...rows] = records;
  return { separator, header: head.fields.map((name) => cleanText(name)), rows };
}

/** The forms of a keyed CSV file (a first pass), checked against the template's question codes
 * as the import checks its layout: the three required columns, no unknown or repeated column,
 * as many cells as the header. Answers come back upper case; empty cells are left out. */
export function formsFromCsv(text, questions) {
  const codes = questions.map((question) => (typeof question === 'string' ? question : question.code));
  const { header, rows } = parseCsv(text);
  const seen = new Set();
  for (const name of header) {
    if (seen.has(name)) throw new KeyingError('csv-column', { line: 1, detail: `column ${name} appears twice` });
    seen.add(name);
    const known = name === 'STT' || fixedColumns.includes(name) || codes.includes(name) || (name.startsWith('demo:') && name.length > 5);
    if (!known) throw new KeyingError('csv-column', { line: 1, detail: `column ${name} is neither a question of the template nor demo:NAME` });
  }
  for (const name of [...fixedColumns, ...codes]) {
    if (!seen.has(name)) throw new KeyingError('csv-column', { line: 1, detail: `the header has no ${name} column` });
  }
  if (!rows.length) throw new KeyingError('csv-empty');
  const demoColumns = header.filter((name) => name.startsWith('demo:')).map((name) => name.slice(5));
  const forms = rows.map(({ line, fields }) => {
    if (fields.length !== header.length) {
      throw new KeyingError('csv-fields', { line, detail: `${fields.length} fields, but the header has ${header.length}` });
    }
    const cell = (name) => fields[header.indexOf(name)];
    const form = blankForm({ serial: cleanText(cell('serial')), unit: cleanText(cell('unit')), respondentGroup: cleanText(cell('respondentGroup')) });
    for (const code of codes) if (cleanAnswer(cell(code))) form.answers[code] = cleanAnswer(cell(code));
    for (const name of demoColumns) if (cleanText(cell(`demo:${name}`))) form.demographics[name] = cleanText(cell(`demo:${name}`));
    form.line = line;
    return form;
  });
  return { forms, demoColumns };
}

/**
 * The differences between two passes of the same stack, matched by serial: every field that
 * differs (`unit`, `respondentGroup`, a question code, or `demo:<name>`) with both values, the
 * serials keyed in one pass only, and serials a pass has twice. Nothing differs when `count` is 0.
 */
export function comparePasses(first, second, questions, demoColumns = []) {
  const codes = questions.map((question) => (typeof question === 'string' ? question : question.code));
  const index = (forms) => {
    const bySerial = new Map();
    const repeated = [];
    for (const form of forms) {
      const serial = cleanText(form.serial);
      if (bySerial.has(serial)) repeated.push(serial);
      else bySerial.set(serial, form);
    }
    return { bySerial, repeated };
  };
  const one = index(first);
  const two = index(second);
  const demoNames = [...new Set(demoColumns)];
  for (const form of [...first, ...second]) {
    for (const name of Object.keys(form.demographics ?? {})) if (!demoNames.includes(name)) demoNames.push(name);
  }
  const fields = [
    ['unit', (form) => cleanText(form.unit)], ['respondentGroup', (form) => cleanText(form.respondentGroup)],
    ...codes.map((code) => [code, (form) => cleanAnswer(form.answers?.[code])]),
    ...demoNames.map((name) => [`demo:${name}`, (form) => cleanText(form.demographics?.[name])]),
  ];
  const differences = [];
  for (const [serial, a] of one.bySerial) {
    const b = two.bySerial.get(serial);
    if (!b) continue;
    for (const [field, value] of fields) {
      if (value(a) !== value(b)) differences.push({ serial, field, first: value(a), second: value(b) });
    }
  }
  const onlyFirst = [...one.bySerial.keys()].filter((serial) => !two.bySerial.has(serial));
  const onlySecond = [...two.bySerial.keys()].filter((serial) => !one.bySerial.has(serial));
  const repeated = [...one.repeated.map((serial) => ({ serial, pass: 1 })), ...two.repeated.map((serial) => ({ serial, pass: 2 }))];
  return { differences, onlyFirst, onlySecond, repeated, count: differences.length + onlyFirst.length + onlySecond.length + repeated.length };
}

/** The bad rows of a refused file (the server's `detail`: "line N: reason", one a line), each
 * with the form written on that line of `forms` (the batch, header on line 1): its place in
 * `forms` (`index`, null for the header) and its serial. */
export function refusedRows(detail, forms) {
  const rows = [];
  for (const text of String(detail ?? '').split('\n')) {
    const match = /^line ([0-9]+): (.*)$/.exec(text.trim());
    if (!match) continue;
    const line = Number(match[1]);
    const index = line >= 2 && line - 2 < forms.length ? line - 2 : null;
    rows.push({ line, index, serial: index === null ? null : forms[index].serial, reason: match[2] });
  }
  return rows;
}
