// The public and auditor pages: standings as of a date, a page per unit, and the verify page.
import { call } from './api.js';
import { barChart, pairedChart } from './charts.js';
import { h, loading, table } from './dom.js';
import { t } from './i18n.js';

function asOfQuery(asOf) {
  return asOf ? `?asOf=${encodeURIComponent(asOf)}` : '';
}

function prefixLine(report) {
  const ledger = report.ledger;
  return h('p', { class: 'muted prefix' },
    `${t('ledgerPrefix')}: ${ledger.size} ${t('entries')}, root ${ledger.root}` +
      (ledger.asOf ? ` — ${t('asOf')} ${ledger.asOf}` : '') + ` — ${t('digest')} ${report.digest.slice(0, 16)}…`);
}

export async function standingsPage(main, params) {
  const asOf = params.get('asOf') ?? '';
  const picker = h('form', { class: 'row', id: 'asof-form', onsubmit: (event) => {
    event.preventDefault();
    const value = event.target.elements.asOf.value;
    location.hash = value ? `#/?asOf=${value}` : '#/';
  } },
  h('label', { class: 'field' }, h('span', { text: t('asOf') }), h('input', { type: 'date', name: 'asOf', value: asOf, 'data-field': 'asOf' })),
  h('button', { type: 'submit', text: t('show') }),
  h('a', { href: '#/', class: 'button-link', text: t('now') }));
  main.replaceChildren(h('h1', { text: t('navPublic') }), picker, loading());
  const report = await call('/api/standings' + asOfQuery(asOf));
  const parts = [h('h1', { text: t('navPublic') }), picker, prefixLine(report)];
  for (const group of report.groups) {
    parts.push(h('h2', { text: group.name ?? group.group }));
    const standings = group.standings ?? [];
    parts.push(table([t('rank'), t('unit'), t('index'), t('band'), t('appraised'), t('survey'), t('total')],
      standings.map((row) => [String(row.rank), h('a', { href: `#/unit/${row.unit}${asOf ? '?asOf=' + asOf : ''}`, text: row.name }),
        row.index + (row.provisional ? ` (${t('provisional')})` : ''), row.band, row.appraisedTotal, row.surveyTotal, row.total]),
      { class: 'standings', 'data-group': group.group }));
    parts.push(barChart(standings.map((row) => ({ label: `${row.rank}. ${row.name}`, value: Number(row.index), text: row.index })),
      { title: `${t('ranking')} — ${group.name ?? group.group}` }));
  }
  main.replaceChildren(...parts);
}

export async function unitPage(main, params, code) {
  const asOf = params.get('asOf') ?? '';
  main.replaceChildren(loading());
  const report = await call(`/api/units/${encodeURIComponent(code)}/scores` + asOfQuery(asOf));
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
  main.replaceChildren(
    h('h1', { text: `${result.name} (${result.unit})` }),
    h('p', { class: 'result' }, `${t('result')}: ${result.index}% — ${result.band}` + (result.provisional ? ` (${t('provisional')})` : '')),
    prefixLine(report),
    pairedChart([...domains].map(([domain, sums]) => ({ label: `${domain}. ${names.get(domain) ?? ''}`,
      self: Math.round(sums.self * 100) / 100, appraised: Math.round(sums.appraised * 100) / 100, max: sums.max })),
    { title: t('selfVsAppraised'), selfLabel: t('selfScore'), appraisedLabel: t('appraised') }),
    table([t('leaf'), t('name'), t('maxPoints'), t('selfScore'), t('round1'), t('round2'), t('appraised'), t('points')],
      report.leaves.map((leaf) => [leaf.leaf, leaf.name, leaf.maxPoints, leaf.selfScore, leaf.round1, leaf.round2, leaf.appraised, leaf.points]),
      { class: 'scores' }),
  );
}

export async function verifyPage(main) {
  main.replaceChildren(loading());
  const origin = location.origin;
  let checkpoint = null;
  try {
    checkpoint = await call('/api/checkpoint');
  } catch {}
  const ledger = await call('/api/ledger');
  // The authority's key, from the genesis entry: what a proof's checkpoint signature is checked
  // against (verify-proof exits 0 only when a trusted log key signed it). The Python verifier
  // trusts the export's own log keys instead and also checks the checkpoint is the ledger's.
  const genesis = await call('/api/entries/0');
  const logKey = genesis.statement.payload.authority.publicKey;
  // Runnable as they stand in an empty folder holding tools/verify-ledger.py, with parledger on PATH.
  const auditor = [
    'mkdir -p export/blobs',
    `curl -sf -o export/entries.jsonl ${origin}/api/export/entries.jsonl`,
    `curl -sf -o export/checkpoint ${origin}/api/checkpoint/note`,
    `curl -sf ${origin}/api/export/blobs | python3 -c 'import json, sys; print("\\n".join(json.load(sys.stdin)["blobs"]))' |`,
    `  while read -r hash; do curl -sf -o "export/blobs/$hash" "${origin}/api/blobs/$hash"; done`,
    'python3 tools/verify-ledger.py export/ --checkpoint export/checkpoint',
    `curl -sf -o proof "${origin}/api/proofs/inclusion?seq=0"`,
    `parledger verify-proof proof --log-key ${logKey}`,
    'python3 tools/verify-ledger.py --proof proof export/',
    `curl -sf -o consistency "${origin}/api/proofs/consistency?from=1"`,
    `parledger verify-proof consistency --log-key ${logKey}`,
    'python3 tools/verify-ledger.py --proof consistency export/',
  ].join('\n');
  const operator = 'parledger verify --store ledger.sqlite --checkpoint export/checkpoint';
  main.replaceChildren(
    h('h1', { text: t('verifyTitle') }),
    h('h2', { text: t('checkpoint') }),
    checkpoint
      ? h('div', {}, h('p', {}, `${t('size')}: ${checkpoint.size} — ${t('root')}: ${checkpoint.root}`),
          h('pre', { class: 'note', id: 'checkpoint-note', text: checkpoint.note }))
      : h('p', { text: t('noCheckpoint') }),
    h('p', { class: 'muted' }, `${ledger.ledgerId}: ${ledger.size} ${t('entries')}, root ${ledger.root}`),
    h('p', { text: t('verifyIntro') }),
    h('pre', { class: 'commands', id: 'verify-commands', text: auditor }),
    h('p', { text: t('verifyOperator') }),
    h('pre', { class: 'commands', id: 'operator-commands', text: operator }),
  );
}
