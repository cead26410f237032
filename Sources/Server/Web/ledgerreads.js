// What the pages need of the ledger that no report gives yet: each evidence file's statement id
// and document (number, issuer, date), read from the entries named by the unit's history; and the
// bonus/deduction claims with their decisions, read from the entries export (for those who may
// read every entry). Both read signed entries, so what they show is what was signed.
import { call, session } from './api.js';

/** The entries at these positions that the reader may read (others are left out, never guessed). */
async function entriesAt(seqs) {
  const entries = await Promise.all([...new Set(seqs)].map((seq) => call(`/api/entries/${seq}`).catch(() => null)));
  return entries.filter(Boolean);
}

/**
 * The evidence attached to a unit, from its leaves' histories (`/api/units/{unit}/history`):
 * `[{evidence (statement id), leaf, name, sha256, document, recordedAt, withdrawn}]`, in ledger order.
 */
export async function unitEvidence(histories) {
  const seqs = histories.leaves.flatMap((history) => history.events
    .filter((event) => event.type === 'evidence.attached/v1' || event.type === 'evidence.withdrawn/v1')
    .map((event) => event.seq));
  const entries = await entriesAt(seqs);
  const withdrawn = new Set(entries.filter((entry) => entry.statement.type === 'evidence.withdrawn/v1')
    .map((entry) => entry.statement.payload.evidence));
  return entries.filter((entry) => entry.statement.type === 'evidence.attached/v1').sort((a, b) => a.seq - b.seq)
    .map((entry) => ({
      evidence: entry.statement.statementId, leaf: entry.statement.payload.leaf, name: entry.statement.payload.blob.name,
      sha256: entry.statement.payload.blob.sha256, document: entry.statement.payload.document, recordedAt: entry.recordedAt,
      withdrawn: withdrawn.has(entry.statement.statementId),
    }));
}

/** Whether the signed-in person may read every entry (the export): the council chair, secretariat, authority, auditors. */
export const readsEveryEntry = () => ['secretariat', 'authority', 'councilChair', 'auditor'].includes(session.info?.role);

/**
 * Every bonus/deduction claim and its decision, from the entries export:
 * `[{claim, unit, item, points, reason, evidence, claimedAt, late, decision?: {decision, points, reason}}]`.
 * A late submission's proposed deduction is a claim too, referred to by the submission's id.
 */
export async function adjustmentClaims(campaign) {
  const text = await call('/api/export/entries.jsonl', { text: true });
  const claims = new Map();
  const closes = campaign.deadlines.selfScoringCloses;
  const lateProposed = new Set();
  for (const line of text.split('\n')) {
    if (!line) continue;
    const entry = JSON.parse(line);
    const { type, payload, statementId } = entry.statement;
    if (type === 'bonusPenalty.claimed/v1') {
      claims.set(statementId, { claim: statementId, unit: payload.unit, item: payload.item, points: payload.points,
        reason: payload.reason, evidence: payload.evidence, claimedAt: entry.recordedAt, late: false });
    } else if (type === 'selfAssessment.submitted/v1' && entry.recordedAt > closes && !lateProposed.has(payload.unit)) {
      // The first late submission of a unit proposes the campaign's late-submission deduction (CATALOG.md).
      lateProposed.add(payload.unit);
      claims.set(statementId, { claim: statementId, unit: payload.unit, item: 'late-submission', points: null,
        reason: '', evidence: [], claimedAt: entry.recordedAt, late: true });
    } else if (type === 'bonusPenalty.decided/v1' && claims.has(payload.claim)) {
      claims.get(payload.claim).decision = { decision: payload.decision, points: payload.points ?? null, reason: payload.reason };
    }
  }
  return [...claims.values()];
}
