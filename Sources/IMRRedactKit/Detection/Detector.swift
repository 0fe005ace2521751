/// Runs a rule set over one document: identifier findings and protected clinical spans.
///
/// One `Detector` per thread: it owns the PCRE2 match data and JIT stack it reuses for every
/// document. Detection never writes output.
public final class Detector {
    public let ruleSet: RuleSet
    private let matcher: Matcher
    private var present: [Bool] = []

    public init(ruleSet: RuleSet, limits: MatchLimits = .default) {
        self.ruleSet = ruleSet
        self.matcher = Matcher(maxCaptureCount: ruleSet.maxCaptureCount, limits: limits)
    }

    /// Raw output of the rules on one document, before resolution.
    public struct RawFindings: Sendable {
        public var identifiers: [Finding] = []
        public var protected: [Finding] = []
    }

    /// Checks that `text` can be scanned at all: not empty, no NUL byte, well-formed UTF-8.
    /// - Complexity: O(n).
    public static func validate(_ text: UnsafeBufferPointer<UInt8>) throws(DocumentError) {
        guard !text.isEmpty else { throw .empty }
        if let base = text.baseAddress, let nul = memchr(base, 0, text.count) {
            throw .nulByte(offset: UnsafeRawPointer(nul) - UnsafeRawPointer(base))
        }
        if let offset = UTF8Validation.firstInvalidOffset(text) { throw .invalidUTF8(offset: offset) }
    }

    /// Runs every rule whose keywords occur in `text` (which must have passed `validate`).
    /// - Throws: `DocumentError.limitReached` naming the rule when a PCRE2 limit is hit.
    /// - Complexity: one keyword pass plus one PCRE2 scan per applicable rule.
    public func findings(in text: UnsafeBufferPointer<UInt8>) throws(DocumentError) -> RawFindings {
        var result = RawFindings()
        ruleSet.keywordIndex.scan(text, into: &present)
        for (index, compiled) in ruleSet.rules.enumerated() {
            if !compiled.keywordIDs.isEmpty && !compiled.keywordIDs.contains(where: { present[$0] }) { continue }
            var spans: [Finding] = []
            try scan(compiled, index: index, in: text, into: &spans)
            switch compiled.rule.target {
            case .identifier: result.identifiers += spans
            case .protected, .allow: result.protected += spans
            }
        }
        return result
    }

    /// All non-overlapping matches of one rule, left to right; the spans are its mask groups
    /// (or the whole match when it has none).
    public func scan(_ compiled: CompiledRule, index: Int, in text: UnsafeBufferPointer<UInt8>, into spans: inout [Finding])
        throws(DocumentError)
    {
        var offset = 0
        let count = text.count
        while offset <= count {
            let found: Bool
            do {
                found = try matcher.firstMatch(compiled.pattern, in: text, from: offset)
            } catch {
                if error.isMatchLimit || error.isDepthLimit {
                    throw .limitReached(ruleID: compiled.rule.id, message: error.message)
                }
                throw .matchFailed(ruleID: compiled.rule.id, message: error.message)
            }
            guard found, let whole = matcher.range(ofGroup: 0) else { break }
            if compiled.maskGroups.isEmpty {
                if !whole.isEmpty { spans.append(Finding(start: whole.lowerBound, end: whole.upperBound, rule: index)) }
            } else {
                for group in compiled.maskGroups {
                    if let range = matcher.range(ofGroup: group), !range.isEmpty {
                        spans.append(Finding(start: range.lowerBound, end: range.upperBound, rule: index))
                    }
                }
            }
            if whole.upperBound > whole.lowerBound {
                offset = whole.upperBound
            } else {
                // Empty match: step over one whole UTF-8 character.
                offset = whole.upperBound + 1
                while offset < count && text[offset] & 0xC0 == 0x80 { offset += 1 }
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
