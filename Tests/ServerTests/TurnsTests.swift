import Testing

@testable import Server

/// `Turns`: at most so many at once, the others in the order they came. Uploads take turns of one
/// to hold one file's bytes at a time; heavy reads take all cores but one.
@Suite struct TurnsTests {
    /// Counts who is inside at once, and the order they entered in.
    actor Inside {
        var now = 0
        var most = 0
        var entered: [Int] = []

        func enter(_ who: Int) {
            now += 1
            most = max(most, now)
            entered.append(who)
        }

        func leave() { now -= 1 }
    }

    @Test(arguments: [1, 2])
    func noMoreThanSoManyAtOnce(atOnce: Int) async throws {
        let turns = Turns(atOnce: atOnce)
        let inside = Inside()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for who in 0..<8 {
                group.addTask {
                    try await turns.run { () async throws -> Void in
                        await inside.enter(who)
                        // Suspends: an actor's method would let the next one in here.
                        try await Task.sleep(for: .milliseconds(20))
                        await inside.leave()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(await inside.most == atOnce)
        #expect(await inside.entered.count == 8)
    }

    @Test func aFailedTurnIsGivenBack() async {
        let turns = Turns(atOnce: 1)
        struct Refused: Error {}
        await #expect(throws: Refused.self) {
            try await turns.run { () throws(Refused) -> Void in throw Refused() }
        }
        let after = await turns.run { () async -> Int in 7 }
        #expect(after == 7)
    }
}
