import Foundation

/// Runs a program as a user runs it and reports its wall time, output and error output, and on
/// request its own peak memory.
enum ChildProcess {
    struct Outcome {
        let status: Int32
        let seconds: Double
        let output: String
        let errors: String
        /// The child's peak resident memory in KiB, when it was measured.
        let peakKiB: Double?
    }

    /// GNU time, which reports the peak memory of the program it runs.
    static let timeProgram = "/usr/bin/time"

    /// Runs `executable` with `arguments`. With `measuringMemory`, the child's peak resident memory
    /// is measured from outside: wait4's rusage of a process this one spawns would start from this
    /// process's own peak (Linux keeps the high-water mark of the memory a process had before it
    /// exec'd the new program, and a spawned child starts in this process's memory), so the child is
    /// run under GNU time, which forks it from a small process and reports its rusage alone.
    static func run(_ executable: String, _ arguments: [String], measuringMemory: Bool = false) throws -> Outcome {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent(
            "parledger-bench-child-\(UUID().uuidString)"
        ).path
        defer {
            for suffix in ["", ".err", ".rss"] { try? FileManager.default.removeItem(atPath: outputPath + suffix) }
        }
        var command = [executable] + arguments
        if measuringMemory {
            guard FileManager.default.isExecutableFile(atPath: timeProgram) else {
                throw BenchError.usage("measuring a child's memory needs GNU time at \(timeProgram) (Debian's time)")
            }
            command = [timeProgram, "--format", "%M", "--output", outputPath + ".rss"] + command
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, outputPath + ".err", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = command.map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let spawned = posix_spawn(&pid, command[0], &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw BenchError.usage("cannot run \(command[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
        let seconds = Measures.seconds(since: start)
        let peak = (try? String(contentsOfFile: outputPath + ".rss", encoding: .utf8)).flatMap {
            Double($0.split(separator: "\n").last.map(String.init) ?? "")
        }
        return Outcome(
            status: (status >> 8) & 0xFF,
            seconds: seconds,
            output: (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "",
            errors: (try? String(contentsOfFile: outputPath + ".err", encoding: .utf8)) ?? "",
            peakKiB: measuringMemory ? peak : nil
        )
    }

    /// The path of another of this package's programs (`parledger`), built beside this one.
    static func sibling(_ name: String) throws -> String {
        let this =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let path = URL(fileURLWithPath: this).deletingLastPathComponent().appendingPathComponent(name).path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw BenchError.usage("\(path) is not built: swift build -c release (it builds every program)")
        }
        return path
    }
}
