import SystemZlib

/// A black-and-white PNG of a QR code, for the spreadsheet (libxlsxwriter inserts PNG images).
/// The PNG chunks are framed here; zlib compresses the pixels and computes the checksums.
enum PNGImage {
    /// The code with its quiet zone, `scale` pixels per module, one bit per pixel.
    static func of(_ code: QRCode, scale: Int = 4) -> [UInt8]? {
        let side = (code.width + 8) * scale
        let rowBytes = (side + 7) / 8
        var pixels: [UInt8] = []
        pixels.reserveCapacity((rowBytes + 1) * side)
        for y in 0..<side {
            pixels.append(0)  // filter type: none
            var row = [UInt8](repeating: 0xFF, count: rowBytes)
            let moduleRow = y / scale - 4
            for x in 0..<side {
                let moduleColumn = x / scale - 4
                let dark =
                    (0..<code.width).contains(moduleRow) && (0..<code.width).contains(moduleColumn)
                    && code.modules[moduleRow * code.width + moduleColumn]
                if dark { row[x / 8] &= ~(0x80 >> UInt8(x % 8)) }
            }
            pixels += row
        }
        guard let compressed = deflate(pixels) else { return nil }
        var header: [UInt8] = []
        header += bigEndian(UInt32(side)) + bigEndian(UInt32(side))
        header += [1, 0, 0, 0, 0]  // bit depth 1, greyscale, deflate, no filter, no interlace
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            + chunk("IHDR", header) + chunk("IDAT", compressed) + chunk("IEND", [])
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + data
        let checksum = typed.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
        return bigEndian(UInt32(data.count)) + typed + bigEndian(checksum)
    }

    private static func deflate(_ data: [UInt8]) -> [UInt8]? {
        var length = compressBound(uLong(data.count))
        var output = [UInt8](repeating: 0, count: Int(length))
        let status = output.withUnsafeMutableBufferPointer { target in
            data.withUnsafeBufferPointer { source in
                compress2(target.baseAddress, &length, source.baseAddress, uLong(source.count), 9)
            }
        }
        guard status == Z_OK else { return nil }
        return Array(output.prefix(Int(length)))
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}
