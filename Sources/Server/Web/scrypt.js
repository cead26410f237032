// scrypt (RFC 7914), which protects key files with a passphrase: WebCrypto has PBKDF2 and
// AES-GCM but no scrypt, so its memory-hard middle (ROMix) is written here. PBKDF2-HMAC-SHA256
// with one iteration comes from crypto.subtle, in the browser and in Node 20 alike.
//
// scrypt runs 2·N·2r Salsa20/8 cores (a million for N = 32768, r = 8) over 128·r·N bytes (32 MiB):
// every buffer is allocated once and the core keeps its 16 words in locals, so nothing is
// allocated per word or per block and it takes a fraction of a second.

async function pbkdf2Sha256(passwordBytes, saltBytes, length) {
  const key = await crypto.subtle.importKey('raw', passwordBytes, 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: saltBytes, iterations: 1 }, key, length * 8);
  return new Uint8Array(bits);
}

/** T = Salsa20/8(T xor B[at … at+16]) (RFC 7914 §3), in place on T. */
function salsaXor(T, B, at) {
  const j0 = T[0] ^ B[at], j1 = T[1] ^ B[at + 1], j2 = T[2] ^ B[at + 2], j3 = T[3] ^ B[at + 3];
  const j4 = T[4] ^ B[at + 4], j5 = T[5] ^ B[at + 5], j6 = T[6] ^ B[at + 6], j7 = T[7] ^ B[at + 7];
  const j8 = T[8] ^ B[at + 8], j9 = T[9] ^ B[at + 9], j10 = T[10] ^ B[at + 10], j11 = T[11] ^ B[at + 11];
  const j12 = T[12] ^ B[at + 12], j13 = T[13] ^ B[at + 13], j14 = T[14] ^ B[at + 14], j15 = T[15] ^ B[at + 15];
  let x0 = j0, x1 = j1, x2 = j2, x3 = j3, x4 = j4, x5 = j5, x6 = j6, x7 = j7;
  let x8 = j8, x9 = j9, x10 = j10, x11 = j11, x12 = j12, x13 = j13, x14 = j14, x15 = j15;
  let u;
  for (let i = 0; i < 8; i += 2) {
    // Columns, then rows; `u << k | u >>> (32 - k)` rotates the 32-bit sum left by k.
    u = (x0 + x12) | 0; x4 ^= (u << 7) | (u >>> 25);
    u = (x4 + x0) | 0; x8 ^= (u << 9) | (u >>> 23);
    u = (x8 + x4) | 0; x12 ^= (u << 13) | (u >>> 19);
    u = (x12 + x8) | 0; x0 ^= (u << 18) | (u >>> 14);
    u = (x5 + x1) | 0; x9 ^= (u << 7) | (u >>> 25);
    u = (x9 + x5) | 0; x13 ^= (u << 9) | (u >>> 23);
    u = (x13 + x9) | 0; x1 ^= (u << 13) | (u >>> 19);
    u = (x1 + x13) | 0; x5 ^= (u << 18) | (u >>> 14);
    u = (x10 + x6) | 0; x14 ^= (u << 7) | (u >>> 25);
    u = (x14 + x10) | 0; x2 ^= (u << 9) | (u >>> 23);
    u = (x2 + x14) | 0; x6 ^= (u << 13) | (u >>> 19);
    u = (x6 + x2) | 0; x10 ^= (u << 18) | (u >>> 14);
    u = (x15 + x11) | 0; x3 ^= (u << 7) | (u >>> 25);
    u = (x3 + x15) | 0; x7 ^= (u << 9) | (u >>> 23);
    u = (x7 + x3) | 0; x11 ^= (u << 13) | (u >>> 19);
    u = (x11 + x7) | 0; x15 ^= (u << 18) | (u >>> 14);
    u = (x0 + x3) | 0; x1 ^= (u << 7) | (u >>> 25);
    u = (x1 + x0) | 0; x2 ^= (u << 9) | (u >>> 23);
    u = (x2 + x1) | 0; x3 ^= (u << 13) | (u >>> 19);
    u = (x3 + x2) | 0; x0 ^= (u << 18) | (u >>> 14);
    u = (x5 + x4) | 0; x6 ^= (u << 7) | (u >>> 25);
    u = (x6 + x5) | 0; x7 ^= (u << 9) | (u >>> 23);
    u = (x7 + x6) | 0; x4 ^= (u << 13) | (u >>> 19);
    u = (x4 + x7) | 0; x5 ^= (u << 18) | (u >>> 14);
    u = (x10 + x9) | 0; x11 ^= (u << 7) | (u >>> 25);
    u = (x11 + x10) | 0; x8 ^= (u << 9) | (u >>> 23);
    u = (x8 + x11) | 0; x9 ^= (u << 13) | (u >>> 19);
    u = (x9 + x8) | 0; x10 ^= (u << 18) | (u >>> 14);
    u = (x15 + x14) | 0; x12 ^= (u << 7) | (u >>> 25);
    u = (x12 + x15) | 0; x13 ^= (u << 9) | (u >>> 23);
    u = (x13 + x12) | 0; x14 ^= (u << 13) | (u >>> 19);
    u = (x14 + x13) | 0; x15 ^= (u << 18) | (u >>> 14);
  }
  T[0] = x0 + j0; T[1] = x1 + j1; T[2] = x2 + j2; T[3] = x3 + j3;
  T[4] = x4 + j4; T[5] = x5 + j5; T[6] = x6 + j6; T[7] = x7 + j7;
  T[8] = x8 + j8; T[9] = x9 + j9; T[10] = x10 + j10; T[11] = x11 + j11;
  T[12] = x12 + j12; T[13] = x13 + j13; T[14] = x14 + j14; T[15] = x15 + j15;
}

/** Y = BlockMix(B) (RFC 7914 §4): the 2r 64-byte blocks chained through Salsa20/8, even ones
 * first, then odd ones. T is 16 words of scratch. */
function blockMix(B, Y, r, T) {
  T.set(B.subarray((2 * r - 1) * 16, 2 * r * 16));
  for (let i = 0; i < 2 * r; i++) {
    salsaXor(T, B, i * 16);
    Y.set(T, ((i & 1) * r + (i >> 1)) * 16);
  }
}

/** X = ROMix(X) (RFC 7914 §5); V is the 32·r·N words the memory-hardness is made of. */
function roMix(X, N, r, V, Y, T) {
  const words = 32 * r;
  for (let i = 0; i < N; i++) {
    V.set(X, i * words);
    blockMix(X, Y, r, T);
    X.set(Y);
  }
  for (let i = 0; i < N; i++) {
    // Integerify: the first word of the last 64-byte block; N ≤ 2^32, so its low 32 bits suffice.
    const at = (X[words - 16] & (N - 1)) * words;
    for (let k = 0; k < words; k++) X[k] ^= V[at + k];
    blockMix(X, Y, r, T);
    X.set(Y);
  }
}

/** scrypt(P, S, N, r, p, dkLen) of RFC 7914 §6: a Uint8Array of dkLen bytes. */
export async function scrypt(passwordBytes, saltBytes, N, r, p, dkLen) {
  if (!Number.isInteger(N) || N < 2 || N > 2 ** 32 || (N & (N - 1)) !== 0) throw new RangeError('scrypt: N must be a power of two > 1');
  if (!Number.isInteger(r) || r < 1 || !Number.isInteger(p) || p < 1 || r * p >= 2 ** 30) throw new RangeError('scrypt: bad r or p');
  if (!Number.isInteger(dkLen) || dkLen < 1) throw new RangeError('scrypt: bad dkLen');
  const words = 32 * r;
  const bytes = await pbkdf2Sha256(passwordBytes, saltBytes, p * 128 * r);
  // The RFC reads blocks as little-endian 32-bit words, whatever the machine's byte order.
  const B = new Uint32Array(p * words);
  for (let k = 0; k < B.length; k++) {
    B[k] = bytes[4 * k] | (bytes[4 * k + 1] << 8) | (bytes[4 * k + 2] << 16) | (bytes[4 * k + 3] << 24);
  }
  const X = new Uint32Array(words), Y = new Uint32Array(words), T = new Uint32Array(16);
  const V = new Uint32Array(words * N);
  for (let i = 0; i < p; i++) {
    X.set(B.subarray(i * words, (i + 1) * words));
    roMix(X, N, r, V, Y, T);
    B.set(X, i * words);
  }
  for (let k = 0; k < B.length; k++) {
    const word = B[k];
    bytes[4 * k] = word;
    bytes[4 * k + 1] = word >>> 8;
    bytes[4 * k + 2] = word >>> 16;
    bytes[4 * k + 3] = word >>> 24;
  }
  return pbkdf2Sha256(passwordBytes, bytes, dkLen);
}
