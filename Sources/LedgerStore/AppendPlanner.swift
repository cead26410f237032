public import LedgerCore

/// The pure heart of every store's append: given what the ledger holds, decides which entries a
/// batch becomes, or why it is refused. Stores only read what it asks and write what it returns,
/// inside one transaction.
public enum AppendPlanner {
    /// What to write, and what to answer.
    public struct Plan: Sendable {
        /// The entries to insert, in order.
        public let newEntries: [Entry]
        /// The perfect subtrees those entries complete, to insert beside them.
        public let newNodes: [CompactRange.CompletedNode]
        /// One entry per statement of the batch, in batch order (existing or new).
        public let results: [Entry]
        /// The state after the batch.
        public let state: LedgerState
        /// The tree's right edge after the batch.
        public let frontier: CompactRange
        /// The store's rules after the batch, if it has any.
        public let rules: (any StatementRules)?

        /// The head after the batch, for the store to keep once it has committed.
        public var head: StoreHead { StoreHead(state: state, frontier: frontier, rules: rules) }

        let signatureChecks: [(batchIndex: Int, key: PublicSigningKey, signed: SignedStatement)]

        /// Checks every new statement's signature on every core and throws the refusal of the
        /// first that does not verify. A store calls this before it commits (the conformance suite
        /// holds it to that), and rolls back if it throws.
        ///
        /// - Parameter started: the batch's checks started early, whose results are used where they
        ///   were made against the signer's key (same key id, so the same key).
        public func requireValidSignatures(started: EarlySignatureChecks? = nil) throws(StoreError) {
            let checks = signatureChecks
            let early = started?.results
            let valid = checks.parallelMap { check in
                early?[check.batchIndex] ?? check.signed.isSigned(by: check.key)
            }
            for (check, isValid) in zip(checks, valid) where !isValid {
                throw .refused(
                    LedgerViolation(
                        .signature,
                        "signature does not verify for key \(check.signed.statement.actor.short)…"
                    ),
                    at: check.batchIndex
                )
            }
        }
    }

    /// Plans an append: every rule but the signatures, which `Plan.requireValidSignatures()`
    /// checks in parallel and which the store must call before it commits.
    ///
    /// - Parameters:
    ///   - existingEntries: the stored bytes of the entries holding any of these statement ids, by id.
    ///   - hasBlob: whether the store holds a blob.
    public static func plan(
        _ batch: [SignedStatement],
        state: LedgerState,
        frontier: CompactRange,
        now: Timestamp,
        rules: (any StatementRules)? = nil,
        existingEntries: ([StatementID]) throws(StoreError) -> [StatementID: [UInt8]],
        hasBlob: (SHA256Hash) throws(StoreError) -> Bool
    ) throws(StoreError) -> Plan {
        var state = state
        var frontier = frontier
        var rules = rules
        var newEntries: [Entry] = []
        var newNodes: [CompactRange.CompletedNode] = []
        var results: [Entry] = []
        var inBatch: [StatementID: Entry] = [:]
        inBatch.reserveCapacity(batch.count)
        var signatureChecks: [(batchIndex: Int, key: PublicSigningKey, signed: SignedStatement)] = []
        var admissionFailure: StoreError?
        let recordedAt = try LedgerClock.recordedAt(
            now: now,
            last: state.lastRecordedAt,
            allowedSkew: rules?.allowedClockSkewMilliseconds ?? LedgerClock.defaultAllowedSkewMilliseconds
        )
        // One lookup for the whole batch: which statement ids the ledger already holds.
        let existing = try existingEntries(batch.map(\.statement.statementID))

        for (batchIndex, signed) in batch.enumerated() {
            let statement = signed.statement
            if let earlier = inBatch[statement.statementID] {
                guard earlier.signed == signed else { throw conflict(statement, at: batchIndex) }
                results.append(earlier)
                continue
            }
            if let storedBytes = existing[statement.statementID] {
                guard let stored = try? Entry(bytes: storedBytes), stored.signed == signed else {
                    throw conflict(statement, at: batchIndex)
                }
                results.append(stored)
                continue
            }
            do throws(LedgerViolation) {
                let key = try state.signer(of: statement)
                let references = try state.authorize(statement).blobReferences
                for reference in references where try !hasBlobOrRefuse(reference, hasBlob) {
                    throw LedgerViolation(
                        .payload,
                        "evidence blob \(reference.sha256.short)… has not been uploaded to the store"
                    )
                }
                signatureChecks.append((batchIndex, key, signed))
            } catch {
                admissionFailure = .refused(error, at: batchIndex)
                break
            }
            let entry = Entry(seq: state.size, recordedAt: recordedAt, prev: state.lastHash, signed: signed)
            do throws(LedgerViolation) {
                try rules?.admit(entry, ledger: state, tree: frontier)
            } catch {
                admissionFailure = .refused(error, at: batchIndex)
                break
            }
            state.apply(entry)
            newNodes.append(contentsOf: frontier.appendCompleting(entry.hash))
            newEntries.append(entry)
            inBatch[statement.statementID] = entry
            results.append(entry)
        }

        let plan = Plan(
            newEntries: newEntries,
            newNodes: newNodes,
            results: results,
            state: state,
            frontier: frontier,
            rules: rules,
            signatureChecks: signatureChecks
        )
        if let admissionFailure {
            // A bad signature earlier in the batch is the first fault; report it rather than the later one.
            try plan.requireValidSignatures()
            throw admissionFailure
        }
        return plan
    }

    private static func hasBlobOrRefuse(
        _ reference: BlobReference,
        _ hasBlob: (SHA256Hash) throws(StoreError) -> Bool
    ) throws(LedgerViolation) -> Bool {
        do {
            return try hasBlob(reference.sha256)
        } catch {
            throw LedgerViolation(
                .payload,
                "could not look up evidence blob \(reference.sha256.short)…: \(error.message)"
            )
        }
    }

    private static func conflict(_ statement: Statement, at batchIndex: Int) -> StoreError {
        StoreError(
            .conflict,
            "statement id \(statement.statementID) is already recorded with different content; choose a new id",
            batchIndex: batchIndex
        )
    }
}
