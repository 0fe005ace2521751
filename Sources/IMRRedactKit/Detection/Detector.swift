/// Runs a rule set over one document: identifier findings and protected clinical spans.
///
/// One `Detector` per thread: it owns the PCRE2 match data and JIT stack it reuses for every
/// document. Detection never writes output.
public final class Detector {
    public let ruleSet: RuleSet
    /// The rule set's rules, as objects of this detector's own (see `CompiledRule`).
    private let rules: [CompiledRule]
    private let matcher: Matcher
    private var hits: [[Int]] = []
    private var windows: [Range<Int>] = []
    private var occurrences: [Range<Int>] = []
    private var groupHits = MemberHits()
    /// How the document being scanned is written (`prepare`). In a note written in capitals a
    /// capital says nothing of names, and a name or organisation grown left from an anchor needs
    /// a word of a name list that is no ordinary word (`WEAN IABP W GOAL DC.` is no clinician,
    /// `CONTINUE AIRWAY MANAGEMENT` no company). The engine hands it on to the word list.
    private(set) var letterCase: LetterCase?
    /// Times of the keyword pass and the regex stages, when measured (`RedactionEngine.measureStages`).
    public var times: StageTimes?

    /// Bytes of context kept on each side of a keyword occurrence (then widened to whole lines).
    public static let keywordWindow = 160
    /// How far past its window a windowed rule's match may run.
    public static let windowReach = 256

    public init(ruleSet: RuleSet, limits: MatchLimits = .default) {
        self.ruleSet = ruleSet
        self.rules = ruleSet.rules.map { $0.copy() }
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

    /// Runs every rule over `text` (which must have passed `validate`): the rules without
    /// keywords in one combined pass per group, the others in windows around their keywords.
    /// - Throws: `DocumentError.limitReached` naming the rule when a PCRE2 limit is hit.
    /// - Complexity: one keyword pass, one PCRE2 pass per rule group, and one windowed scan per
    ///   rule whose keywords occur.
    public func findings(in text: UnsafeBufferPointer<UInt8>) throws(DocumentError) -> RawFindings {
        var spans: [Finding] = []
        var mark = times == nil ? 0 : StageTimes.now()
        prepare(text)
        times?.lap(.keywords, &mark)
        for group in ruleSet.groups { try run(group, in: text, into: &spans) }
        times?.lap(.combinedScan, &mark)
        for index in ruleSet.windowedRules { try run(ruleAt: index, in: text, into: &spans) }
        times?.lap(.windowedRules, &mark)
        var result = RawFindings()
        for span in spans {
            switch rules[span.rule].rule.target {
            case .identifier: result.identifiers.append(span)
            case .protected, .allow: result.protected.append(span)
            }
        }
        return result
    }

    /// Runs a group of rules in one combined pass over the whole of `text`.
    public func run(_ group: RuleGroup, in text: UnsafeBufferPointer<UInt8>, into spans: inout [Finding])
        throws(DocumentError)
    {
        groupHits.removeAll()
        do {
            try matcher.scanAll(group.combined, in: text, range: 0..<text.count, into: &groupHits)
        } catch {
            try blame(group, in: text, error: error)
        }
        for hit in groupHits.hits {
            let index = group.ruleIndices[hit.member]
            emit(rules[index], index: index, whole: hit.start..<hit.end, in: text, into: &spans) {
                groupHits.range(ofGroup: $0, in: hit)
            }
        }
    }

    /// A combined pass failed: names the member rule PCRE2 was trying when the limit stopped it,
    /// and the byte where that attempt started (the failing segment is scanned again with a
    /// callout at each member's entry, `Matcher.locateFailure`). PCRE2's match limit counts per
    /// start position, so this is the rule that ran the count out there: the culprit when one
    /// rule backtracks, the last rule tried when several add up (the message then says how many
    /// rules share the pass). Should the error not come again, the member that fails on its own
    /// is named, else every rule of the group.
    private func blame(_ group: RuleGroup, in text: UnsafeBufferPointer<UInt8>, error: PCRE2Error) throws(DocumentError)
        -> Never
    {
        if let segment = matcher.failedSegment, let tracing = try? group.combined.tracingPattern(),
            let found = matcher.locateFailure(group.combined, tracing: tracing, in: text, segment: segment)
        {
            let id = rules[group.ruleIndices[found.member]].rule.id
            let shared = group.ruleIndices.count > 1 ? ", in a combined pass of \(group.ruleIndices.count) rules" : ""
            let message = "\(found.error.message) at byte \(found.position)\(shared)"
            if found.error.isMatchLimit || found.error.isDepthLimit { throw .limitReached(ruleID: id, message: message) }
            throw .matchFailed(ruleID: id, message: message)
        }
        var scratch: [Finding] = []
        for index in group.ruleIndices { try scan(rules[index], index: index, in: text, into: &scratch) }
        let ids = group.ruleIndices.map { rules[$0].rule.id }.joined(separator: ",")
        if error.isMatchLimit || error.isDepthLimit { throw .limitReached(ruleID: ids, message: error.message) }
        throw .matchFailed(ruleID: ids, message: error.message)
    }

    /// Finds the keyword occurrences of `text`; call before `run(ruleAt:in:into:)`.
    public func prepare(_ text: UnsafeBufferPointer<UInt8>) {
        ruleSet.keywordIndex.scan(text, into: &hits)
        letterCase = LetterCase(text)
    }

    /// Runs one rule over `text` (after `prepare`): everywhere, or in its keyword windows.
    public func run(ruleAt index: Int, in text: UnsafeBufferPointer<UInt8>, into spans: inout [Finding]) throws(DocumentError) {
        let compiled = rules[index]
        if compiled.keywordIDs.isEmpty {
            try scan(compiled, index: index, in: text, into: &spans)
        } else {
            keywordWindows(for: compiled, in: text)
            for window in windows { try scan(compiled, index: index, in: text, window: window, into: &spans) }
        }
    }

    /// The windows of `text` where a rule with keywords runs: around each occurrence of one of its
    /// keywords, `keywordWindow` bytes each side widened to whole lines, merged.
    private func keywordWindows(for compiled: CompiledRule, in text: UnsafeBufferPointer<UInt8>) {
        windows.removeAll(keepingCapacity: true)
        let count = text.count
        occurrences.removeAll(keepingCapacity: true)
        let keywords = ruleSet.keywordIndex.keywords
        for (slot, id) in compiled.keywordIDs.enumerated() {
            let length = keywords[id].count
            if compiled.rule.keywordsMatchCase {
                let spelling = compiled.keywordSpellings[slot]
                for start in hits[id] where start + length <= text.count
                    && memcmp(text.baseAddress! + start, spelling, length) == 0
                {
                    occurrences.append(start..<(start + length))
                }
            } else {
                for start in hits[id] { occurrences.append(start..<(start + length)) }
            }
        }
        guard !occurrences.isEmpty else { return }
        occurrences.sort { $0.lowerBound < $1.lowerBound }
        let reach = compiled.rule.window ?? Self.keywordWindow
        let wholeLines = compiled.rule.window == nil
        for hit in occurrences {
            var low = max(0, hit.lowerBound - reach)
            var high = min(count, hit.upperBound + reach)
            if let last = windows.last, low <= last.upperBound {
                windows[windows.count - 1] = last.lowerBound..<max(last.upperBound, high)
                continue
            }
            if !wholeLines {
                // Keep the window on character boundaries.
                while low > 0 && text[low] & 0xC0 == 0x80 { low -= 1 }
                while high < count && text[high] & 0xC0 == 0x80 { high += 1 }
                windows.append(low..<high)
                continue
            }
            // Widen to line boundaries, at most `reach` more bytes each way.
            let lowLimit = max(0, low - reach)
            while low > lowLimit && text[low - 1] != 0x0A { low -= 1 }
            let highLimit = min(count, high + reach)
            while high < highLimit && text[high] != 0x0A { high += 1 }
            if let last = windows.last, low <= last.upperBound {
                windows[windows.count - 1] = last.lowerBound..<max(last.upperBound, high)
            } else {
                windows.append(low..<high)
            }
        }
    }

    /// All non-overlapping matches of one rule, left to right; the spans are its mask groups
    /// (or the whole match when it has none). With `window`, the rule sees the text up to the
    /// window's end and starts matching at its start (look-behinds still see what precedes it).
    public func scan(
        _ compiled: CompiledRule, index: Int, in text: UnsafeBufferPointer<UInt8>, window: Range<Int>? = nil,
        into spans: inout [Finding]
    ) throws(DocumentError) {
        // A match must start in the window; it may end past it, within `Self.windowReach`.
        let subject = window.map { UnsafeBufferPointer(rebasing: text[0..<min(text.count, $0.upperBound + Self.windowReach)]) } ?? text
        var offset = window?.lowerBound ?? 0
        let count = subject.count
        let lastStart = window?.upperBound ?? count
        while offset <= lastStart {
            let found: Bool
            do {
                found = try matcher.firstMatch(
                    compiled.pattern, in: subject, from: offset,
                    startLimit: window != nil && !compiled.keywordIDs.isEmpty ? max(offset, lastStart - 1) : nil)
            } catch {
                // The attempt that failed started at `offset` or after (in the window, if any).
                let message = "\(error.message) in a search from byte \(offset)"
                if error.isMatchLimit || error.isDepthLimit {
                    throw .limitReached(ruleID: compiled.rule.id, message: message)
                }
                throw .matchFailed(ruleID: compiled.rule.id, message: message)
            }
            guard found, let whole = matcher.range(ofGroup: 0), window == nil || whole.lowerBound < lastStart else { break }
            emit(compiled, index: index, whole: whole, in: text, into: &spans) { matcher.range(ofGroup: $0) }
            if whole.upperBound > whole.lowerBound {
                offset = whole.upperBound
            } else {
                // Empty match: step over one whole UTF-8 character.
                offset = whole.upperBound + 1
                while offset < count && subject[offset] & 0xC0 == 0x80 { offset += 1 }
            }
        }
    }

    /// The findings of one match: the left extension of its anchor, its mask groups, or the
    /// whole match.
    @inline(__always)
    private func emit(
        _ compiled: CompiledRule, index: Int, whole: Range<Int>, in text: UnsafeBufferPointer<UInt8>,
        into spans: inout [Finding], group: (Int) -> Range<Int>?
    ) {
        let checked = compiled.rule.requiresNameWord
        if let kind = compiled.rule.extendLeft {
            let shouting = letterCase?.inCapitals ?? false
            if let span = LeftExtender.extend(kind, anchor: whole, in: text, lexicons: ruleSet.lexicons, inCapitals: shouting),
                !checked || NameOnlyWords.mayBeName(span, in: text),
                !shouting || LeftExtender.standsOutInCapitals(span: span, anchor: whole, in: text)
            {
                spans.append(Finding(start: span.lowerBound, end: span.upperBound, rule: index))
            }
        } else {
            // In a letter written in capitals a name does not run on over ordinary words.
            var trims = false
            if case .identifier(let category) = compiled.rule.target, category.isPersonName, letterCase?.inCapitals == true { trims = true }
            if compiled.maskGroups.isEmpty {
                if !whole.isEmpty, !checked || NameOnlyWords.mayBeName(whole, in: text) {
                    let range = trims ? Self.withoutOrdinaryTail(whole, in: text) : whole
                    spans.append(Finding(start: range.lowerBound, end: range.upperBound, rule: index))
                }
            } else {
                for number in compiled.maskGroups {
                    if var range = group(number), !range.isEmpty, !checked || NameOnlyWords.mayBeName(range, in: text) {
                        if trims { range = Self.withoutOrdinaryTail(range, in: text) }
                        spans.append(Finding(start: range.lowerBound, end: range.upperBound, rule: index))
                    }
                }
            }
        }
    }

    /// A name in a letter written in capitals less the words after its first that are ordinary
    /// and no name (`DR KLEIN WOULD BE`, `DR LAVELY NOTIFIED`, `DR WOODRUM UP`): there a capital
    /// does not mark a name, and the rules' name patterns run on over the words that follow.
    /// A word of a name list stays (`DR AMY ROSE`, `DR JOHN LONG`).
    static func withoutOrdinaryTail(_ range: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var words = Words.ranges(in: text, within: range)
        var trimmed = false
        while words.count > 1, let last = words.last {
            let classes = WordLexicon.shared.classes(text, last)
            let ordinary = classes.contains(.stopword) || (!classes.isDisjoint(with: .ordinary) && classes.isDisjoint(with: .name))
            guard ordinary, !last.contains(where: { text[$0] >= 0x61 && text[$0] <= 0x7A }) else { break }
            words.removeLast()
            trimmed = true
        }
        guard trimmed, let last = words.last else { return range }
        return range.lowerBound..<last.upperBound
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
