// What the pages need of the ledger beyond the reports: each evidence file's statement id and
// document (number, issuer, date); and the bonus/deduction claims with their decisions, read from
// the entries export (for those who may read every entry: no report lists claims yet).
import { call } from './api.js';

/**
 * The evidence attached to a unit (`GET /api/units/{unit}/evidence`, read by whoever may read its
 * files): `[{evidence (statement id), leaf, name, sha256, document, recordedAt, withdrawn}]`, in ledger order.
 */
export async function unitEvidence(unit) {
  const { evidence } = await call(`/api/units/${encodeURIComponent(unit)}/evidence`);
  return evidence.map((item) => ({
    evidence: item.evidence, leaf: item.leaf, name: item.blob.name, sha256: item.blob.sha256, document: item.document,
    recordedAt: item.recordedAt, withdrawn: item.withdrawn,
  }));
}

/**
 * The matters the council decides, from the entries export (read by those who may read every entry):
 * - `adjustments`: every bonus/deduction claim and its decision,
 *   `[{claim, unit, item, points, reason, evidence, claimedAt, late, decision?: {decision, points, reason}}]`;
 *   a late submission's proposed deduction is a claim too, referred to by the submission's id;
 * - `notApplicable`: every N/A claim, `[{unit, leaf, reason, claimedAt, decision?: {decision, reason}}]`.
 */
export async function councilMatters(campaign) {
  const text = await call('/api/export/entries.jsonl', { text: true });
  const claims = new Map();
  const notApplicable = [];
  const closes = campaign.deadlines.selfScoringCloses;
  const lateProposed = new Set();
  let lateDeduction = null;
  for (const line of text.split('\n')) {
    if (!line) continue;
    const entry = JSON.parse(line);
    const { type, payload, statementId } = entry.statement;
    if (type === 'campaign.opened/v1') {
      lateDeduction = payload.scoring.lateSubmissionDeduction;
    } else if (type === 'bonusPenalty.claimed/v1') {
      claims.set(statementId, { claim: statementId, unit: payload.unit, item: payload.item, points: payload.points,
        reason: payload.reason, evidence: payload.evidence, claimedAt: entry.recordedAt, late: false });
    } else if (type === 'selfAssessment.submitted/v1' && entry.recordedAt > closes && !lateProposed.has(payload.unit)
      && lateDeduction !== null && lateDeduction !== '0') {
      // The first late submission of a unit proposes the campaign's late-submission deduction (CATALOG.md).
      lateProposed.add(payload.unit);
      claims.set(statementId, { claim: statementId, unit: payload.unit, item: 'late-submission', points: lateDeduction,
        reason: '', evidence: [], claimedAt: entry.recordedAt, late: true });
    } else if (type === 'bonusPenalty.decided/v1' && claims.has(payload.claim)) {
      claims.get(payload.claim).decision = { decision: payload.decision, points: payload.points ?? null, reason: payload.reason };
    } else if (type === 'notApplicable.claimed/v1') {
      notApplicable.push({ unit: payload.unit, leaf: payload.leaf, reason: payload.reason, claimedAt: entry.recordedAt });
    } else if (type === 'notApplicable.decided/v1') {
      // A decision answers the pending claim on its leaf: the latest one without a decision.
      const claim = notApplicable.findLast((item) => item.unit === payload.unit && item.leaf === payload.leaf && !item.decision);
      if (claim) claim.decision = { decision: payload.decision, reason: payload.reason };
    }
  }
  return { adjustments: [...claims.values()], notApplicable };
}
