/// A failure that stops the benchmark, with a message for stderr.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Command-line options. Parsed by hand: the target depends only on IMRRedactKit and CPCRE2.
struct BenchOptions {
    var megabytes = 100.0
    var seed: UInt64 = 1
    var runs = 5
    var workdir: String?
    var binary: String?
    var samples: String?
    var streamMegabytes = 1000.0
    var skipStream = false
    var perRule = false
    var keep = false
    var pdfDirectory: String?
    var skipPDF = false
    var pdfOnly = false

    static let usage = """
        usage: imr-bench [options]

        Generates a JSON Lines corpus from Samples/, then measures imr-redact end to end, a raw
        single-pattern PCRE2 JIT scan of the same rules, and the tool's memory on a long stream.
        Prints figures; asserts only that every run succeeded (exit status 1 otherwise). Then, when
        the real PDF letters are there (../shared/realdata/pdf of the package), the PDF figures:
        extraction in-process against a pdftotext subprocess per letter, PDF writing and
        verification per letter, and how many written PDFs read back as the redacted text.

          --megabytes N         corpus size in 10^6 bytes of JSONL (default 100)
          --seed S              generator seed (default 1)
          --runs N              timed runs of each measurement; the median is reported (default 5)
          --workdir DIR         where the corpus, audit and key go (default: a new /tmp/imr-bench-*
                                folder, removed afterwards)
          --binary PATH         imr-redact to measure (default: .build/release/imr-redact of the package)
          --samples DIR         sample letters (*.txt; default: Samples/ of the package)
          --stream-megabytes N  JSONL piped through imr-redact's stdin for the memory check (default 1000)
          --skip-stream         skip the stream measurement
          --per-rule            also time each rule alone over the corpus (one run) and list the slowest
          --keep                keep the default /tmp folder
          --pdf-dir DIR         PDF letters (*.pdf) for the PDF figures (default: ../shared/realdata/pdf
                                of the package, skipped when it does not exist)
          --pdf-only            only the PDF figures (no imr-redact binary, corpus or stream needed)
          --skip-pdf            no PDF figures
          -h, --help            this text
        """

    /// - Returns: `nil` when help was asked for.
    /// - Throws: `BenchError` naming the bad argument.
    static func parse(_ arguments: [String]) throws -> BenchOptions? {
        var options = BenchOptions()
        var index = 0
        func value(_ name: String, inline: String?) throws -> String {
            if let inline { return inline }
            index += 1
            guard index < arguments.count else { throw BenchError("\(name) needs a value") }
            return arguments[index]
        }
        func positive(_ name: String, _ text: String) throws -> Double {
            guard let number = Double(text), number > 0, number.isFinite else {
                throw BenchError("\(name) needs a positive number, not '\(text)'")
            }
            return number
        }
        while index < arguments.count {
            let argument = arguments[index]
            var name = argument
            var inline: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inline = String(argument[argument.index(after: equals)...])
            }
            switch name {
            case "-h", "--help": return nil
            case "--megabytes": options.megabytes = try positive(name, value(name, inline: inline))
            case "--stream-megabytes": options.streamMegabytes = try positive(name, value(name, inline: inline))
            case "--seed":
                let text = try value(name, inline: inline)
                guard let seed = UInt64(text) else {
                    throw BenchError("--seed needs a non-negative integer, not '\(text)'")
                }
                options.seed = seed
            case "--runs":
                let text = try value(name, inline: inline)
                guard let runs = Int(text), runs >= 1 else {
                    throw BenchError("--runs needs an integer >= 1, not '\(text)'")
                }
                options.runs = runs
            case "--workdir": options.workdir = try value(name, inline: inline)
            case "--binary": options.binary = try value(name, inline: inline)
            case "--samples": options.samples = try value(name, inline: inline)
            case "--skip-stream": options.skipStream = true
            case "--per-rule": options.perRule = true
            case "--keep": options.keep = true
            case "--pdf-dir": options.pdfDirectory = try value(name, inline: inline)
            case "--pdf-only": options.pdfOnly = true
            case "--skip-pdf": options.skipPDF = true
            default: throw BenchError("unknown argument '\(argument)' (see --help)")
            }
            index += 1
        }
        if options.pdfOnly && options.skipPDF { throw BenchError("--pdf-only and --skip-pdf exclude each other") }
        return options
    }
}
