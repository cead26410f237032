// The public and auditor pages: standings as of a date, a page per unit, and the verify page.
import { call, session } from './api.js';
import { fromBase64, logSigners, parseConsistency, parseNote, verifyConsistency } from './checkpoints.js';
import { barChart, pairedChart } from './charts.js';
import { downloads } from './downloads.js';
import { dateField, h, loading, table } from './dom.js';
import { calendarDate, date, dateTime, number } from './format.js';
import { label, t } from './i18n.js';

function asOfQuery(asOf) {
  return asOf ? `?asOf=${encodeURIComponent(asOf)}` : '';
}

function prefixLine(report) {
  const ledger = report.ledger;
  return h('p', { class: 'muted prefix' },
    `${t('ledgerPrefix')}: ${number(ledger.size)} ${t('entries')}, ${t('rootWord')} ${ledger.root}` +
      (ledger.asOf ? ` — ${t('asOf')} ${dateTime(ledger.asOf)}` : '') + ` — ${t('digest')} ${report.digest.slice(0, 16)}…`);
}

/** Before publication, figures are the council's working papers: said on every page that shows them. */
function provisionalBanner(report) {
  return report.published === false
    ? h('p', { class: 'provisional', id: 'provisional', role: 'note', text: t('provisionalNotPublished') })
    : null;
}

/** The answer of `load`, or null when it is withheld from this reader: the page then says so and who may read it. */
async function withheldOr(main, heading, load) {
  try {
    return await load();
  } catch (error) {
    if (error.body?.code !== 'withheld') throw error;
    // The server's `detail` (who may read it) is English: the Vietnamese page says it in its own words.
    main.replaceChildren(...heading, h('p', { class: 'withheld', id: 'withheld', role: 'note', text: t('resultsNotPublished') }));
    return null;
  }
}

/** The council, the secretariat, the authority and auditors read every document at any date. */
const seesEverything = () => ['secretariat', 'authority', 'councilChair', 'auditor'].includes(session.info?.role);
const councilReports = ['results', 'differences', 'disputes', 'survey', 'minutes'];

export async function standingsPage(main, params) {
  const asOf = params.get('asOf') ?? '';
  const picker = h('form', { class: 'row', id: 'asof-form', onsubmit: (event) => {
    event.preventDefault();
    const value = calendarDate(event.target.elements.asOf.value);
    location.hash = value ? `#/?asOf=${encodeURIComponent(value)}` : '#/';
  } },
  dateField(t('asOf'), 'asOf', { value: asOf ? date(asOf) : '' }),
  h('button', { type: 'submit', text: t('show') }),
  h('a', { href: '#/', class: 'button-link', text: t('now') }));
  main.replaceChildren(h('h1', { text: t('navPublic') }), picker, loading());
  const report = await withheldOr(main, [h('h1', { text: t('navPublic') }), picker],
    () => call('/api/standings' + asOfQuery(asOf)));
  if (!report) return;
  const parts = [h('h1', { text: t('navPublic') }), picker, provisionalBanner(report), prefixLine(report)];
  for (const group of report.groups) {
    parts.push(h('h2', { text: group.name ?? group.group }));
    const standings = group.standings ?? [];
    const mark = (row, figure) => number(figure) + (row.provisional ? ` (${t('provisional')})` : '');
    // A band judges appraised figures: a unit whose leaves are not all appraised yet has none to judge.
    const band = (row) => row.band ?? '—';
    parts.push(table([t('rank'), t('unit'), t('index'), t('band'), t('appraised'), t('survey'), t('bonusShort'), t('deductionShort'), t('total')],
      standings.map((row) => [number(row.rank), h('a', { href: `#/unit/${row.unit}${asOf ? '?asOf=' + asOf : ''}`, text: row.name }),
        mark(row, row.index), band(row), mark(row, row.appraisedTotal), number(row.surveyTotal), number(row.bonus),
        number(row.deductions), mark(row, row.total)]),
      { class: 'standings', 'data-group': group.group }));
    parts.push(barChart(standings.map((row) => ({ label: `${row.rank}. ${row.name}`, value: Number(row.index), text: number(row.index) })),
      { title: `${t('ranking')} — ${group.name ?? group.group}` }));
  }
  if (report.published || seesEverything()) parts.push(downloads(seesEverything() ? councilReports : ['results'], { asOf }));
  main.replaceChildren(...parts.flat().filter(Boolean));
}

export async function unitPage(main, params, code) {
  const asOf = params.get('asOf') ?? '';
  main.replaceChildren(loading());
  const report = await withheldOr(main, [h('h1', { text: code })],
    () => call(`/api/units/${encodeURIComponent(code)}/scores` + asOfQuery(asOf)));
  if (!report) return;
  if (!report.result) {
    // An appraiser of some of the unit's domains has no totals to see: their leaves are on their own page.
    main.replaceChildren(h('h1', { text: code }), h('p', { class: 'withheld', id: 'withheld', role: 'note', text: t('resultsNotPublished') }),
      h('p', {}, h('a', { href: `#/appraiser?unit=${encodeURIComponent(code)}`, text: t('navAppraiser') })));
    return;
  }
  // Published as of the same moment: the campaign's progress (public) names the decisions by then.
  const progress = await call('/api/campaign' + asOfQuery(asOf));
  report.published = (progress.decisions ?? []).length > 0;
  const result = report.result;
  const domains = new Map();
  for (const leaf of report.leaves) {
    if (leaf.method !== 'TĐG') continue;
    const domain = leaf.leaf.split('.')[0];
    const sums = domains.get(domain) ?? { self: 0, appraised: 0, max: 0 };
    sums.self += Number(leaf.selfScore ?? 0);
    sums.appraised += Number(leaf.appraised ?? 0);
    sums.max += Number(leaf.maxPoints);
    domains.set(domain, sums);
  }
  const names = new Map((result.domains ?? []).map((domain) => [domain.domain, domain.name]));
  main.replaceChildren(...[
    h('h1', { text: `${result.name} (${result.unit})` }),
    h('p', { class: 'result' }, `${t('result')}: ${number(result.index)}% — ` +
      (result.provisional ? `${result.band ?? '—'} (${t('provisional')})` : result.band)),
    provisionalBanner(report),
    prefixLine(report),
    pairedChart([...domains].map(([domain, sums]) => ({ label: `${domain}. ${names.get(domain) ?? ''}`,
      self: Math.round(sums.self * 100) / 100, appraised: Math.round(sums.appraised * 100) / 100, max: sums.max })),
    { title: t('selfVsAppraised'), selfLabel: t('selfScore'), appraisedLabel: t('appraised'), format: number }),
    table([t('leaf'), t('name'), t('method'), t('maxPoints'), t('selfScore'), t('round1'), t('round2'), t('appraised'), t('naState'), t('points')],
      report.leaves.map((leaf) => [leaf.leaf, leaf.name, label('methodShort', leaf.method), number(leaf.maxPoints), number(leaf.selfScore), number(leaf.round1),
        number(leaf.round2), number(leaf.appraised), leaf.notApplicable ? label('na', leaf.notApplicable) : '',
        number(leaf.points) + (leaf.provisional ? ` (${t('provisional')})` : '')]),
      { class: 'scores' }),
    report.published || seesEverything() ? downloads(['scorecard', 'differences'], { unit: result.unit, asOf }) : null,
  ].filter(Boolean));
}

export async function verifyPage(main) {
  main.replaceChildren(loading());
  const origin = location.origin;
  let checkpoint = null;
  try {
    checkpoint = await call('/api/checkpoint');
  } catch {}
  const ledger = await call('/api/ledger');
  const parts = [h('h1', { text: t('verifyTitle') }), h('h2', { text: t('checkpoint') })];
  if (!checkpoint) {
    parts.push(h('p', { text: t('noCheckpoint') }));
    main.replaceChildren(...parts.flat().filter(Boolean));
    return;
  }
  parts.push(h('p', { class: 'prefix' }, `${t('size')}: ${number(checkpoint.size)} — ${t('root')}: ${checkpoint.root}`),
    h('pre', { class: 'note', id: 'checkpoint-note', text: checkpoint.note }));
  // Checked here, by anyone: the log's signature, and that the tree extends the last one this
  // browser saw (a cut or rewritten history would not).
  const note = parseNote(checkpoint.note);
  const signers = note ? await logSigners(note, checkpoint.logKeys) : [];
  parts.push(h('p', { id: 'checkpoint-check', class: signers.length ? 'ok' : 'error',
    text: signers.length ? `✓ ${t('signedBy')} ${signers.map((key) => key.name).join(', ')}` : `✗ ${t('signatureFails')}` }));
  parts.push(await consistencyCheck(checkpoint));
  parts.push(h('p', { class: 'muted prefix' }, `${ledger.ledgerId}: ${number(ledger.size)} ${t('entries')}, ${t('rootWord')} ${ledger.root}`));
  // The log key that signed this checkpoint: what a proof's signature is checked against
  // (verify-proof exits 0 only when a trusted log key signed it).
  const logKey = (signers[0] ?? checkpoint.logKeys[0])?.publicKey ?? '';
  const publicCommands = [
    `curl -sf -o consistency "${origin}/api/proofs/consistency?from=1"`,
    `parledger verify-proof consistency --log-key ${logKey}`,
  ];
  parts.push(h('p', { text: t('verifyPublic') }), h('pre', { class: 'commands', id: 'public-commands', text: publicCommands.join('\n') }));
  if (session.info && ['authority', 'secretariat', 'councilChair', 'auditor'].includes(session.info.role)) {
    // The export is for those who see every entry: the commands carry this session's token.
    const auth = `-H "Authorization: Bearer ${session.token}"`;
    const auditor = [
      'mkdir -p export/blobs',
      `curl -sf ${auth} -o export/entries.jsonl ${origin}/api/export/entries.jsonl`,
      `curl -sf -o export/checkpoint ${origin}/api/checkpoint/note`,
      `curl -sf ${auth} ${origin}/api/export/blobs | python3 -c 'import json, sys; print("\\n".join(json.load(sys.stdin)["blobs"]))' |`,
      `  while read -r hash; do curl -sf ${auth} -o "export/blobs/$hash" "${origin}/api/blobs/$hash"; done`,
      'python3 tools/verify-ledger.py export/ --checkpoint export/checkpoint',
      `curl -sf ${auth} -o proof "${origin}/api/proofs/inclusion?seq=0"`,
      `parledger verify-proof proof --log-key ${logKey}`,
      'python3 tools/verify-ledger.py --proof proof export/',
      ...publicCommands,
      'python3 tools/verify-ledger.py --proof consistency export/',
    ].join('\n');
    parts.push(h('p', { text: t('verifyIntro') }), h('pre', { class: 'commands', id: 'verify-commands', text: auditor }),
      h('p', { text: t('verifyOperator') }),
      h('pre', { class: 'commands', id: 'operator-commands', text: 'parledger verify --store ledger.sqlite --checkpoint export/checkpoint' }));
  } else {
    parts.push(h('p', { class: 'muted', id: 'export-withheld', text: t('exportWithheld') }));
  }
  main.replaceChildren(...parts.flat().filter(Boolean));
}

/** Whether the checkpoint extends the last one this browser saw of the ledger; remembers it. */
async function consistencyCheck(checkpoint) {
  const memory = `parledger-checkpoint:${checkpoint.origin}`;
  const seen = JSON.parse(localStorage.getItem(memory) ?? 'null');
  let line;
  if (!seen) {
    line = h('p', { id: 'consistency-check', class: 'muted', text: t('firstCheckpointSeen') });
  } else if (seen.size > checkpoint.size) {
    line = h('p', { id: 'consistency-check', class: 'error', text: `✗ ${t('checkpointRolledBack')} (${seen.size} → ${checkpoint.size})` });
  } else {
    const proofText = await call(`/api/proofs/consistency?from=${seen.size}&to=${checkpoint.size}`, { text: true });
    const proof = parseConsistency(proofText);
    const holds = proof && proof.old === seen.size &&
      await verifyConsistency(seen.size, checkpoint.size, fromBase64(seen.root), fromBase64(checkpoint.root), proof.proof);
    line = h('p', { id: 'consistency-check', class: holds ? 'ok' : 'error',
      text: holds ? `✓ ${t('extendsSeen')} (${seen.size} → ${checkpoint.size})` : `✗ ${t('forkedFromSeen')} (${seen.size})` });
    if (!holds) return line;
  }
  localStorage.setItem(memory, JSON.stringify({ size: checkpoint.size, root: checkpoint.root }));
  return line;
}
