#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Where a run's time goes, stage by stage: monotonic nanoseconds summed over the documents.
/// Off unless asked for (`redact --profile`, the benchmark's profiled run): the engine then only
/// tests an optional per stage.
public struct StageTimes: Sendable {
    /// The stages of one document, in the order they run.
    public enum Stage: Int, CaseIterable, Sendable {
        /// Reading input (files, stdin) and splitting it into documents (the calling thread).
        case read
        /// Decoding a JSON Lines record into its id and text.
        case decode
        /// UTF-8 and size checks.
        case validate
        /// The keyword pass (every rule keyword's occurrences) and the letter's case.
        case keywords
        /// The combined PCRE2 passes over the whole letter.
        case combinedScan
        /// Rules run in their keyword windows (the confirmation of a keyword hit).
        case windowedRules
        /// The letter's parse (header fields, addressee, copy lists) and running lines.
        case parse
        /// Findings from the parse, and the word-by-word detectors (lexicon names, places, cues).
        case words
        /// Resolving overlaps and protected vetoes (both rounds).
        case resolve
        /// Propagating found names and IDs to their other mentions.
        case propagate
        /// Name completion, recategorising, running lines made alike, names joined.
        case complete
        /// The re-scan of the letter with its spans as placeholders.
        case rescan
        /// The policy's replacements and the output written.
        case transform
        /// The residue check of the output.
        case residue
        /// The output's JSON line (with `--verify`, the verification too, and its analyses in
        /// the detection stages).
        case encode
        /// The audit's keyed digests.
        case digest
        /// Writing output and audit records (the calling thread).
        case write

        public var name: String {
            switch self {
            case .read: "read"
            case .decode: "JSON in"
            case .validate: "validate"
            case .keywords: "keyword pass"
            case .combinedScan: "regex scan (combined passes)"
            case .windowedRules: "confirmation (rules in keyword windows)"
            case .parse: "parse"
            case .words: "structure and word detectors"
            case .resolve: "resolve"
            case .propagate: "propagation"
            case .complete: "name completion"
            case .rescan: "re-scan"
            case .transform: "transform"
            case .residue: "residue"
            case .encode: "JSON out"
            case .digest: "audit digests"
            case .write: "write (output and audit)"
            }
        }
    }

    public private(set) var nanoseconds = [UInt64](repeating: 0, count: Stage.allCases.count)

    public init() {}

    /// The monotonic clock, in nanoseconds.
    @inline(__always)
    public static func now() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
    }

    /// Adds the time since `mark` to `stage`, and moves `mark` to now.
    @inline(__always)
    public mutating func lap(_ stage: Stage, _ mark: inout UInt64) {
        let now = Self.now()
        nanoseconds[stage.rawValue] &+= now &- mark
        mark = now
    }

    public mutating func add(_ other: StageTimes) {
        for index in nanoseconds.indices { nanoseconds[index] &+= other.nanoseconds[index] }
    }

    public subscript(stage: Stage) -> UInt64 { nanoseconds[stage.rawValue] }

    /// The sum of every stage.
    public var total: UInt64 { nanoseconds.reduce(0, &+) }

    /// A table of the stages: milliseconds, milliseconds per 10^6 input bytes and share of the
    /// total, one line each, then the total.
    public func table(inputBytes: Int) -> [String] {
        let megabytes = max(Double(inputBytes) / 1e6, 1e-9)
        let total = max(Double(self.total), 1)
        func row(_ name: String, _ value: UInt64) -> String {
            let ms = Double(value) / 1e6
            return name.padding(toLength: 42, withPad: " ", startingAt: 0)
                + String(format: "%10.1f ms %9.2f ms/MB %6.1f%%", ms, ms / megabytes, 100 * Double(value) / total)
        }
        return Stage.allCases.map { row($0.name, self[$0]) } + [row("all stages", self.total)]
    }
}

/// Where the workers of a run leave their stage times (one lock per document).
public final class StageTimesSink: Sendable {
    private let times = Mutex(StageTimes())

    public init() {}

    public func add(_ other: StageTimes) { times.withLock { $0.add(other) } }

    public var collected: StageTimes { times.withLock { $0 } }
}
