import CQREncode

/// A QR code of a text, from libqrencode (Debian's libqrencode): its modules, dark or light.
public struct QRCode: Sendable {
    /// Modules per side.
    public let width: Int
    /// Row by row, true for a dark module.
    public let modules: [Bool]

    /// The code of `text` at error correction level M, or nil when libqrencode cannot encode it
    /// (too long for the largest version).
    public init?(_ text: String) {
        guard let code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M) else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        // libqrencode's bit 0 of each byte is the module's colour; the other bits describe its role.
        let data = UnsafeBufferPointer(start: code.pointee.data, count: width * width)
        self.width = width
        self.modules = data.map { $0 & 1 == 1 }
    }

    /// The code as an SVG image `size` millimetres wide, with the four-module quiet zone.
    public func svg(millimetres size: Int) -> String {
        let side = width + 8
        var path = ""
        for row in 0..<width {
            for column in 0..<width where modules[row * width + column] {
                path += "M\(column + 4) \(row + 4)h1v1h-1z"
            }
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(size)mm" height="\(size)mm" viewBox="0 0 \(side) \(side)" \
            shape-rendering="crispEdges" role="img"><rect width="\(side)" height="\(side)" fill="#fff"/>\
            <path d="\(path)" fill="#000"/></svg>
            """
    }
}
