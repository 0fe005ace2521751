#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The pipeline for one document: validate → detect (patterns, then the letter's structure)
/// → resolve → propagate → resolve → transform. One engine per thread (it owns a `Detector`
/// and a `LetterParser`).
public final class RedactionEngine {
    public let detector: Detector
    public let parser: LetterParser
    public let policy: RedactionPolicy
    /// Carries out the policy's actions (pseudonyms, surrogates and date shifts through its store).
    public let transformer: PolicyTransformer
    /// The parse of the last document analysed (date shifts follow its claim number and patient).
    public private(set) var lastStructure: LetterStructure?
    /// Use the letter's parse (header labels, addressee, cc list) and propagate every name and ID
    /// found to its other mentions. Off only to measure what the parse adds.
    public var usesStructure = true
    /// Stage times of the documents analysed and redacted since it was set (`nil`: not measured).
    /// The detector's keyword pass and regex stages are added by `takeTimes`.
    public var times: StageTimes?

    public init(
        ruleSet: RuleSet, policy: RedactionPolicy = .placeholders, limits: MatchLimits = .default, store: (any PseudonymStore)? = nil
    ) {
        self.detector = Detector(ruleSet: ruleSet, limits: limits)
        self.parser = LetterParser()
        self.policy = policy
        self.transformer = PolicyTransformer(policy: policy, store: store)
    }

    /// The result of redacting one document.
    public struct Result: Sendable {
        public var output: [UInt8]
        public var substitutions: [Substitution]
        /// What detection found in the original (`verify` reuses it rather than detecting again).
        public var analysis: Resolver.Resolution
        public var protected: [ProtectedSpan] { analysis.protected }
        /// Tokens left in the output that no safe lexicon knows (offsets in the original).
        public var residue: [ResidueToken] = []
    }

    /// Finds the identifier and protected spans of `text` without transforming it: the rules,
    /// the letter's structure, propagation and name completion, then the re-scan (`rescan`).
    ///
    /// A lone CR (old Mac line ends, or a letter whose line ends were mixed by copying) ends a
    /// line as LF and CRLF do: the rules and the parse see it as LF, in a copy of the same length,
    /// so offsets are unchanged and the output keeps the CR byte for byte.
    /// - Parameter known: identifiers the user holds for this document (`--known`).
    /// - Throws: `DocumentError` when the document cannot be scanned in full (fail closed).
    public func analyze(_ text: UnsafeBufferPointer<UInt8>, known: [KnownIdentifier] = []) throws(DocumentError)
        -> Resolver.Resolution
    {
        var resolution = try analyzeOnce(text, known: known)
        let structure = lastStructure
        // The re-scan's own analyses are counted as the re-scan, not as their stages.
        let saved = (times, detector.times)
        var mark = saved.0 == nil ? 0 : StageTimes.now()
        times = nil
        detector.times = nil
        defer {
            (times, detector.times) = saved
            times?.lap(.rescan, &mark)
        }
        try rescan(&resolution, in: text, known: known)
        lastStructure = structure
        return resolution
    }

    /// Starts measuring stage times (`times`), in the engine and its detector.
    public func measureStages() {
        times = StageTimes()
        detector.times = StageTimes()
    }

    /// The stage times measured since the last call (engine and detector), and starts again.
    public func takeTimes() -> StageTimes? {
        guard var taken = times else { return nil }
        if let detected = detector.times { taken.add(detected) }
        times = StageTimes()
        detector.times = StageTimes()
        return taken
    }

    /// Rounds of `rescan` at most.
    public static let rescanRounds = 3

    /// Where a span touches a letter or digit of the text around it (PDF-to-text glues columns
    /// and lines: `Attn: Joy Rivers3/29/2016`), the rules see other neighbours once it is
    /// replaced, and find what they could not before (`[PERSON]3/29/2016` is a date); where a
    /// span holds a line break or a column gap (two spaces, a tab), its replacement joins two
    /// lines or columns, and the next one becomes part of a labelled value; where text follows a
    /// span after a column gap on its line, that text moves to another column, and a layout read
    /// by columns reads otherwise (on the lines where the parse compared columns). So the
    /// letter with every span as its placeholder is analysed again, and what that finds in the
    /// text left between the placeholders is masked as well (outside the protected spans), until
    /// nothing new is found (at most `rescanRounds` rounds). A letter where none of this holds
    /// (`touchesText`) is not analysed again: it is redacted once, so every detector must read a
    /// placeholder as what it replaced (`NameOnlyWords.vetoedByContext`).
    ///
    /// (An earlier version analysed first only the lines around the placeholders, and the whole
    /// letter only when they yielded something. The fuzzer found a letter where that missed what
    /// the whole letter gives: `Staten 11-22-16` reads as a name once it is `Staten [DATE]`, and
    /// the line was not among those analysed. The whole letter is analysed again, as it was.)
    func rescan(_ resolution: inout Resolver.Resolution, in text: UnsafeBufferPointer<UInt8>, known: [KnownIdentifier])
        throws(DocumentError)
    {
        // The lines the first analysis's parse read by column (see `touchesText`).
        let columnLines = lastStructure?.columnLines ?? []
        for _ in 0..<Self.rescanRounds {
            let spans = resolution.identifiers
            guard Self.touchesText(spans, in: text, columnLines: columnLines) else { return }
            // The placeholder rendering, and for each stretch of it copied from the text, where.
            var rendered: [UInt8] = []
            rendered.reserveCapacity(text.count + spans.count * 8)
            var copied: [(rendered: Int, original: Range<Int>)] = []
            var cursor = 0
            for span in spans {
                if span.start > cursor { copied.append((rendered.count, cursor..<span.start)) }
                rendered.append(contentsOf: text[cursor..<span.start])
                rendered += Array("[\(span.category.rawValue)]".utf8)
                cursor = span.end
            }
            if text.count > cursor { copied.append((rendered.count, cursor..<text.count)) }
            rendered.append(contentsOf: text[cursor..<text.count])
            let guarded = Self.disjointUnion(resolution.protected)
            let outcome: Swift.Result<[IdentifierSpan], DocumentError> = rendered.withUnsafeBufferPointer { buffer in
                do throws(DocumentError) {
                    let found = Self.outsidePlaceholders(try analyzeOnce(buffer, known: known).identifiers, in: buffer)
                    return .success(Self.newSpans(found, copied: copied, guarded: guarded, in: text))
                } catch { return .failure(error) }
            }
            let added = try outcome.get()
            guard !added.isEmpty else { return }
            resolution.identifiers = (spans + added).sorted { $0.start < $1.start }
        }
    }

    /// The parts of each span found in the rendered letter that lie in text copied from the
    /// original (not in a placeholder), in the original's offsets, trimmed, outside `guarded`.
    static func newSpans(
        _ found: [IdentifierSpan], copied: [(rendered: Int, original: Range<Int>)], guarded: [Range<Int>],
        in text: UnsafeBufferPointer<UInt8>
    ) -> [IdentifierSpan] {
        var added: [IdentifierSpan] = []
        var stretch = 0
        for span in found {
            while stretch < copied.count && copied[stretch].rendered + copied[stretch].original.count <= span.start { stretch += 1 }
            var index = stretch
            while index < copied.count && copied[index].rendered < span.end {
                let (at, original) = copied[index]
                var start = original.lowerBound + max(0, span.start - at)
                var end = original.lowerBound + min(original.count, span.end - at)
                while start < end && Self.isBlankOrSeparator(text[start]) { start += 1 }
                while end > start && Self.isBlankOrSeparator(text[end - 1]) { end -= 1 }
                if start < end && (start..<end).contains(where: { KeywordIndex.isWordByte(text[$0]) })
                    && !Self.overlaps(start..<end, guarded)
                {
                    added.append(IdentifierSpan(start: start, end: end, category: span.category, ruleID: span.ruleID))
                }
                index += 1
            }
        }
        return added
    }

    /// Whether a span touches text: a letter, a digit or a symbol right before or after it that
    /// is not in a span (`sticks`), a line break or a column gap inside it, or more text after a
    /// column gap on its line when that line is one of `columnLines` (every line when `nil`).
    ///
    /// Text after a column gap moves to another column when the span before it is replaced, but
    /// the gap stays: the rules and the detectors read gaps, not columns, and so does the parse,
    /// but on the lines it reports (`LetterStructure.columnLines`). A letter is not read again
    /// for a span before a gap on any other line.
    static func touchesText(_ spans: [IdentifierSpan], in text: UnsafeBufferPointer<UInt8>, columnLines: [Range<Int>]? = nil) -> Bool {
        for (index, span) in spans.enumerated() {
            if let base = text.baseAddress, memchr(base + span.start, 0x0A, span.end - span.start) != nil {
                return true
            }
            // A column gap inside a span (two spaces or a tab) is gone once it is replaced.
            if span.end - span.start > 2, (span.start..<(span.end - 1)).contains(where: {
                text[$0] == 0x09 || (text[$0] == 0x20 && text[$0 + 1] == 0x20)
            }) {
                return true
            }
            // Text after a column gap on the span's line moves to another column once the span is
            // replaced, and a layout read by columns (a header's two-line label) may read otherwise.
            if span.end < text.count, text[span.end] == 0x20 || text[span.end] == 0x09,
                columnLines?.contains(where: { $0.contains(span.start) }) ?? true
            {
                var next = span.end
                while next < text.count && (text[next] == 0x20 || text[next] == 0x09) { next += 1 }
                let gap = next - span.end >= 2 || text[span.end] == 0x09
                if gap && next < text.count && text[next] != 0x0A && text[next] != 0x0D {
                    return true
                }
            }
            if span.start > 0, index == 0 || spans[index - 1].end < span.start, Self.sticks(text[span.start - 1], after: false) {
                return true
            }
            if span.end < text.count, index + 1 == spans.count || spans[index + 1].start > span.end,
                Self.sticks(text[span.end], after: true)
            {
                return true
            }
        }
        return false
    }

    /// Whether a byte right before (`after` false) or after a span lets the rules read the span
    /// with what follows or precedes it: a letter or digit, or a bracket or sign a rule may open
    /// (after the span) or close (before it) at, whose look-around then sees the span's edge
    /// (`Velasco(559) 555-0188`: the phone's look-behind saw a letter before its parenthesis,
    /// and sees `]` once the name is `[PERSON]`). Other punctuation separates (`[AGE]-year-old`).
    @inline(__always)
    static func sticks(_ byte: UInt8, after: Bool) -> Bool {
        if KeywordIndex.isWordByte(byte) { return true }
        switch byte {
        case UInt8(ascii: "@"): return true
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "+"), UInt8(ascii: "#"): return after
        case UInt8(ascii: ")"), UInt8(ascii: "]"): return !after
        default: return false
        }
    }

    @inline(__always)
    static func isBlankOrSeparator(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C || byte == UInt8(ascii: ",")
            || byte == UInt8(ascii: ";") || byte == UInt8(ascii: ":")
    }

    /// The protected spans as sorted, disjoint ranges.
    static func disjointUnion(_ spans: [ProtectedSpan]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        for span in spans.sorted(by: { $0.start < $1.start }) {
            if let last = result.last, span.start <= last.upperBound {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, span.end)
            } else {
                result.append(span.start..<span.end)
            }
        }
        return result
    }

    /// Whether `range` overlaps one of `sorted` (disjoint, in order).
    static func overlaps(_ range: Range<Int>, _ sorted: [Range<Int>]) -> Bool {
        var low = 0
        var high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid].upperBound <= range.lowerBound { low = mid + 1 } else { high = mid }
        }
        return low < sorted.count && sorted[low].lowerBound < range.upperBound
    }

    /// One analysis: rules, structure, propagation, name completion.
    func analyzeOnce(_ text: UnsafeBufferPointer<UInt8>, known: [KnownIdentifier]) throws(DocumentError)
        -> Resolver.Resolution
    {
        var mark = times == nil ? 0 : StageTimes.now()
        try Detector.validate(text)
        times?.lap(.validate, &mark)
        guard let lineFeeds = Self.loneCarriageReturnsAsLineFeeds(text) else { return try analyzeValid(text, known: known) }
        let result: Swift.Result<Resolver.Resolution, DocumentError> = lineFeeds.withUnsafeBufferPointer { buffer in
            do throws(DocumentError) { return .success(try analyzeValid(buffer, known: known)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// A copy of `text` with every CR that is not followed by LF made LF, or `nil` when there is
    /// none (LF and CRLF letters are not copied).
    /// - Complexity: O(n).
    static func loneCarriageReturnsAsLineFeeds(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard let base = text.baseAddress else { return nil }
        var copy: [UInt8]?
        var offset = 0
        while offset < text.count, let hit = memchr(base + offset, 0x0D, text.count - offset) {
            let at = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
            if at + 1 == text.count || text[at + 1] != 0x0A {
                if copy == nil { copy = Array(text) }
                copy![at] = 0x0A
            }
            offset = at + 1
        }
        return copy
    }

    private func analyzeValid(_ text: UnsafeBufferPointer<UInt8>, known: [KnownIdentifier]) throws(DocumentError)
        -> Resolver.Resolution
    {
        lastStructure = nil
        var raw = try detector.findings(in: text)
        var mark = times == nil ? 0 : StageTimes.now()
        let ruleSet = detector.ruleSet
        guard usesStructure || !known.isEmpty else {
            defer { times?.lap(.resolve, &mark) }
            return Resolver.resolve(raw, ruleSet: ruleSet)
        }
        var runningLines: [RunningLines.Group] = []
        if usesStructure {
            // Detection needs only the header fields, addressee, copy lists and running lines (the
            // transformer reads the claim number and patient from the same fields).
            let structure = parser.parse(text, depth: .detection)
            lastStructure = structure
            runningLines = structure.runningLines
            times?.lap(.parse, &mark)
            RunningLines.findings(runningLines, in: text, ruleSet: ruleSet, into: &raw.identifiers)
            StructureFindings.findings(structure, in: text, ruleSet: ruleSet, into: &raw.identifiers)
            LexiconNames.findings(in: text, ruleSet: ruleSet, into: &raw.identifiers)
            // The word-by-word detectors share one tokenisation of the letter.
            let words = WordList(text, letterCase: detector.letterCase)
            NameOnlyWords.findings(in: text, ruleSet: ruleSet, inCapitals: words.inCapitals, into: &raw.identifiers)
            PlaceNames.findings(in: text, words: words, ruleSet: ruleSet, into: &raw.identifiers)
            PlaceNames.facilities(in: text, words: words, ruleSet: ruleSet, into: &raw.identifiers)
            PlaceNames.hospitals(in: text, words: words, ruleSet: ruleSet, into: &raw.identifiers)
            CueNames.findings(in: text, words: words, ruleSet: ruleSet, into: &raw.identifiers)
            CueNames.namesBefore(in: text, words: words, ruleSet: ruleSet, into: &raw.identifiers)
            CueNames.initialledAndParenthesised(in: text, words: words, ruleSet: ruleSet, into: &raw.identifiers)
            times?.lap(.words, &mark)
        }
        var resolution = Resolver.resolve(raw, ruleSet: ruleSet)
        times?.lap(.resolve, &mark)
        var propagated: [Finding] = []
        Propagator.findings(
            from: usesStructure ? resolution.identifiers : [], known: known, in: text, ruleSet: ruleSet,
            inCapitals: detector.letterCase?.inCapitals ?? false, into: &propagated)
        times?.lap(.propagate, &mark)
        if !propagated.isEmpty {
            raw.identifiers += propagated
            resolution = Resolver.resolve(raw, ruleSet: ruleSet)
            times?.lap(.resolve, &mark)
        }
        let recategorised = Propagator.recategorised(resolution.identifiers, in: text)
        let completed = NameCompletion.completed(recategorised, in: text, lexicons: ruleSet.lexicons)
        let unified = RunningLines.unified(completed, groups: runningLines, guarded: resolution.guarded, in: text)
        resolution.identifiers = Resolver.joiningNames(unified, in: text)
        times?.lap(.complete, &mark)
        return resolution
    }

    /// Redacts one document.
    /// - Throws: `DocumentError`; the caller must then not write the document.
    public func redact(_ text: UnsafeBufferPointer<UInt8>, known: [KnownIdentifier] = []) throws(DocumentError) -> Result {
        var resolution = try analyze(text, known: known)
        var mark = times == nil ? 0 : StageTimes.now()
        resolution.identifiers = Self.outsidePlaceholders(resolution.identifiers, in: text)
        let spans = resolution.identifiers
        let structure = lastStructure ?? (policy.usesStore ? parser.parse(text) : nil)
        let replacements = try transformer.replacements(for: spans, in: text, structure: structure)
        let (output, substitutions) = Redactor.apply(spans, to: text, replacements: replacements)
        times?.lap(.transform, &mark)
        let residue = Residue.tokens(in: text, identifiers: spans, guarded: resolution.guarded)
        times?.lap(.residue, &mark)
        return Result(output: output, substitutions: substitutions, analysis: resolution, residue: residue)
    }

    /// `spans` less those made of nothing but the tool's placeholders (with the spaces and
    /// punctuation between them): that text is already redacted, and is left as it is, so that
    /// redacting a redacted letter changes nothing (`Claims Administrator: [ORG], [PERSON]` is not
    /// one organisation the second time). `analyze` still reports them (`check` counts them).
    /// - Complexity: O(n) when the text holds a `[`, else O(1) after one `memchr`.
    static func outsidePlaceholders(_ spans: [IdentifierSpan], in text: UnsafeBufferPointer<UInt8>) -> [IdentifierSpan] {
        guard !spans.isEmpty, let base = text.baseAddress, memchr(base, Int32(UInt8(ascii: "[")), text.count) != nil else {
            return spans
        }
        let placeholders = Placeholders.ranges(in: text)
        guard !placeholders.isEmpty else { return spans }
        return spans.filter { span in
            // The first placeholder that ends after the span starts: it must start before the span ends.
            var low = 0
            var high = placeholders.count
            while low < high {
                let mid = (low + high) / 2
                if placeholders[mid].upperBound <= span.start { low = mid + 1 } else { high = mid }
            }
            guard low < placeholders.count, placeholders[low].lowerBound < span.end else { return true }
            return !Placeholders.covers(span.start..<span.end, in: text, placeholders: placeholders)
        }
    }

    /// Convenience for tests and small inputs.
    public func redact(_ text: [UInt8]) throws(DocumentError) -> Result {
        let result: Swift.Result<Result, DocumentError> = text.withUnsafeBufferPointer { buffer in
            do throws(DocumentError) { return .success(try redact(buffer)) } catch { return .failure(error) }
        }
        return try result.get()
    }
}
