/// The edwards25519 arithmetic that FORMAT.md §5.1 needs to judge a public key: decoding a point
/// (RFC 8032 §5.1.3) and multiplying it by the group order `L`.
///
/// Signing and verifying stay with swift-crypto (BoringSSL). No kept Swift library exposes point
/// decoding or scalar multiplication, and an arbitrary-precision integer library is about thirty
/// times slower, which would cost seconds when a national ledger registers thousands of keys; so
/// this file holds the few operations the key check needs, on fixed 51-bit limbs, and nothing
/// else. It runs only where a key enters a ledger, never per signature. Variable time is fine:
/// every input is public.
enum Edwards25519: Sendable {
    /// Why 32 bytes are not a strong key (FORMAT.md §5.1).
    enum Weakness: Error, Sendable, Equatable {
        /// `y ≥ p`, or `x = 0` with the sign bit set: a second spelling of a point.
        case nonCanonical
        /// No point of the curve has this `y`.
        case notOnCurve
        /// One of the eight points of small order (the identity among them).
        case smallOrder
        /// A strong point plus a small-order component.
        case mixedOrder
    }

    /// Nil when `encoding` is a strong key: canonical, on the curve, of order exactly `L`.
    static func weakness(of encoding: [UInt8]) -> Weakness? {
        guard encoding.count == 32 else { return .nonCanonical }
        if smallOrderEncodings.contains(encoding) { return .smallOrder }
        let point: Point
        switch Point.decode(encoding) {
        case .success(let decoded): point = decoded
        case .failure(let weakness): return weakness
        }
        // L ≡ 5 (mod 8) is odd and prime to every small order, so [L]A is the identity exactly
        // when A has no small-order component; the identity itself was refused above.
        return point.multiplied(byScalarBytes: groupOrderBytes).isIdentity ? nil : .mixedOrder
    }

    /// The canonical encodings of the eight points of small order (FORMAT.md §5.1): a signature's
    /// `R` may be none of them, and a key none of them.
    static let smallOrderEncodings: Set<[UInt8]> = [
        "0100000000000000000000000000000000000000000000000000000000000000",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000080",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
    ].reduce(into: []) { set, hex in set.insert(Hex.decode(hex) ?? []) }

    /// L = 2^252 + 27742317777372353535851937790883648493, little-endian.
    static let groupOrderBytes: [UInt8] = [
        0xED, 0xD3, 0xF5, 0x5C, 0x1A, 0x63, 0x12, 0x58, 0xD6, 0x9C, 0xF7, 0xA2, 0xDE, 0xF9, 0xDE, 0x14,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
    ]

    /// Whether a 32-byte little-endian scalar is less than `L` (a signature's canonical `S`).
    static func isCanonicalScalar(_ scalar: some Collection<UInt8>) -> Bool {
        guard scalar.count == 32 else { return false }
        for (byte, bound) in zip(scalar.reversed(), groupOrderBytes.reversed()) where byte != bound {
            return byte < bound
        }
        return false
    }
}

extension Edwards25519 {
    /// An element of GF(2^255 − 19) in five 51-bit limbs, little-endian; limbs may exceed 51 bits
    /// by a little between reductions.
    struct FieldElement: Sendable, Equatable {
        var limbs: (UInt64, UInt64, UInt64, UInt64, UInt64)

        static let mask: UInt64 = (1 << 51) - 1
        static let zero = FieldElement(limbs: (0, 0, 0, 0, 0))
        static let one = FieldElement(limbs: (1, 0, 0, 0, 0))

        init(limbs: (UInt64, UInt64, UInt64, UInt64, UInt64)) { self.limbs = limbs }

        init(_ small: UInt64) { self.init(limbs: (small, 0, 0, 0, 0)) }

        /// The low 255 bits of 32 little-endian bytes (bit 255, the sign of x, is not read).
        init(bytes: [UInt8]) {
            func word(_ offset: Int) -> UInt64 {
                (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * UInt64($1)) }
            }
            let (w0, w1, w2, w3) = (word(0), word(8), word(16), word(24))
            limbs = (
                w0 & Self.mask,
                (w0 >> 51 | w1 << 13) & Self.mask,
                (w1 >> 38 | w2 << 26) & Self.mask,
                (w2 >> 25 | w3 << 39) & Self.mask,
                (w3 >> 12) & Self.mask
            )
        }

        /// Carries every limb into the next, folding the top carry back in as ×19 (2^255 ≡ 19).
        func carried() -> FieldElement {
            var (a0, a1, a2, a3, a4) = limbs
            a1 += a0 >> 51
            a0 &= Self.mask
            a2 += a1 >> 51
            a1 &= Self.mask
            a3 += a2 >> 51
            a2 &= Self.mask
            a4 += a3 >> 51
            a3 &= Self.mask
            a0 += 19 * (a4 >> 51)
            a4 &= Self.mask
            a1 += a0 >> 51
            a0 &= Self.mask
            return FieldElement(limbs: (a0, a1, a2, a3, a4))
        }

        /// The unique representative in [0, p), as 32 little-endian bytes (sign bit clear).
        var canonicalBytes: [UInt8] {
            var (a0, a1, a2, a3, a4) = carried().carried().limbs
            // Subtract p once if the value is at least p: add 19 and see whether bit 255 carries.
            var q = (a0 + 19) >> 51
            q = (a1 + q) >> 51
            q = (a2 + q) >> 51
            q = (a3 + q) >> 51
            q = (a4 + q) >> 51
            a0 += 19 * q
            a1 += a0 >> 51
            a0 &= Self.mask
            a2 += a1 >> 51
            a1 &= Self.mask
            a3 += a2 >> 51
            a2 &= Self.mask
            a4 += a3 >> 51
            a3 &= Self.mask
            a4 &= Self.mask
            let words = [a0 | a1 << 51, a1 >> 13 | a2 << 38, a2 >> 26 | a3 << 25, a3 >> 39 | a4 << 12]
            return words.flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * UInt64($0))) } }
        }

        var isZero: Bool { canonicalBytes.allSatisfy { $0 == 0 } }
        var isOdd: Bool { canonicalBytes[0] & 1 == 1 }

        static func + (left: FieldElement, right: FieldElement) -> FieldElement {
            let (a, b) = (left.limbs, right.limbs)
            return FieldElement(limbs: (a.0 + b.0, a.1 + b.1, a.2 + b.2, a.3 + b.3, a.4 + b.4)).carried()
        }

        /// Subtraction through `left + 2p − right`, so no limb goes below zero.
        static func - (left: FieldElement, right: FieldElement) -> FieldElement {
            let (a, b) = (left.carried().limbs, right.carried().limbs)
            let twoP0: UInt64 = 0xF_FFFF_FFFF_FFDA
            let twoP: UInt64 = 0xF_FFFF_FFFF_FFFE
            return FieldElement(
                limbs: (a.0 + twoP0 - b.0, a.1 + twoP - b.1, a.2 + twoP - b.2, a.3 + twoP - b.3, a.4 + twoP - b.4)
            ).carried()
        }

        static prefix func - (value: FieldElement) -> FieldElement { .zero - value }

        static func * (left: FieldElement, right: FieldElement) -> FieldElement {
            let (a, b) = (left.carried().limbs, right.carried().limbs)
            func m(_ x: UInt64, _ y: UInt64) -> UInt128 { UInt128(x) * UInt128(y) }
            // Limb i·j with i + j ≥ 5 wraps around as ×19.
            let (b1, b2, b3, b4) = (19 * b.1, 19 * b.2, 19 * b.3, 19 * b.4)
            let c0 = m(a.0, b.0) + m(a.1, b4) + m(a.2, b3) + m(a.3, b2) + m(a.4, b1)
            let c1 = m(a.0, b.1) + m(a.1, b.0) + m(a.2, b4) + m(a.3, b3) + m(a.4, b2)
            let c2 = m(a.0, b.2) + m(a.1, b.1) + m(a.2, b.0) + m(a.3, b4) + m(a.4, b3)
            let c3 = m(a.0, b.3) + m(a.1, b.2) + m(a.2, b.1) + m(a.3, b.0) + m(a.4, b4)
            let c4 = m(a.0, b.4) + m(a.1, b.3) + m(a.2, b.2) + m(a.3, b.1) + m(a.4, b.0)
            let mask = UInt128(Self.mask)
            let d1 = c1 + (c0 >> 51)
            let d2 = c2 + (d1 >> 51)
            let d3 = c3 + (d2 >> 51)
            let d4 = c4 + (d3 >> 51)
            let r0 = UInt64(c0 & mask) + 19 * UInt64(d4 >> 51)
            return FieldElement(
                limbs: (
                    r0, UInt64(d1 & mask), UInt64(d2 & mask), UInt64(d3 & mask), UInt64(d4 & mask)
                )
            ).carried()
        }

        /// `self` to the power of a little-endian exponent, by square and multiply.
        func raised(toLittleEndian exponent: [UInt8]) -> FieldElement {
            var result = FieldElement.one
            for byte in exponent.reversed() {
                for bit in (0..<8).reversed() {
                    result = result * result
                    if byte >> UInt8(bit) & 1 == 1 { result = result * self }
                }
            }
            return result
        }

        static func == (left: FieldElement, right: FieldElement) -> Bool {
            left.canonicalBytes == right.canonicalBytes
        }

        /// p − 2: the exponent of inversion (Fermat).
        static let inverseExponent: [UInt8] = [0xEB] + Array(repeating: 0xFF, count: 30) + [0x7F]
        /// (p − 5) / 8: the exponent of RFC 8032's square root.
        static let rootExponent: [UInt8] = [0xFD] + Array(repeating: 0xFF, count: 30) + [0x0F]
        /// (p − 1) / 4: 2 to this power is a square root of −1.
        static let sqrtMinusOneExponent: [UInt8] = [0xFB] + Array(repeating: 0xFF, count: 30) + [0x1F]

        var inverse: FieldElement { raised(toLittleEndian: Self.inverseExponent) }

        /// d = −121665 / 121666.
        static let curveD = -FieldElement(121_665) * FieldElement(121_666).inverse
        static let sqrtMinusOne = FieldElement(2).raised(toLittleEndian: sqrtMinusOneExponent)
    }
}

extension Edwards25519 {
    /// A point in extended coordinates (X : Y : Z : T), x = X/Z, y = Y/Z, xy = T/Z.
    struct Point: Sendable {
        var x: FieldElement
        var y: FieldElement
        var z: FieldElement
        var t: FieldElement

        static let identity = Point(x: .zero, y: .one, z: .one, t: .zero)

        var isIdentity: Bool { x.isZero && y == z }

        /// RFC 8032 §5.1.3, refusing the non-canonical spellings it allows to be refused.
        static func decode(_ encoding: [UInt8]) -> Result<Point, Weakness> {
            let y = FieldElement(bytes: encoding)
            var low = encoding
            low[31] &= 0x7F
            guard y.canonicalBytes == low else { return .failure(.nonCanonical) }
            let sign = encoding[31] >> 7
            let ySquared = y * y
            let u = ySquared - .one
            let v = FieldElement.curveD * ySquared + .one
            let v3 = v * v * v
            var x = u * v3 * (u * v3 * v3 * v).raised(toLittleEndian: FieldElement.rootExponent)
            let vxx = v * x * x
            if vxx == u {
                // x is a root already.
            } else if vxx == -u {
                x = x * FieldElement.sqrtMinusOne
            } else {
                return .failure(.notOnCurve)
            }
            if x.isZero && sign == 1 { return .failure(.nonCanonical) }
            if (x.isOdd ? 1 : 0) != sign { x = -x }
            return .success(Point(x: x, y: y, z: .one, t: x * y))
        }

        /// The complete addition of Hisil–Wong–Carter–Dawson for a = −1 ("add-2008-hwcd-3"): it
        /// holds for every pair of points, doubling and the identity included.
        static func + (p: Point, q: Point) -> Point {
            let a = (p.y - p.x) * (q.y - q.x)
            let b = (p.y + p.x) * (q.y + q.x)
            let c = p.t * FieldElement.curveD * FieldElement(2) * q.t
            let d = p.z * FieldElement(2) * q.z
            let e = b - a
            let f = d - c
            let g = d + c
            let h = b + a
            return Point(x: e * f, y: g * h, z: f * g, t: e * h)
        }

        /// [n]P for a little-endian scalar, by double and add.
        func multiplied(byScalarBytes scalar: [UInt8]) -> Point {
            var result = Point.identity
            for byte in scalar.reversed() {
                for bit in (0..<8).reversed() {
                    result = result + result
                    if byte >> UInt8(bit) & 1 == 1 { result = result + self }
                }
            }
            return result
        }
    }
}
