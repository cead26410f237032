import Application
import Appraisal
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LedgerCore
import LedgerStore
import LedgerTestSupport
import NIOCore
import SQLiteStore
import Server
import Testing

/// A server over a ledger it may not write (a published copy): every GET route answers, writes are
/// refused as such, and the ledger file is never touched.
@Suite struct ServerReadOnlyTests {
    @Test func everyGETRouteAnswersOverALedgerThatMayNotBeWritten() async throws {
        let path = Scratch.path("published", "sqlite")
        let writer: any EventStore = try SQLiteStore(path: path, create: true, rules: AppraisalLedgerRules())
        let given = CampaignFixture(store: writer)
        try await given.objected()
        let size = try await writer.size()
        try await writer.saveCheckpoint(
            Checkpoint(origin: given.ledger, size: size, root: try await writer.root(size: size)).signed(
                by: given.authority
            )
        )
        // The file the fixture's evidence entry refers to (an upload no entry names is served to nobody).
        let blob = try await writer.putBlob(Array("Kế hoạch CCHC năm 2023 — 1.1".utf8))
        // A published copy: the write-ahead log merged, the file copied on its own.
        try mergeWriteAheadLog(path)
        let copy = Scratch.path("copy", "sqlite")
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: copy))
        // Read as immutable, as a ledger this process may not write is.
        let reader = try SQLiteStore(readingOnly: copy, withoutLocks: true)
        var settings = ParledgerServer.Settings()
        settings.readOnly = true
        let server = ParledgerServer(
            ledger: OpenLedger(log: reader, derived: InMemoryDerivedStore()),
            settings: settings,
            clock: { given.day(30) }
        )
        let values = [
            ":unit": "SNV", ":name": "app.js", ":path": "0/000.p/\(size)", ":leaf": "1.1", ":seq": "2",
            ":keyId": given.officer.keyID.hex, ":sha256": blob.sha256.hex, ":kind": "scorecard",
        ]
        let query: [String: String] = [
            "/api/diff": "?from=\(given.day(5).text)&to=\(given.day(25).text)", "/api/proofs/inclusion": "?seq=2",
            "/api/proofs/consistency": "?from=3", "/api/reports/{kind}": "?unit=SNV&format=xlsx",
            "/api/survey/answers": "?template=department-2023", "/api/survey/sheet": "?template=department-2023",
        ]
        let routes = server.routes().filter { $0.method == "get" && !$0.path.contains("session") }
        #expect(routes.count >= 20)
        let app = Hummingbird.Application(router: server.router())
        try await app.test(.router) { client in
            // Read as the secretariat, who may read everything at any date.
            func post(_ uri: String, _ json: JSONValue) async throws -> JSONValue {
                try await client.execute(uri: uri, method: .post, body: ByteBuffer(bytes: CanonicalJSON.encode(json))) {
                    (try? CanonicalJSON.parse(Array($0.body.readableBytesView))) ?? .null
                }
            }
            let keyID = JSONValue.string(given.secretariat.keyID.hex)
            let challenge = try await post("/api/session/challenge", ["keyId": keyID])
            let message = Array((challenge["message"]?.stringValue ?? "").utf8)
            let session = try await post(
                "/api/session",
                [
                    "keyId": keyID, "challenge": challenge["challenge"] ?? .null,
                    "signature": .string(Base64.encode(given.secretariat.sign(message))),
                ]
            )
            let headers: HTTPFields = [.authorization: "Bearer \(session["token"]?.stringValue ?? "")"]
            for route in routes {
                var uri = route.path.replacingOccurrences(of: "{", with: ":").replacingOccurrences(of: "}", with: "")
                for (name, value) in values { uri = uri.replacingOccurrences(of: name, with: value) }
                uri += query[route.path] ?? ""
                let status = try await client.execute(uri: uri, method: .get, headers: headers) { $0.status }
                #expect(status == .ok, "GET \(uri): \(status)")
            }
            let write = try await client.execute(uri: "/api/blobs", method: .post, body: ByteBuffer(string: "x")) {
                ($0.status, String(buffer: $0.body))
            }
            #expect(write.0 == .forbidden && write.1.contains("read-only-ledger"), "\(write)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == bytes)
    }
}

/// Merges a ledger's write-ahead log into its file with the `sqlite3` shell.
private func mergeWriteAheadLog(_ path: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["sqlite3", path, "PRAGMA wal_checkpoint(TRUNCATE);"]
    process.standardOutput = Pipe()
    try process.run()
    process.waitUntilExit()
}
