import Foundation

/// A document's HTML printed to an A4 PDF by headless Chromium, which lays the page out as the
/// browser test sees it and embeds the fonts it used (Liberation Serif when installed). The
/// browser is `$PARLEDGER_CHROMIUM`, or the first of chromium, chromium-browser, google-chrome
/// found on the PATH.
public enum PDFPrinting {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
        /// Whether trying again may help (the browser timed out), as against a missing browser.
        public let retryable: Bool
    }

    /// How long a print may take before it is given up.
    static let limitSeconds = 90.0

    public static func print(html: String) throws(Failure) -> [UInt8] {
        guard let browser = browserPath() else {
            throw Failure(
                description:
                    "PDF needs Chromium: install it (Debian: apt-get install chromium fonts-liberation2) or set PARLEDGER_CHROMIUM to its path",
                retryable: false
            )
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parledger-pdf-\(UUID().uuidString)")
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw Failure(description: "cannot create a temporary folder for the PDF", retryable: true)
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("report.html")
        let output = folder.appendingPathComponent("report.pdf")
        do { try Data(html.utf8).write(to: input) } catch {
            throw Failure(description: "cannot write the page to print", retryable: true)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--user-data-dir=\(folder.appendingPathComponent("profile").path)", "--no-pdf-header-footer",
            "--print-to-pdf=\(output.path)", input.absoluteString,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            throw Failure(description: "cannot start \(browser) to print the PDF", retryable: false)
        }
        let deadline = Date().addingTimeInterval(limitSeconds)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                throw Failure(
                    description: "Chromium did not print the PDF within \(Int(limitSeconds)) s",
                    retryable: true
                )
            }
            usleep(50_000)
        }
        guard let data = FileManager.default.contents(atPath: output.path), data.starts(with: Array("%PDF".utf8)) else {
            throw Failure(
                description: "Chromium ended without printing the PDF (status \(process.terminationStatus))",
                retryable: true
            )
        }
        return [UInt8](data)
    }

    static func browserPath() -> String? {
        if let configured = ProcessInfo.processInfo.environment["PARLEDGER_CHROMIUM"], !configured.isEmpty {
            return configured
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
                let candidate = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }
}
