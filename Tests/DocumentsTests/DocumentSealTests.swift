import Documents
import Foundation
import LedgerCore
import Presentation
import Testing

@Suite struct DocumentSealTests {
    let seal = DocumentSeal(
        kind: .scorecard,
        unit: "SNV",
        asOf: Timestamp(text: "2023-11-20T16:59:59.999Z"),
        language: .vi,
        ledgerID: "tra-vinh;par=2023%",
        size: 3413,
        root: "q83vEjRWeJASNFZ4kBI0VniQEjRWeJASNFZ4kBI0Vng=",
        digest: String(repeating: "ab", count: 32)
    )

    @Test func readsBackTheLineItWrites() throws {
        let line = seal.text
        #expect(line.hasPrefix("parledger-report/1;kind=scorecard;unit=SNV;asOf=2023-11-20T16:59:59.999Z;lang=vi;"))
        #expect(line.contains("ledger=tra-vinh%3Bpar%3D2023%25;"))
        #expect(DocumentSeal.parse(line) == seal)
    }

    @Test func findsTheLineInTextThatBrokeItAcrossLines() throws {
        let line = seal.text
        let middle = line.index(line.startIndex, offsetBy: 40)
        let broken = "Mã kiểm chứng\n" + line[..<middle] + "\n  " + line[middle...] + "\nTrang 2"
        #expect(DocumentSeal.find(in: broken) == seal)
    }

    @Test func signatureHoldsForItsKeyAndBreaksWhenTheSealChanges() throws {
        let key = SigningKey.generate(name: "Chủ tịch UBND tỉnh")
        let signed = seal.signed(by: key)
        let read = try #require(DocumentSeal.parse(signed.text))
        #expect(read.isSigned(by: key.publicKey))
        #expect(!read.isSigned(by: SigningKey.generate(name: "other").publicKey))
        let changed = signed.text.replacingOccurrences(of: "size=3413", with: "size=3414")
        let forged = try #require(DocumentSeal.parse(changed))
        #expect(!forged.isSigned(by: key.publicKey))
    }

    @Test(arguments: [
        "parledger-report/1;kind=results;end",
        "parledger-report/1;kind=nothing;unit=;asOf=;lang=vi;ledger=x;size=1;root=r;digest=\(String(repeating: "0", count: 64));end",
        "parledger-report/1;kind=results;unit=;asOf=yesterday;lang=vi;ledger=x;size=1;root=r;digest=\(String(repeating: "0", count: 64));end",
        "parledger-report/1;kind=results;unit=;asOf=;lang=fr;ledger=x;size=1;root=r;digest=\(String(repeating: "0", count: 64));end",
        "parledger-report/1;kind=results;unit=;asOf=;lang=vi;ledger=x;size=-1;root=r;digest=\(String(repeating: "0", count: 64));end",
        "parledger-report/1;kind=results;unit=;asOf=;lang=vi;ledger=x;size=1;root=r;digest=short;end",
    ])
    func refusesLinesThatAreNoSeal(line: String) {
        #expect(DocumentSeal.parse(line) == nil)
    }
}
