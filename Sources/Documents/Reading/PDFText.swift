import Foundation

/// A PDF's text in reading order, by poppler's pdftotext (Debian's poppler-utils): the software people open PDFs
/// with extracts it the same way.
enum PDFText {
    static func extract(_ bytes: [UInt8]) throws(DocumentContent.Unreadable) -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "parledger-pdftext-\(UUID().uuidString)"
        )
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("document.pdf")
        let output = folder.appendingPathComponent("document.txt")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(bytes).write(to: input)
        } catch { throw .init(description: "cannot write the PDF to a temporary folder") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // -raw keeps the content stream's order, which is the page's: a table's cells row by row.
        process.arguments = ["pdftotext", "-raw", "-enc", "UTF-8", input.path, output.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { throw .init(description: "cannot start pdftotext") }
        process.waitUntilExit()
        guard process.terminationStatus == 0, let data = FileManager.default.contents(atPath: output.path) else {
            throw .init(
                description: process.terminationStatus == 127
                    ? "reading a PDF needs pdftotext (Debian: apt-get install poppler-utils)"
                    : "pdftotext cannot read the PDF (status \(process.terminationStatus)); it may be damaged"
            )
        }
        return String(decoding: data, as: UTF8.self)
    }
}
