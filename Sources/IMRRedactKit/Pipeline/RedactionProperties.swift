#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Properties every redaction with a masking policy (placeholders, removal) must have, whatever
/// the input: the fuzz target (`Fuzz/imr-fuzz`) checks them on every input it is given, and tests
/// on letters.
///
/// Violations name the property and byte offsets only, never the document's text.
public enum RedactionProperties {
    public struct Violation: Sendable, Hashable, CustomStringConvertible {
        public enum Kind: String, Sendable {
            /// A span the detector found that is not replaced whole by its placeholder.
            case spanReplaced = "span-replaced"
            /// A substitution out of bounds, empty, or overlapping the one before it.
            case spanOrder = "span-order"
            /// A substitution that starts or ends inside a UTF-8 character.
            case spanBoundary = "span-boundary"
            /// The output is not the original with each substitution's range replaced by its text.
            case outputMismatch = "output-mismatch"
            /// The output is not well-formed UTF-8 (or holds a NUL byte the input did not).
            case outputNotUTF8 = "output-not-utf8"
            /// The text of a span the detector found occurs in the output other than in text copied
            /// from outside every span of the original, or inside a placeholder.
            case spanLeft = "span-left"
            /// Redacting the output again changes it.
            case notIdempotent = "not-idempotent"
            /// The output cannot be redacted again (a document error the original did not raise).
            case secondPassRejected = "second-pass-rejected"
        }
        public var kind: Kind
        /// Byte offset in the original (span properties) or in the output (`notIdempotent`,
        /// `outputMismatch`, `outputNotUTF8`).
        public var offset: Int
        /// Offsets and categories only.
        public var detail: String

        public init(kind: Kind, offset: Int, detail: String) {
            self.kind = kind
            self.offset = offset
            self.detail = detail
        }

        public var description: String { "\(kind.rawValue) at byte \(offset): \(detail)" }
    }

    /// Checks `result`, the redaction of `text` by `engine`:
    ///
    /// 1. every identifier span the detector found is replaced whole by its category's
    ///    placeholder; the substitutions are in order, non-empty, disjoint, within the text and
    ///    on character boundaries, and the output is exactly the original with each
    ///    substitution's range replaced by its text (so every byte outside the spans is kept and
    ///    no byte inside one is);
    /// 2. the output is well-formed UTF-8;
    /// 3. no span's text is left: every occurrence in the output of the text of a span the
    ///    detector found (case-sensitive, as bytes) lies wholly in text copied from outside every
    ///    span of the original (the same words stood there unmasked in the original, where the
    ///    detector chose not to mask them), or wholly inside one of the tool's placeholders
    ///    (`[DATE]` holds `DATE`). An occurrence that runs into or across a replacement, or a
    ///    replacement that holds the span's text, is a violation. This never flags text the
    ///    original showed unmasked in the same place; spans holding a bracket are left out (they
    ///    may hold a placeholder of the input, whose bytes the tool writes itself);
    /// 4. when the engine's policy only masks with placeholders or removes: redacting the output
    ///    again gives the output unchanged (placeholders are not detected anew as something else,
    ///    and nothing new is found once the identifiers are gone).
    ///
    /// Properties 1 to 3 apply to a policy of placeholders (a removal makes new neighbours, a
    /// pseudonym or surrogate new text); with another policy only property 4 is checked, and only
    /// when the policy masks or removes.
    /// - Returns: the violations found, empty when all hold.
    public static func check(
        _ text: UnsafeBufferPointer<UInt8>, result: RedactionEngine.Result, engine: RedactionEngine
    ) -> [Violation] {
        var violations: [Violation] = []
        let policy = engine.policy
        let placeholdersOnly = Category.allCases.allSatisfy { policy.action(for: $0) == .placeholder }
            && policy.kindActions.values.allSatisfy { $0 == .placeholder }
        if placeholdersOnly {
            violations += substitutionProperties(
                text, output: result.output, substitutions: result.substitutions, spans: result.analysis.identifiers)
        }
        if violations.isEmpty && policy.onlyRemovesOrMasks {
            violations += idempotence(result.output, engine: engine)
        }
        return violations
    }

    /// Properties 1 to 3 (see `check`) of `output`, made from `text` by `substitutions` of a
    /// placeholder policy for the identifier `spans` the detector found (nil: not compared).
    public static func substitutionProperties(
        _ text: UnsafeBufferPointer<UInt8>, output: [UInt8], substitutions: [Substitution], spans: [IdentifierSpan]? = nil
    ) -> [Violation] {
        let count = text.count
        func isBoundary(_ offset: Int) -> Bool { offset == count || text[offset] & 0xC0 != 0x80 }

        // 1. Every span found is replaced whole, by its category's placeholder.
        if let spans {
            guard spans.count == substitutions.count else {
                return [Violation(kind: .spanReplaced, offset: 0, detail: "\(spans.count) spans found, \(substitutions.count) substitutions made")]
            }
            for (span, sub) in zip(spans, substitutions)
            where span.start != sub.start || span.end != sub.end || sub.replacement != "[\(span.category.rawValue)]" {
                return [Violation(kind: .spanReplaced, offset: span.start, detail: "the \(span.category.rawValue) span \(span.start)..<\(span.end) is not replaced whole by its placeholder (substitution \(sub.start)..<\(sub.end))")]
            }
        }

        // 1. Order, bounds and boundaries.
        var previousEnd = 0
        for (index, sub) in substitutions.enumerated() {
            guard sub.start >= previousEnd, sub.start < sub.end, sub.end <= count else {
                return [Violation(kind: .spanOrder, offset: sub.start, detail: "substitution \(index) (\(sub.category.rawValue)) is \(sub.start)..<\(sub.end) after one ending at \(previousEnd), in \(count) bytes")]
            }
            guard isBoundary(sub.start), isBoundary(sub.end) else {
                return [Violation(kind: .spanBoundary, offset: sub.start, detail: "substitution \(index) (\(sub.category.rawValue)) \(sub.start)..<\(sub.end) cuts a UTF-8 character")]
            }
            previousEnd = sub.end
        }

        // 1. The output is the original with each range replaced; map the output to its segments.
        var segments: [Segment] = []
        var expected: [UInt8] = []
        expected.reserveCapacity(output.count)
        var cursor = 0
        for sub in substitutions {
            let gap = expected.count..<(expected.count + sub.start - cursor)
            expected.append(contentsOf: text[cursor..<sub.start])
            segments.append(Segment(output: gap, copied: true))
            let replacement = Array(sub.replacement.utf8)
            segments.append(Segment(output: expected.count..<(expected.count + replacement.count), copied: false))
            expected += replacement
            cursor = sub.end
        }
        segments.append(Segment(output: expected.count..<(expected.count + count - cursor), copied: true))
        expected.append(contentsOf: text[cursor..<count])
        if expected != output {
            let first = firstDifference(expected, output)
            return [Violation(kind: .outputMismatch, offset: first, detail: "output (\(output.count) bytes) differs from the original with its substitutions applied (\(expected.count) bytes)")]
        }

        // 2. Well-formed UTF-8, and no NUL byte the original did not hold (it held none: validated).
        var violations: [Violation] = []
        let invalid: Int? = output.withUnsafeBufferPointer { buffer in
            if let offset = UTF8Validation.firstInvalidOffset(buffer) { return offset }
            if let base = buffer.baseAddress, let nul = memchr(base, 0, buffer.count) {
                return UnsafeRawPointer(nul) - UnsafeRawPointer(base)
            }
            return nil
        }
        if let invalid {
            violations.append(Violation(kind: .outputNotUTF8, offset: invalid, detail: "the output is not well-formed UTF-8 text"))
        }

        // 3. No span's text left outside copied text and placeholders.
        let placeholders = Placeholders.ranges(in: output)
        var checked: Set<[UInt8]> = []
        output.withUnsafeBufferPointer { out in
            guard let outBase = out.baseAddress else { return }
            for sub in substitutions {
                let needle = Array(text[sub.start..<sub.end])
                // A span holding a bracket may hold (part of) a placeholder of the input: the tool
                // writes those bytes itself, beside any copied text.
                guard !needle.contains(UInt8(ascii: "[")), !needle.contains(UInt8(ascii: "]")) else { continue }
                guard checked.insert(needle).inserted else { continue }
                var from = 0
                while from + needle.count <= out.count {
                    // The next occurrence: memchr for its first byte, memcmp for the rest.
                    guard let hit = memchr(outBase + from, Int32(needle[0]), out.count - needle.count + 1 - from) else { break }
                    let at = UnsafeRawPointer(hit) - UnsafeRawPointer(outBase)
                    guard memcmp(outBase + at, needle, needle.count) == 0 else {
                        from = at + 1
                        continue
                    }
                    let occurrence = at..<(at + needle.count)
                    from = at + 1
                    if let segment = segment(containing: at, in: segments), segment.copied,
                        occurrence.upperBound <= segment.output.upperBound
                    {
                        continue
                    }
                    if placeholders.contains(where: { $0.lowerBound <= occurrence.lowerBound && occurrence.upperBound <= $0.upperBound }) {
                        continue
                    }
                    violations.append(Violation(
                        kind: .spanLeft, offset: sub.start,
                        detail: "the text of the \(sub.category.rawValue) span \(sub.start)..<\(sub.end) is in the output at \(occurrence.lowerBound)..<\(occurrence.upperBound), across or inside a replacement"))
                    break
                }
            }
        }
        return violations
    }

    /// The first offset where `a` and `b` differ (the shorter one's length when one is a prefix).
    static func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> Int {
        let common = min(a.count, b.count)
        var index = 0
        while index < common && a[index] == b[index] { index += 1 }
        return index
    }

    /// A stretch of the output: copied from the original outside every span, or a replacement.
    private struct Segment {
        var output: Range<Int>
        var copied: Bool
    }

    /// The segment of the output holding byte `offset` (segments in order, empty ones skipped).
    private static func segment(containing offset: Int, in segments: [Segment]) -> Segment? {
        var low = 0
        var high = segments.count
        while low < high {
            let mid = (low + high) / 2
            if segments[mid].output.upperBound <= offset { low = mid + 1 } else { high = mid }
        }
        return low < segments.count && segments[low].output.contains(offset) ? segments[low] : nil
    }

    /// Property 4 (see `check`): the ranges of the output a second redaction changes.
    public static func idempotence(_ output: [UInt8], engine: RedactionEngine) -> [Violation] {
        let again: RedactionEngine.Result
        do {
            again = try engine.redact(output)
        } catch {
            return [Violation(kind: .secondPassRejected, offset: 0, detail: "redacting the output again fails: \(error)")]
        }
        guard again.output != output else { return [] }
        var violations: [Violation] = []
        for sub in again.substitutions where Array(sub.replacement.utf8) != Array(output[sub.start..<sub.end]) {
            violations.append(Violation(
                kind: .notIdempotent, offset: sub.start,
                detail: "a second redaction replaces output \(sub.start)..<\(sub.end) (\(sub.category.rawValue), rule \(sub.ruleID))"))
        }
        if violations.isEmpty {
            let first = firstDifference(again.output, output)
            violations.append(Violation(kind: .notIdempotent, offset: first, detail: "a second redaction changes the output"))
        }
        return violations
    }
}
