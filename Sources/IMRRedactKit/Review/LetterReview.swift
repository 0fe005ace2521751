import Crypto

/// What a review report shows of one letter: its state, its parse (layout, items and
/// decisions), its counts, and the SHA-256 of its output. It holds no text of the original
/// but what the redacted letter shows: an item's service is taken from the redacted text.
public struct LetterReview: Sendable {
    /// What the person who signs off has to do about the letter.
    public enum State: String, Sendable, CaseIterable {
        /// Not written (unreadable, not fully scanned, failed verification, or held back by `--strict`).
        case rejected
        /// Written, with residue: tokens that may still identify someone.
        case needsReview = "needs-review"
        /// Written, no residue.
        case clean

        /// As shown: `needs review`.
        public var label: String { self == .needsReview ? "needs review" : rawValue }
        /// Letters that need attention sort first.
        public var rank: Int { State.allCases.firstIndex(of: self) ?? 0 }
    }

    /// One disputed item of the letter's parse.
    public struct Item: Sendable, Hashable {
        /// The service as the redacted letter shows it (a name in it is its replacement).
        public var service: String
        /// The decision as the redacted letter shows it, or nil when the letter does not say.
        public var decision: String?
        /// The decision's range in the original (it lies outside every substitution unless nil).
        public var decisionRange: Range<Int>?
    }

    public var number: Int
    public var name: String
    public var state: State
    /// The letter's layout; nil when it could not be read.
    public var layout: Layout?
    public var items: [Item] = []
    public var perCategory: [Category: Int] = [:]
    public var substitutions = 0
    public var residue = 0
    public var protected = 0
    /// Identifiers the policy keeps (no substitution).
    public var kept = 0
    public var verification: FinishedDocument.Verification
    public var outputName: String?
    public var outputSize = 0
    /// Hex SHA-256 of the bytes written; nil when nothing was written.
    public var digest: String?
    /// Why the letter was rejected (never its text: `DocumentError` names places only).
    public var error: String?
    public var metadataFindings = 0

    /// The review of `document`; `parser` reads the original's layout and items.
    public init(_ document: FinishedDocument, parser: LetterParser) {
        number = document.number
        name = document.name
        verification = document.verification
        outputName = document.outputName
        error = document.error?.description
        metadataFindings = document.metadataFindings
        if let output = document.output {
            outputSize = output.count
            digest = Self.sha256(output)
        }
        if let result = document.result {
            residue = result.residue.count
            protected = result.protected.count
            substitutions = result.substitutions.count
            for substitution in result.substitutions { perCategory[substitution.category, default: 0] += 1 }
            kept = Self.keptSpans(result).count
        }
        if document.error != nil {
            state = .rejected
        } else {
            state = residue > 0 ? .needsReview : .clean
        }
        guard let original = document.original, !original.isEmpty else { return }
        let structure = original.withUnsafeBufferPointer { parser.parse($0) }
        layout = structure.layout
        guard let result = document.result else { return }
        items = structure.items.map { item in
            Item(
                service: Self.asRedacted(item.service.range, original: original, substitutions: result.substitutions),
                decision: item.decision.map { Self.asRedacted($0.range, original: original, substitutions: result.substitutions) },
                decisionRange: item.decision.flatMap { decision in
                    Self.overlaps(decision.range, result.substitutions) ? nil : decision.range
                })
        }
    }

    /// Whether the letter was written.
    public var written: Bool { state != .rejected }

    /// The decisions of the items, counted: `Upheld 2, Overturned 1` (in letter order of first
    /// mention); a decision longer than `longest` characters (a notice letter's sentence) is cut
    /// there with an ellipsis.
    public func decisionSummary(longest: Int = .max) -> String {
        var order: [String] = []
        var counts: [String: Int] = [:]
        for item in items {
            var decision = item.decision ?? "(not stated)"
            if decision.count > longest { decision = String(decision.prefix(longest - 1)) + "\u{2026}" }
            if counts[decision] == nil { order.append(decision) }
            counts[decision, default: 0] += 1
        }
        return order.map { "\($0) \(counts[$0] ?? 0)" }.joined(separator: ", ")
    }

    /// The identifiers the policy kept (no substitution): in the analysis, not among the substitutions.
    public static func keptSpans(_ result: RedactionEngine.Result) -> [IdentifierSpan] {
        let substituted = Set(result.substitutions.map { $0.start..<$0.end })
        return result.analysis.identifiers.filter { !substituted.contains($0.start..<$0.end) }
    }

    /// The text of `range` of the original as the redacted letter shows it: the original's bytes
    /// outside substitutions, and the replacement of every substitution that overlaps it.
    static func asRedacted(_ range: Range<Int>, original: [UInt8], substitutions: [Substitution]) -> String {
        var bytes: [UInt8] = []
        var cursor = range.lowerBound
        for substitution in substitutions where substitution.end > range.lowerBound && substitution.start < range.upperBound {
            if substitution.start > cursor { bytes += original[cursor..<substitution.start] }
            bytes += Array(substitution.replacement.utf8)
            cursor = max(cursor, substitution.end)
        }
        if cursor < range.upperBound { bytes += original[cursor..<range.upperBound] }
        // One line, runs of spaces as one: the service may be wrapped over two lines or columns.
        let text = String(decoding: bytes, as: UTF8.self)
        return text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r\n" || $0 == "\r" || $0 == "\u{0C}" })
            .joined(separator: " ")
    }

    static func overlaps(_ range: Range<Int>, _ substitutions: [Substitution]) -> Bool {
        substitutions.contains { $0.end > range.lowerBound && $0.start < range.upperBound }
    }

    /// Lower-case hex SHA-256 of `bytes`, as `sha256sum` prints it.
    public static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { byte in
            let hex: [Character] = Array("0123456789abcdef")
            return String([hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
        }.joined()
    }
}
