// What the pages need of the ledger beyond the reports: each evidence file's statement id and
// document (number, issuer, date).
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
