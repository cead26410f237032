import LedgerCore
import LedgerStore
import LedgerTestSupport
import Testing

/// The store contract (README.md, Storage; `EventStore`'s documentation), run against every store.
@Suite("Store conformance")
struct StoreConformanceTests {
    let fixture = Fixture()

    func refusal(_ store: any EventStore, _ batch: [SignedStatement], at time: Timestamp? = nil) async -> StoreError? {
        do {
            _ = try await store.append(batch, recordedAt: time ?? fixture.at(60))
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: Stores.kinds)
    func assignsGapFreePositionsAndChainsEntries(kind: String) async throws {
        let store = try Stores.make(kind)
        try await fixture.seeded(store)
        let entries = try await store.append(
            [fixture.note("một", by: fixture.officer), fixture.note("hai", by: fixture.secretariat)],
            recordedAt: fixture.at(1)
        )
        #expect(entries.map(\.seq) == [3, 4])
        let stored = try await store.entries(from: 0, limit: 10)
        #expect(stored.map(\.seq) == [0, 1, 2, 3, 4])
        let decoded = try stored.map { try Entry(bytes: $0.bytes) }
        for (previous, entry) in zip(decoded, decoded.dropFirst()) { #expect(entry.prev == previous.hash) }
        #expect(decoded[0].prev == .zero)
        let report = try await store.verify()
        #expect(report.isValid)
        #expect(report.size == 5)
    }

    @Test(arguments: Stores.kinds)
    func recordedAtNeverDecreases(kind: String) async throws {
        let store = try Stores.make(kind)
        try await fixture.seeded(store)
        let late = try await store.append([fixture.note("sau", by: fixture.officer)], recordedAt: fixture.at(100))
        let early = try await store.append([fixture.note("trước", by: fixture.officer)], recordedAt: fixture.at(5))
        #expect(early[0].recordedAt == late[0].recordedAt)
    }

    @Test(arguments: Stores.kinds)
    func aBatchIsAllOrNothing(kind: String) async throws {
        let store = try Stores.make(kind)
        try await fixture.seeded(store)
        let error = await refusal(
            store,
            [
                fixture.note("1", by: fixture.officer), fixture.note("2", by: fixture.officer),
                fixture.note("3", by: fixture.stranger),
            ]
        )
        #expect(error?.code == .refused)
        #expect(error?.batchIndex == 2)
        #expect(error?.violation?.code == .keyUnknown)
        #expect(try await store.size() == 3)
        #expect(try await store.verify().isValid)
    }

    @Test(arguments: Stores.kinds)
    func refusesABadSignatureBeforeWritingAnything(kind: String) async throws {
        let store = try Stores.make(kind)
        try await fixture.seeded(store)
        let good = fixture.note("đúng", by: fixture.officer)
        let forged = SignedStatement(
            statement: fixture.note("giả", by: fixture.officer).statement,
            signature: good.signature
        )
        let error = await refusal(store, [good, forged])
        #expect(error?.violation?.code == .signature)
        #expect(error?.batchIndex == 1)
        #expect(error?.message.contains(fixture.officer.keyID.short) == true)
        #expect(try await store.size() == 3)
    }

    @Test(arguments: Stores.kinds)
    func refusesABadSignatureByAKeyRegisteredInTheSameBatch(kind: String) async throws {
        // Signatures are checked early, against the keys the batch itself registers too.
        let store = try Stores.make(kind)
        try await fixture.seeded(store)
        let good = fixture.note("đúng", by: fixture.clerk)
        let forged = SignedStatement(
            statement: fixture.note("giả", by: fixture.clerk).statement,
            signature: good.signature
        )
        let error = await refusal(store, [fixture.register(fixture.clerk, .unitOfficer, unit: "STP"), good, forged])
        #expect(error?.violation?.code == .signature)
        #expect(error?.batchIndex == 2)
        #expect(try await store.size() == 3)
    }

    @Test(arguments: Stores.kinds)
    func aRegistrationUnderAnotherKeysIdLendsItNoSignatures(kind: String) async throws {
        // The clerk's key registered under the stranger's id is refused, and so is the stranger.
        let store = try Stores.make(kind)
        try await fixture.seeded(store)
        let misfiled = fixture.statement(
            ControlEvent.keyRegisteredType,
            [
                "keyId": .string(fixture.stranger.keyID.hex), "name": "Người lạ",
                "publicKey": .string(fixture.clerk.publicKey.text), "role": "surveyClerk",
            ],
            by: fixture.authority
        )
        let error = await refusal(store, [misfiled, fixture.note("xin chào", by: fixture.stranger)])
        #expect(error?.batchIndex == 0)
        #expect(try await store.size() == 3)
        let alone = await refusal(store, [fixture.note("xin chào", by: fixture.stranger)])
        #expect(alone?.violation?.code == .keyUnknown)
    }

    @Test(arguments: Stores.kinds)
    func sameStatementTwiceReturnsTheExistingEntry(kind: String) async throws {
        let store = try Stores.make(kind)
        try await fixture.seeded(store)
        let note = fixture.note("một lần", by: fixture.officer)
        let first = try await store.append([note], recordedAt: fixture.at(1))
        let again = try await store.append([note], recordedAt: fixture.at(2))
        let inOneBatch = try await store.append([note, note], recordedAt: fixture.at(3))
        #expect(first == again)
        #expect(inOneBatch == [first[0], first[0]])
        #expect(try await store.size() == 4)
    }

    @Test(arguments: Stores.kinds)
    func sameIdWithDifferentContentIsAConflict(kind: String) async throws {
        let store = try Stores.make(kind)
        try await fixture.seeded(store)
        let id = fixture.id(9_999)
        _ = try await store.append(
            [fixture.statement(fixture.noteType, ["text": "A"], by: fixture.officer, id: id)],
            recordedAt: fixture.at(1)
        )
        let error = await refusal(
            store,
            [fixture.statement(fixture.noteType, ["text": "B"], by: fixture.officer, id: id)]
        )
        #expect(error?.code == .conflict)
        #expect(try await store.size() == 4)
    }

    @Test(arguments: Stores.kinds)
    func refusesRevokedKeysRolesAndForeignLedgers(kind: String) async throws {
        let store = try Stores.make(kind)
        try await fixture.seeded(store)
        _ = try await store.append(
            [fixture.register(fixture.clerk, .surveyClerk, by: fixture.secretariat)],
            recordedAt: fixture.at(1)
        )
        #expect(await refusal(store, [fixture.note("x", by: fixture.clerk)])?.violation?.code == .role)
        #expect(
            await refusal(store, [fixture.statement(EventType("unknown.type/v1")!, [:], by: fixture.officer)])?
                .violation?.code
                == .role
        )
        let foreign = fixture.statement(
            fixture.noteType,
            ["text": "x"],
            by: fixture.officer,
            ledger: LedgerID("other/ledger")!
        )
        #expect(await refusal(store, [foreign])?.violation?.code == .ledger)
        _ = try await store.append(
            [fixture.revoke(fixture.officer, by: fixture.secretariat)],
            recordedAt: fixture.at(2)
        )
        #expect(await refusal(store, [fixture.note("x", by: fixture.officer)])?.violation?.code == .keyRevoked)
        #expect(await refusal(store, [fixture.genesis()])?.violation?.code == .role)
        #expect(try await store.verify().isValid)
    }

    @Test(arguments: Stores.kinds)
    func enforcesKeyRegistrationRules(kind: String) async throws {
        let store = try Stores.make(kind)
        try await fixture.seeded(store)
        let cases: [(SignedStatement, LedgerViolation.Code)] = [
            (fixture.register(fixture.clerk, .authority, by: fixture.secretariat), .payload),
            (fixture.register(fixture.clerk, .unitOfficer), .payload),
            (fixture.register(fixture.clerk, .auditor, unit: "STP"), .payload),
            (fixture.register(fixture.officer, .auditor), .payload),
            (fixture.register(fixture.clerk, .auditor, by: fixture.officer), .role),
            (fixture.revoke(fixture.authority), .payload),
            (fixture.revoke(fixture.secretariat, by: fixture.secretariat), .payload),
            (fixture.revoke(fixture.stranger), .payload),
        ]
        for (statement, code) in cases {
            let error = await refusal(store, [statement])
            #expect(
                error?.violation?.code == code,
                "\(statement.statement.payload): \(error?.description ?? "accepted")"
            )
        }
        #expect(try await store.size() == 3)
    }

    @Test(arguments: Stores.kinds)
    func theFirstEntryMustBeAGenesisSignedByItsAuthority(kind: String) async throws {
        let store = try Stores.make(kind)
        let notGenesis = fixture.note("x", by: fixture.authority)
        #expect(await refusal(store, [notGenesis])?.violation?.code == .payload)
        let wrongSigner = fixture.statement(
            ControlEvent.genesisType,
            ControlEvent.genesisPayload(authority: fixture.authority, policy: [:]),
            by: fixture.officer
        )
        #expect(await refusal(store, [wrongSigner])?.violation?.code == .payload)
        #expect(try await store.size() == 0)
    }

    @Test(arguments: Stores.kinds)
    func evidenceBlobsAreContentAddressedAndErasureIsReported(kind: String) async throws {
        let store = try Stores.make(kind)
        try await fixture.seeded(store)
        let bytes = Array("Biên bản kiểm tra số 5/BB".utf8)
        let reference = BlobReference(sha256: SHA256Hash.of(bytes), size: Int64(bytes.count))
        let attach = fixture.statement(
            fixture.noteType,
            ["blob": ["sha256": .string(reference.sha256.hex), "size": .int(reference.size), "fileName": "bb.pdf"]],
            by: fixture.officer
        )
        #expect(await refusal(store, [attach])?.violation?.code == .payload)
        #expect(try await store.putBlob(bytes) == reference)
        #expect(try await store.putBlob(bytes) == reference)
        _ = try await store.append([attach], recordedAt: fixture.at(1))
        #expect(try await store.blob(reference.sha256) == bytes)
        await #expect(throws: StoreError.self) { try await store.eraseBlob(reference.sha256) }
        _ = try await store.append(
            [
                fixture.statement(
                    ControlEvent.evidenceErasedType,
                    ["sha256": .string(reference.sha256.hex), "reason": "Quyết định 7/QĐ"],
                    by: fixture.authority
                )
            ],
            recordedAt: fixture.at(2)
        )
        try await store.eraseBlob(reference.sha256)
        #expect(try await store.blob(reference.sha256) == nil)
        let report = try await store.verify()
        #expect(report.isValid)
        #expect(report.erasedBlobs == [reference.sha256])
    }

    @Test(arguments: Stores.kinds)
    func inclusionAndConsistencyProofsVerifyAgainstRoots(kind: String) async throws {
        let store = try Stores.make(kind)
        try await fixture.seeded(store)
        _ = try await store.append(
            (0..<34).map { fixture.note("ghi chú \($0)", by: fixture.officer) },
            recordedAt: fixture.at(1)
        )
        let entries = try await store.entries(from: 0, limit: 100).map { try Entry(bytes: $0.bytes) }
        #expect(entries.count == 37)
        for size in [1, 2, 7, 16, 31, 37] {
            let root = try await store.root(size: size)
            #expect(root == MerkleTree.root(leaves: entries.prefix(size).map(\.hash)))
            for index in 0..<size {
                let path = try await store.inclusionProof(index: index, size: size)
                #expect(
                    MerkleTree.verifyInclusion(
                        index: index,
                        size: size,
                        leaf: entries[index].hash,
                        path: path,
                        root: root
                    )
                )
            }
            for old in 0...size {
                let proof = try await store.consistencyProof(from: old, to: size)
                let oldRoot = try await store.root(size: old)
                #expect(
                    MerkleTree.verifyConsistency(
                        oldSize: old,
                        newSize: size,
                        oldRoot: oldRoot,
                        newRoot: root,
                        proof: proof
                    )
                )
            }
        }
        await #expect(throws: StoreError.self) { try await store.inclusionProof(index: 37, size: 37) }
        await #expect(throws: StoreError.self) { try await store.consistencyProof(from: 5, to: 38) }
    }

    @Test(arguments: Stores.kinds)
    func checkpointsAndWitnessMemory(kind: String) async throws {
        let store = try Stores.make(kind)
        try await fixture.seeded(store)
        let state = try await store.state()
        let checkpoint = Checkpoint(
            origin: fixture.ledger,
            size: state.size,
            root: try await store.root(size: state.size)
        )
        let note = checkpoint.signed(by: fixture.authority)
        try await store.saveCheckpoint(note)
        #expect(try await store.latestCheckpoint() == note)
        #expect(try await store.checkpoint(size: state.size) == note)
        #expect(try await store.checkpoint(size: 99) == nil)
        // What a witness cosigned is read from the saved notes: none carries the officer's line yet.
        #expect(try await store.lastCosigned(by: fixture.officer.publicKey) == nil)
        var cosigned = note
        cosigned.append(Checkpoint.cosignature(noteText: note.text, by: fixture.officer, timestamp: 1_700_000_000))
        try await store.saveCheckpoint(cosigned)
        #expect(try await store.lastCosigned(by: fixture.officer.publicKey) == checkpoint)
        #expect(try await store.checkpoints() == [note, cosigned])
        // A line that does not verify is no memory of a cosignature.
        var forged = note
        let line = Checkpoint.cosignature(noteText: note.text, by: fixture.secretariat, timestamp: 1)
        forged.append(
            SignedNote.Signature(name: line.name, keyHash: line.keyHash, signature: Array(line.signature.reversed()))
        )
        try await store.saveCheckpoint(forged)
        #expect(try await store.lastCosigned(by: fixture.secretariat.publicKey) == nil)
        let report = try await store.verify(checkpoint: .success(note))
        #expect(report.isValid)
        #expect(report.checkpoint?.size == 3)
    }
}

extension StoreConformanceTests {
    /// Kept answers (derived data): the largest of a name recorded by a time, replaced at the same
    /// size, and never one of another name.
    @Test(arguments: Stores.kinds)
    func keepsReportsByNameSizeAndTime(kind: String) async throws {
        let store = try Stores.make(kind)
        let derived = Stores.derived(for: store)
        try await fixture.seeded(store)
        let root = try await store.root(size: 2)
        func kept(_ size: Int, _ time: Int64, _ bytes: [UInt8]) -> ProjectionSnapshot {
            ProjectionSnapshot(size: size, root: root, lastRecordedAt: fixture.at(time), bytes: bytes)
        }
        try await derived.saveReport(kept(1, 1, [1]), named: "standings")
        try await derived.saveReport(kept(2, 5, [2]), named: "standings")
        try await derived.saveReport(kept(3, 9, [3]), named: "other")
        #expect(try await derived.latestReport(named: "standings", recordedAtMost: fixture.at(0)) == nil)
        #expect(try await derived.latestReport(named: "standings", recordedAtMost: fixture.at(4))?.bytes == [1])
        #expect(try await derived.latestReport(named: "standings", recordedAtMost: fixture.at(9)) == kept(2, 5, [2]))
        try await derived.saveReport(kept(2, 5, [4]), named: "standings")
        #expect(try await derived.latestReport(named: "standings", recordedAtMost: fixture.at(9))?.bytes == [4])
        #expect(try await derived.latestReport(named: "other", recordedAtMost: fixture.at(8)) == nil)
        #expect(try await derived.latestReport(named: "missing", recordedAtMost: fixture.at(60)) == nil)
    }

    /// Act sections (derived data): one set kept, the latest; read only while they stand for the
    /// size asked; a save of an earlier size never replaces a later one.
    @Test(arguments: Stores.kinds)
    func keepsOneSetOfActSectionsTheLatest(kind: String) async throws {
        let store = try Stores.make(kind)
        let derived = Stores.derived(for: store)
        try await fixture.seeded(store)
        let root = try await store.root(size: 2)
        func head(_ size: Int, _ bytes: [UInt8]) -> ProjectionSnapshot {
            ProjectionSnapshot(size: size, root: root, lastRecordedAt: fixture.at(Int64(size)), bytes: bytes)
        }
        #expect(try await derived.actHead() == nil)
        #expect(try await derived.actSections(["unit/A"], size: 1) == nil)
        let many = Dictionary(uniqueKeysWithValues: (0..<2_500).map { ("form/\($0)", Array("U\($0 % 7)".utf8)) })
        try await derived.saveActSections(head: head(1, [1]), sections: many.merging(["unit/A": [9]]) { $1 })
        #expect(try await derived.actHead() == head(1, [1]))
        #expect(
            try await derived.actSections(["unit/A", "form/2499", "unit/B"], size: 1) == [
                "unit/A": [9], "form/2499": Array("U0".utf8),
            ]
        )
        #expect(try await derived.actSections(["unit/A"], size: 2) == nil)
        try await derived.saveActSections(head: head(2, [2]), sections: ["unit/B": [8]])
        #expect(try await derived.actSections(["unit/A", "unit/B"], size: 2) == ["unit/B": [8]])
        #expect(try await derived.actSections(["unit/A"], size: 1) == nil)
        try await derived.saveActSections(head: head(1, [3]), sections: ["unit/A": [7]])
        #expect(try await derived.actHead() == head(2, [2]))
        #expect(try await derived.actSections(["unit/B"], size: 2) == ["unit/B": [8]])
    }
}

extension StoreConformanceTests {
    /// Uploads no entry refers to go once their grace has passed; referred files, and uploads still
    /// in their grace, stay.
    @Test(arguments: Stores.kinds)
    func removesOnlyUnreferencedUploadsPastTheirGrace(kind: String) async throws {
        let store = try Stores.make(kind)
        try await fixture.seeded(store)
        let kept = try await store.putBlob(Array("Biên bản được dẫn chiếu".utf8))
        let loose = try await store.putBlob(Array("Tệp không ai dẫn chiếu".utf8))
        let past = BlobClock.now().adding(milliseconds: -60_000)
        #expect(try await store.removeUnreferencedBlobs(keeping: [kept.sha256], storedBefore: past) == 0)
        #expect(Set(try await store.blobHashes()) == [kept.sha256, loose.sha256])
        let later = BlobClock.now().adding(milliseconds: 60_000)
        #expect(try await store.removeUnreferencedBlobs(keeping: [kept.sha256], storedBefore: later) == 1)
        #expect(try await store.blobHashes() == [kept.sha256])
    }
}
