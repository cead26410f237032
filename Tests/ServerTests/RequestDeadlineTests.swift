import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import Testing

@testable import Server

/// The deadlines a client that sends half a request runs into (`RequestDeadlineHandler`), on a
/// channel whose clock the test moves: a request's head within 10 s of the connection or of the
/// previous answer, its body within 5 minutes of its head; a server busy answering is not cut off.
@Suite struct RequestDeadlineTests {
    func connected() throws -> (EmbeddedChannel, EmbeddedEventLoop) {
        let loop = EmbeddedEventLoop()
        let channel = EmbeddedChannel(
            handler: RequestDeadlineHandler(head: .seconds(10), body: .minutes(5)),
            loop: loop
        )
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 8080)).wait()
        return (channel, loop)
    }

    static let upload = HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: "/api/blobs")

    @Test func aConnectionThatSendsNoHeadIsClosedAfterTenSeconds() throws {
        let (channel, loop) = try connected()
        loop.advanceTime(by: .seconds(9))
        #expect(channel.isActive)
        loop.advanceTime(by: .seconds(2))
        #expect(!channel.isActive)
    }

    @Test func aBodyThatDoesNotEndWithinFiveMinutesIsCutOff() throws {
        let (channel, loop) = try connected()
        loop.advanceTime(by: .seconds(8))
        try channel.writeInbound(HTTPRequestPart.head(Self.upload))
        // The head came in time: the body has five minutes from it, however slowly it arrives.
        for _ in 0..<29 {
            loop.advanceTime(by: .seconds(10))
            try channel.writeInbound(HTTPRequestPart.body(ByteBuffer(string: "xxxx")))
        }
        #expect(channel.isActive)
        loop.advanceTime(by: .seconds(11))
        #expect(!channel.isActive)
    }

    @Test func aCompleteRequestWaitsForItsAnswerThenTheNextHeadHasTenSeconds() throws {
        let (channel, loop) = try connected()
        try channel.writeInbound(HTTPRequestPart.head(Self.upload))
        try channel.writeInbound(HTTPRequestPart.end(nil))
        // The server takes its time over the answer: no deadline of the client's runs meanwhile.
        loop.advanceTime(by: .minutes(6))
        #expect(channel.isActive)
        try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .created)))
        try channel.writeOutbound(HTTPResponsePart.end(nil))
        loop.advanceTime(by: .seconds(9))
        #expect(channel.isActive)
        loop.advanceTime(by: .seconds(2))
        #expect(!channel.isActive)
    }
}
