import Appraisal
import Projections
import Testing

@Suite("Ratio: exact until published")
struct RatioTests {
    @Test func addsAndDividesExactly() {
        let third = Ratio(1, 3)
        #expect(third + third + third == Ratio(1))
        #expect((Ratio(2) / Ratio(3)).text(2) == "0.67")
        #expect(Ratio(1, 3).isExact)
    }

    @Test(arguments: [
        (Ratio(89995, 1000), "90.00"), (Ratio(89994, 1000), "89.99"), (Ratio(125, 1000), "0.13"),
        (Ratio(-125, 1000), "-0.13"), (Ratio(7, 1), "7.00"),
    ])
    func roundsHalfUpOnlyWhenPublished(value: Ratio, text: String) {
        #expect(value.text(2) == text)
    }

    @Test func keepsGoingWhenDenominatorsOutgrow128Bits() {
        // Coprime denominators near 2^32: the sum of several would pass 2^127.
        let primes: [Int128] = [4_294_967_291, 4_294_967_279, 4_294_967_231, 4_294_967_197, 4_294_967_189]
        let sum = primes.reduce(Ratio.zero) { $0 + Ratio(1, $1) }
        #expect(!sum.isExact)
        #expect(sum.text(12) == "0.000000001164")
    }

    /// Denominators past 2^127 / 10: every digit of the long division still counts.
    @Test func roundsExactlyWithDenominatorsNear128Bits() {
        let tenTo35: Int128 = 100_000_000_000_000_000_000_000_000_000_000_000
        let value = Ratio(678 * tenTo35 + 1, 1000 * tenTo35 + 3)
        #expect(value.text(2) == "0.68")
        #expect(value.text(6) == "0.678000")
        #expect(Ratio(1_234_567 * (tenTo35 / 1000) + 1, 1000 * tenTo35 + 1).text(4) == "1.2346")
    }

    /// A product whose exact terms outgrow 128 bits, even carried to 10^-30, is carried coarser
    /// rather than recursing: still far below the published precision.
    @Test func multipliesFiguresWhoseExactTermsOutgrow128Bits() {
        let left = Ratio(30_000_000_000_000_000_000_000_000_000_000_001, 10_000_000_000_000_000_000_000_000_000_000_007)
        let right = Ratio(
            20_000_000_000_000_000_000_000_000_000_000_003,
            10_000_000_000_000_000_000_000_000_000_000_009
        )
        let product = left * right
        #expect(!product.isExact)
        #expect(product.text(6) == "6.000000")
    }
}
