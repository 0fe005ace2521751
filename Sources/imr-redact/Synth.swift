import ArgumentParser
import Foundation
import IMRRedactKit

extension IMRRedact {
    struct Synth: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write fictional letters with gold spans (the gold file format) for tests and benchmarks.",
            discussion: """
                Every layout in turn, names of many origins, every date and age form, IDs, contacts, \
                addresses, clinical traps and PDF-to-text damage. The same --seed writes the same \
                bytes; letter N does not depend on --count. Exit status: 0 ok; 2 a usage error or an \
                output that cannot be written.
                """)

        @Option(help: "Number of letters.")
        var count: Int = 100

        @Option(help: "Seed of the generator (same seed, same letters).")
        var seed: UInt64 = 1

        @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"))
        var output: String?

        func validate() throws {
            if count < 0 { throw ValidationError("--count must be at least 0") }
        }

        func run() throws {
            let synthesizer = Synthesizer(seed: seed)
            var sink: FileHandle = .standardOutput
            if let output {
                guard FileManager.default.createFile(atPath: output, contents: nil),
                    let handle = FileHandle(forWritingAtPath: output)
                else {
                    Diagnostics.error("--output \(output): cannot create the file")
                    throw ExitCode(ExitStatus.usage)
                }
                sink = handle
            }
            var buffer = ""
            for index in 0..<count {
                do {
                    buffer += try synthesizer.letter(index).jsonLine() + "\n"
                } catch {
                    Diagnostics.error(error.description)
                    throw ExitCode(ExitStatus.failure)
                }
                if buffer.utf8.count > 1 << 20 || index == count - 1 {
                    do {
                        try sink.write(contentsOf: Data(buffer.utf8))
                    } catch {
                        Diagnostics.error("cannot write the letters: \((error as NSError).localizedDescription)")
                        throw ExitCode(ExitStatus.usage)
                    }
                    buffer = ""
                }
            }
            if output != nil { try? sink.close() }
        }
    }
}
