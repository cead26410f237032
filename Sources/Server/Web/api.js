// Calls to the JSON API, the session, and signed statements.
import { canonicalBytes, nfcDeep, signingMessage } from './canonical.js';
import { base64, sign } from './keys.js';

/** An API error: `{code, message: {vi, en}, field, detail, index}`. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.code ?? String(status));
    this.status = status;
    this.body = body ?? { code: 'internal', message: { vi: 'Lỗi máy chủ.', en: 'Server error.' }, field: null };
  }
}

export const session = { key: null, token: null, info: null, ledgerId: null };

export async function call(path, { method = 'GET', json, bytes, text = false } = {}) {
  const headers = {};
  if (session.token) headers.Authorization = 'Bearer ' + session.token;
  let body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = new TextDecoder().decode(canonicalBytes(json));
  } else if (bytes !== undefined) {
    headers['Content-Type'] = 'application/octet-stream';
    body = bytes;
  }
  const response = await fetch(path, { method, headers, body });
  if (!response.ok) {
    let error = null;
    try {
      error = await response.json();
    } catch {}
    throw new ApiError(response.status, error);
  }
  if (response.status === 204) return null;
  return text ? response.text() : response.json();
}

/** Signs in with the key: challenge, signature over the message, token. */
export async function signIn(key) {
  const challenge = await call('/api/session/challenge', { method: 'POST', json: { keyId: key.keyId } });
  const signature = await sign(key, new TextEncoder().encode(challenge.message));
  const result = await call('/api/session', {
    method: 'POST',
    json: { keyId: key.keyId, challenge: challenge.challenge, signature: base64.encode(signature) },
  });
  Object.assign(session, { key, token: result.token, info: result.key });
  session.ledgerId = (await call('/api/ledger')).ledgerId;
  return result;
}

export async function signOut() {
  if (session.token) await call('/api/session', { method: 'DELETE' }).catch(() => {});
  Object.assign(session, { key: null, token: null, info: null });
}

/**
 * Signed statements whose answer has not arrived, by act (type and payload), kept for this tab's
 * session. A lost answer may follow a commit: the retry re-sends the very same statement, which the
 * ledger records once (it answers a recorded statement id with its entry), never a second one.
 */
const pendingStore = 'parledger.pending';

function pendingActs() {
  try {
    return JSON.parse(sessionStorage.getItem(pendingStore) ?? '{}');
  } catch {
    return {};
  }
}

function keepPending(act, item) {
  const kept = pendingActs();
  if (item) kept[act] = item;
  else delete kept[act];
  try {
    sessionStorage.setItem(pendingStore, JSON.stringify(kept));
  } catch {}
}

/** Whether an answer says "try the same request again later": nothing was written. */
const transient = (error) => !(error instanceof ApiError) || [502, 503, 504, 507].includes(error.status);

/** Sends signed items as one batch, retrying the same bytes while the failure is transient (at most 4 tries). */
async function sendSigned(items) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call('/api/statements', { method: 'POST', json: { statements: items } });
    } catch (error) {
      if (!transient(error) || attempt >= 4) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000 * 2 ** (attempt - 1)));
    }
  }
}

/** Builds, signs and appends one act (events/CATALOG.md) as the signed-in person. */
export async function act(type, payload) {
  if (!session.key) throw new ApiError(401, null);
  const normalized = nfcDeep(payload);
  const actKey = [session.ledgerId, session.key.keyId, type, new TextDecoder().decode(canonicalBytes(normalized))].join('\n');
  let item = pendingActs()[actKey];
  const resent = Boolean(item);
  if (!item) {
    const statement = {
      actor: session.key.keyId,
      claimedAt: new Date().toISOString(),
      ledger: session.ledgerId,
      payload: normalized,
      statementId: crypto.randomUUID(),
      type,
    };
    const signature = await sign(session.key, signingMessage(canonicalBytes(statement)));
    item = { statement, signature: base64.encode(signature) };
    keepPending(actKey, item);
  }
  try {
    const result = await sendSigned([item]);
    keepPending(actKey, null);
    return result.entries[0];
  } catch (error) {
    if (transient(error)) throw error; // kept: the same statement goes again when the act is repeated
    keepPending(actKey, null);
    // A kept statement refused for its age was never recorded: sign it afresh, once.
    if (resent && error.body?.code === 'clock-skew') return act(type, payload);
    throw error;
  }
}

/** Uploads an evidence file; returns the payload's blob reference. */
export async function upload(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const stored = await call('/api/blobs', { method: 'POST', bytes });
  return {
    sha256: stored.sha256,
    size: stored.size,
    name: file.name.normalize('NFC'),
    mediaType: file.type || 'application/octet-stream',
  };
}

/**
 * Signs acts (`[type, payload]` each) and appends them as one batch: all recorded, or none (a
 * key's handover). Kept like a single act until the ledger answers, so repeating it sends the
 * same statements, which the ledger records once.
 */
export async function actBatch(list, name) {
  if (!session.key) throw new ApiError(401, null);
  const normalized = list.map(([type, payload]) => [type, nfcDeep(payload)]);
  const actKey = keptBatchKey(name) ?? [session.ledgerId, session.key.keyId, 'batch',
    ...normalized.map(([type, payload]) => `${type} ${new TextDecoder().decode(canonicalBytes(payload))}`)].join('\n');
  let items = pendingActs()[actKey];
  if (!items) {
    items = [];
    const claimedAt = new Date().toISOString();
    for (const [type, payload] of normalized) {
      const statement = { actor: session.key.keyId, claimedAt, ledger: session.ledgerId, payload, statementId: crypto.randomUUID(), type };
      items.push({ statement, signature: base64.encode(await sign(session.key, signingMessage(canonicalBytes(statement)))) });
    }
    keepPending(actKey, items);
  }
  try {
    const result = await sendSigned(items);
    keepPending(actKey, null);
    return result.entries;
  } catch (error) {
    if (!transient(error)) keepPending(actKey, null);
    throw error;
  }
}

/** The pending store's key of a batch kept under a name (a handover: `handover <key id>`). */
function keptBatchKey(name) {
  return name && session.key ? [session.ledgerId, session.key.keyId, 'batch', name].join('\n') : null;
}

/** Whether a batch kept under `name` still waits for the ledger's answer: repeat it as it is. */
export function hasKeptBatch(name) {
  const key = keptBatchKey(name);
  return Boolean(key && pendingActs()[key]);
}
