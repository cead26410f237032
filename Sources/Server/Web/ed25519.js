// The one Ed25519 rule of events/FORMAT.md §5.1, in the browser as in parledger and
// tools/verify-ledger.py: a public key must be a strong key (canonical, on the curve, of prime
// order), and a signature must have a canonical S and an R of no small order before WebCrypto's
// cofactorless check runs. BigInt arithmetic is slow but runs only when a key is typed in.

const P = (1n << 255n) - 19n;
const L = (1n << 252n) + 27742317777372353535851937790883648493n;

const mod = (value) => ((value % P) + P) % P;

function power(base, exponent) {
  let result = 1n;
  base = mod(base);
  while (exponent > 0n) {
    if (exponent & 1n) result = (result * base) % P;
    base = (base * base) % P;
    exponent >>= 1n;
  }
  return result;
}

const inverse = (value) => power(value, P - 2n);
const D = mod(-121665n * inverse(121666n));
const SQRT_MINUS_ONE = power(2n, (P - 1n) / 4n);

/** The encodings of the eight small-order points (FORMAT.md §5.1), as hex. */
export const SMALL_ORDER = new Set([
  '0100000000000000000000000000000000000000000000000000000000000000',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0000000000000000000000000000000000000000000000000000000000000080',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa',
]);

const toHex = (bytes) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

function littleEndian(bytes) {
  let value = 0n;
  for (let index = bytes.length - 1; index >= 0; index -= 1) value = (value << 8n) | BigInt(bytes[index]);
  return value;
}

// Points in extended coordinates [X, Y, Z, T]; the addition is complete for a = −1.
function add([x1, y1, z1, t1], [x2, y2, z2, t2]) {
  const a = mod((y1 - x1) * (y2 - x2));
  const b = mod((y1 + x1) * (y2 + x2));
  const c = mod(2n * D * t1 * t2);
  const d = mod(2n * z1 * z2);
  const [e, f, g, h] = [b - a, d - c, d + c, b + a];
  return [mod(e * f), mod(g * h), mod(f * g), mod(e * h)];
}

function multiply(point, scalar) {
  let result = [0n, 1n, 1n, 0n];
  for (let bit = BigInt(scalar.toString(2).length) - 1n; bit >= 0n; bit -= 1n) {
    result = add(result, result);
    if ((scalar >> bit) & 1n) result = add(result, point);
  }
  return result;
}

/** RFC 8032 §5.1.3 decoding: the point, or the reason it is not one. */
function decode(bytes) {
  const y = littleEndian(bytes) & ((1n << 255n) - 1n);
  const sign = BigInt(bytes[31] >> 7);
  if (y >= P) return { problem: 'non-canonical' };
  const u = mod(y * y - 1n);
  const v = mod(D * y * y + 1n);
  let x = mod(u * power(v, 3n) * power(u * power(v, 7n), (P - 5n) / 8n));
  if (mod(v * x * x) !== u) {
    if (mod(v * x * x) !== mod(-u)) return { problem: 'not-on-curve' };
    x = mod(x * SQRT_MINUS_ONE);
  }
  if (x === 0n && sign === 1n) return { problem: 'non-canonical' };
  if ((x & 1n) !== sign) x = P - x;
  return { point: [x, y, 1n, mod(x * y)] };
}

/** Null for a strong key (FORMAT.md §5.1), else why not: format, non-canonical, not-on-curve, small-order, mixed-order. */
export function publicKeyProblem(bytes) {
  if (!(bytes instanceof Uint8Array) || bytes.length !== 32) return 'format';
  if (SMALL_ORDER.has(toHex(bytes))) return 'small-order';
  const { point, problem } = decode(bytes);
  if (problem) return problem;
  const [x, y, z] = multiply(point, L);
  return x === 0n && y === z ? null : 'mixed-order';
}

/** The 32 bytes of `ed25519:BASE64` in its one canonical spelling, or null. */
export function parsePublicKey(text) {
  if (typeof text !== 'string' || !text.startsWith('ed25519:')) return null;
  const encoded = text.slice('ed25519:'.length);
  let bytes;
  try {
    bytes = Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
  const again = btoa(String.fromCharCode(...bytes));
  return bytes.length === 32 && again === encoded ? bytes : null;
}

/** Whether `signature` is the key's signature of `message` by the rule of FORMAT.md §5.1. */
export async function verifySignature(publicBytes, signature, message) {
  if (publicKeyProblem(publicBytes) !== null || signature.length !== 64) return false;
  if (littleEndian(signature.slice(32)) >= L || SMALL_ORDER.has(toHex(signature.slice(0, 32)))) return false;
  const key = await crypto.subtle.importKey('raw', publicBytes, { name: 'Ed25519' }, false, ['verify']);
  return crypto.subtle.verify({ name: 'Ed25519' }, key, signature, message);
}
