public import Hummingbird
public import NIOCore

/// The context of every request: Hummingbird's, and the client's address, which sign-in attempts
/// are counted by (`SignInLimiter`).
public struct ParledgerRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's address; nil where there is none (requests made in tests without a socket).
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The client address sign-in attempts are counted by.
    var clientAddress: String { remoteAddress?.ipAddress ?? "local" }
}
