import Foundation

/// The fuzz target's `main`. SwiftPM links every executable with `main` aliased to the module's
/// own entry point, so libFuzzer's `main` cannot be the one that runs: built by tools/fuzz
/// (`-sanitize=fuzzer -DFUZZING`), this `main` hands over to libFuzzer's driver, which then takes
/// the usual libFuzzer arguments. Built plainly (`swift build`), it replays the files it is given,
/// and the files in the folders it is given, each as one fuzz input: how a reproducer is run under
/// a debugger, and how the tests replay the corpus (ParledgerCLITests' FuzzCorpusTests).
@main
enum FuzzEntryPoint {
    static func main() throws {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv, testOneInput))
        #else
        let paths = CommandLine.arguments.dropFirst()
        if paths.isEmpty {
            print("usage: parledger-fuzz FILE|FOLDER…  (tools/fuzz runs the fuzzer itself)")
        }
        var count = 0
        for path in paths {
            for file in try inputs(at: path) {
                FuzzTarget.run(try [UInt8](Data(contentsOf: URL(fileURLWithPath: file))))
                count += 1
            }
        }
        print("parledger-fuzz: \(count) inputs replayed, every property holds")
        #endif
    }

    /// The file at `path`, or the files directly in the folder at `path` in name order.
    private static func inputs(at path: String) throws -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
            return [path]
        }
        return try FileManager.default.contentsOfDirectory(atPath: path).sorted().map { "\(path)/\($0)" }
    }
}

/// libFuzzer's `LLVMFuzzerTestOneInput`: one input, through the target its first byte chooses. It is
/// exported under that name too, as libFuzzer's archive refers to it whichever `main` runs.
@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    FuzzTarget.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

#if FUZZING
/// `int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *, size_t))`,
/// libFuzzer's entry for programs that keep their own `main` (compiler-rt's FuzzerInterface.h).
@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
#endif
