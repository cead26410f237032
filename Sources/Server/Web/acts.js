// Every act the pages record, as one function each: the event type and the payload's members in
// one place (events/CATALOG.md, events/schemas/), so a page never spells a payload itself.
// Optional members are left out when empty, as the schemas and the ledger's canonical bytes want;
// text is trimmed here and put in NFC by `act` before it is signed; dates are read as typed
// (dd/mm/yyyy) and written as the ledger does (YYYY-MM-DD).
import { calendarDate } from './format.js';

const text = (value) => (value ?? '').trim();
const optional = (payload, name, value) => {
  if (text(value)) payload[name] = text(value);
  return payload;
};
/** Points as the ledger writes them: a decimal point, not a comma. */
export const points = (value) => text(value).replace(',', '.');

/** A decision as the payloads name it: its number and date. */
const decisionOf = ({ number, date }) => ({ number: text(number), date: calendarDate(date) });

/** An evidence document as the payloads carry it (events/CATALOG.md, common values). */
const documentOf = ({ number, issuer, issuedOn }) => ({ number: text(number), issuer: text(issuer), issuedOn: calendarDate(issuedOn) });

export const acts = {
  selfScore: ({ unit, leaf, points: value, note }) =>
    ['selfScore.recorded/v1', optional({ unit, leaf, points: points(value) }, 'note', note)],
  evidence: ({ unit, leaf, blob, number, issuer, issuedOn }) =>
    ['evidence.attached/v1', { unit, leaf, blob, document: documentOf({ number, issuer, issuedOn }) }],
  evidenceWithdrawal: ({ unit, leaf, evidence, reason }) =>
    ['evidence.withdrawn/v1', { unit, leaf, evidence, reason: text(reason) }],
  notApplicable: ({ unit, leaf, reason }) => ['notApplicable.claimed/v1', { unit, leaf, reason: text(reason) }],
  notApplicableDecision: ({ unit, leaf, decision, reason }) =>
    ['notApplicable.decided/v1', { unit, leaf, decision, reason: text(reason) }],
  /** `documents`: the unit's signed report (`{blob, number, issuer, issuedOn}`), if any. */
  submit: ({ unit, documents = [] }) => ['selfAssessment.submitted/v1', withDocuments({ unit }, documents)],
  reopening: ({ unit, reason, until }) => ['selfAssessment.reopened/v1', { unit, reason: text(reason), until }],
  /** `evidence` is a list of `{blob, number, issuer, issuedOn}`: files uploaded with the text. */
  explanation: ({ unit, leaf, text: body, evidence = [] }) =>
    ['explanation.submitted/v1', { unit, leaf, text: text(body), evidence: evidence.map(attached) }],
  objection: ({ unit, leaf, text: body, evidence = [] }) =>
    ['objection.filed/v1', { unit, leaf, text: text(body), evidence: evidence.map(attached) }],
  /** `objection`: the resolved objection a round 2 follows, which it must cite. */
  appraisal: ({ unit, leaf, round, points: value, reason, explanationRequested, objection }) =>
    ['appraisal.recorded/v1', optional(
      optional({ unit, leaf, round: Number(round), points: points(value), explanationRequested: Boolean(explanationRequested) }, 'reason', reason),
      'objection', objection)],
  resolution: ({ objection, outcome, points: value, reasoning }) => {
    const payload = { objection, outcome, reasoning: text(reasoning) };
    if (outcome === 'accepted') payload.points = points(value);
    return ['objection.resolved/v1', payload];
  },
  adjustmentClaim: ({ unit, item, points: value, reason, evidence = [] }) =>
    ['bonusPenalty.claimed/v1', { unit, item, points: points(value), reason: text(reason), evidence: evidence.map(attached) }],
  adjustmentDecision: ({ claim, decision, points: value, reason }) => {
    const payload = { claim, decision, reason: text(reason) };
    if (decision === 'accepted') payload.points = points(value);
    return ['bonusPenalty.decided/v1', payload];
  },
  preliminaryResults: () => ['preliminaryResults.issued/v1', {}],
  councilReport: ({ number, date, summary, documents = [] }) =>
    ['councilReport.approved/v1', withDocuments(optional({ number: text(number), date: calendarDate(date) }, 'summary', summary), documents)],
  /** Names the ledger's current size and root: the results are published against it. */
  publication: ({ number, date, size, root, documents = [] }) =>
    ['results.published/v1', withDocuments({ decision: decisionOf({ number, date }), checkpoint: { size, root } }, documents)],
  correction: ({ number, date, supersedes, reason, changes, size, root }) =>
    ['results.corrected/v1', {
      decision: decisionOf({ number, date }), supersedes: text(supersedes), reason: text(reason),
      changes: changes.map((change) => ({ unit: text(change.unit), leaf: text(change.leaf), points: points(change.points), reason: text(change.reason) })),
      checkpoint: { size, root },
    }],
  /** `deadlines`: `{name: timestamp}` of the deadlines moved. */
  deadlineAmendment: ({ number, date, reason, deadlines }) =>
    ['campaign.amended/v1', { decision: decisionOf({ number, date }), reason: text(reason), deadlines }],
  /** `leaves`: typed as "1.1, 2.3" (none: every leaf). */
  roundReopening: ({ round, units, leaves, until, reason }) => {
    const payload = { round: Number(round), units, until, reason: text(reason) };
    const named = text(leaves).split(/[\s,;]+/).filter(Boolean);
    if (named.length) payload.leaves = named;
    return ['round.reopened/v1', payload];
  },
  withdrawal: ({ unit, number, date, reason, successor }) =>
    ['unit.withdrawn/v1', optional({ unit, decision: decisionOf({ number, date }), reason: text(reason) }, 'successor', successor)],
  renaming: ({ unit, name, number, date }) => ['unit.renamed/v1', { unit, name: text(name), decision: decisionOf({ number, date }) }],
  formInvalidation: ({ serial, reason }) => ['surveyForm.invalidated/v1', { serial: text(serial), reason: text(reason) }],
  enrolment: ({ code, name, group }) => ['unit.enrolled/v1', { code: text(code), name: text(name), group }],
  assignment: ({ keyId, domains, ownUnit }) =>
    ['appraiser.assigned/v1', { keyId: text(keyId), domains: text(domains).split(/[\s,;]+/).filter(Boolean), ownUnit: text(ownUnit) }],
  keyRegistration: ({ keyId, name, publicKey, role, unit }) =>
    ['key.registered/v1', optional({ keyId, name: text(name), publicKey, role }, 'unit', unit)],
  keyRevocation: ({ keyId, reason }) => ['key.revoked/v1', { keyId: text(keyId).toLowerCase(), reason: text(reason) }],
};

/** The process documents an act records (events/CATALOG.md `documents`): left out when none. */
function withDocuments(payload, documents) {
  if (documents.length) payload.documents = documents.map(attached);
  return payload;
}

/** A file uploaded with an explanation, objection or claim, with its document's particulars. */
function attached({ blob, number, issuer, issuedOn }) {
  return { blob, document: documentOf({ number, issuer, issuedOn }) };
}

/** The acts a secretariat issues from a JSON file (events/samples/): the payload is the file. */
export const fileActs = ['criteriaSet.published/v1', 'campaign.opened/v1', 'surveyTemplate.published/v1'];
