import Appraisal
import Testing

@Suite("Points: exact decimals")
struct PointsTests {
    @Test(arguments: [("1.5", 1500), ("0.25", 250), ("2", 2000), ("0", 0), ("-0.5", -500), ("0.125", 125)])
    func readsTheLedgerForm(text: String, thousandths: Int64) {
        #expect(Points(canonical: text)?.thousandths == thousandths)
        #expect(Points(canonical: text)?.text == text)
    }

    @Test(arguments: ["1.50", "01", "1.", ".5", "1e2", "0.0001", "1,5", " 1", "-0", "", "abc", "1.5.2"])
    func refusesAnythingElseInTheLedger(text: String) {
        #expect(Points(canonical: text) == nil)
    }

    @Test(arguments: [("1,5", "1.5"), ("1.50", "1.5"), (" 2 ", "2"), ("0,25", "0.25"), ("3.000", "3")])
    func acceptsWhatPeopleType(typed: String, canonical: String) {
        #expect(Points(typed: typed)?.text == canonical)
    }

    @Test func addsExactlyWhereBinaryFloatingPointWouldNot() {
        // 0.1 + 0.2 is 0.30000000000000004 in binary floating point.
        let sum = (Points(canonical: "0.1") ?? .zero) + (Points(canonical: "0.2") ?? .zero)
        #expect(sum.text == "0.3")
        #expect(sum == Points(canonical: "0.3"))
    }
}
