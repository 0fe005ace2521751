/// One replacement made in a document.
public struct Substitution: Sendable, Hashable {
    /// Half-open UTF-8 byte range in the original document.
    public var start: Int
    public var end: Int
    /// 1-based line of `start` in the original document.
    public var line: Int
    public var category: Category
    public var ruleID: String
    public var action: Action
    public var replacement: String

    public init(start: Int, end: Int, line: Int, category: Category, ruleID: String, action: Action, replacement: String) {
        self.start = start
        self.end = end
        self.line = line
        self.category = category
        self.ruleID = ruleID
        self.action = action
        self.replacement = replacement
    }
}

/// Applies a policy's actions to resolved spans. Knows nothing about how spans were found.
public enum Redactor {
    /// Builds the redacted bytes and the list of substitutions from one replacement per span
    /// (see `PolicyTransformer`). A kept span is copied and is no substitution.
    /// - Complexity: O(n + k).
    public static func apply(
        _ spans: [IdentifierSpan], to text: UnsafeBufferPointer<UInt8>, replacements: [Replacement]
    ) -> (output: [UInt8], substitutions: [Substitution]) {
        precondition(spans.count == replacements.count)
        var output: [UInt8] = []
        output.reserveCapacity(text.count + spans.count * 8)
        var substitutions: [Substitution] = []
        substitutions.reserveCapacity(spans.count)
        var cursor = 0
        var line = 1
        for (span, replacement) in zip(spans, replacements) {
            if replacement.action == .keep { continue }
            line += newlines(in: text, cursor..<span.start)
            output.append(contentsOf: UnsafeBufferPointer(rebasing: text[cursor..<span.start]))
            output.append(contentsOf: replacement.text.utf8)
            // Lines inside the span count too, for the next span's line number.
            substitutions.append(
                Substitution(
                    start: span.start, end: span.end, line: line, category: span.category, ruleID: span.ruleID,
                    action: replacement.action, replacement: replacement.text))
            line += newlines(in: text, span.start..<span.end)
            cursor = span.end
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: text[cursor..<text.count]))
        return (output, substitutions)
    }

    /// Line feeds in `range` of `text` (`memchr`, so a 50 MB letter is counted at memory speed).
    static func newlines(in text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        guard let base = text.baseAddress, !range.isEmpty else { return 0 }
        var count = 0
        var offset = range.lowerBound
        while offset < range.upperBound, let hit = memchr(base + offset, 0x0A, range.upperBound - offset) {
            count += 1
            offset = UnsafeRawPointer(hit) - UnsafeRawPointer(base) + 1
        }
        return count
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
