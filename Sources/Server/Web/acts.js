// Every act the pages record, as one function each: the event type and the payload's members in
// one place (events/CATALOG.md, events/schemas/), so a page never spells a payload itself.
// Optional members are left out when empty, as the schemas and the ledger's canonical bytes want;
// text is trimmed here and put in NFC by `act` before it is signed.

const text = (value) => (value ?? '').trim();
const optional = (payload, name, value) => {
  if (text(value)) payload[name] = text(value);
  return payload;
};
/** Points as the ledger writes them: a decimal point, not a comma. */
export const points = (value) => text(value).replace(',', '.');

export const acts = {
  selfScore: ({ unit, leaf, points: value, note }) =>
    ['selfScore.recorded/v1', optional({ unit, leaf, points: points(value) }, 'note', note)],
  evidence: ({ unit, leaf, blob, number, issuer, issuedOn }) =>
    ['evidence.attached/v1', { unit, leaf, blob, document: { number: text(number), issuer: text(issuer), issuedOn } }],
  notApplicable: ({ unit, leaf, reason }) => ['notApplicable.claimed/v1', { unit, leaf, reason: text(reason) }],
  submit: ({ unit }) => ['selfAssessment.submitted/v1', { unit }],
  explanation: ({ unit, leaf, text: body }) => ['explanation.submitted/v1', { unit, leaf, text: text(body), evidence: [] }],
  objection: ({ unit, leaf, text: body }) => ['objection.filed/v1', { unit, leaf, text: text(body), evidence: [] }],
  appraisal: ({ unit, leaf, round, points: value, reason, explanationRequested }) =>
    ['appraisal.recorded/v1',
      optional({ unit, leaf, round: Number(round), points: points(value), explanationRequested: Boolean(explanationRequested) }, 'reason', reason)],
  resolution: ({ objection, outcome, points: value, reasoning }) => {
    const payload = { objection, outcome, reasoning: text(reasoning) };
    if (outcome === 'accepted') payload.points = points(value);
    return ['objection.resolved/v1', payload];
  },
  preliminaryResults: () => ['preliminaryResults.issued/v1', {}],
  keyRegistration: ({ keyId, name, publicKey, role, unit }) =>
    ['key.registered/v1', optional({ keyId, name: text(name), publicKey, role }, 'unit', unit)],
};
