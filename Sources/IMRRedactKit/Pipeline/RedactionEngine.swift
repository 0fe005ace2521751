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
    }

    /// Finds the identifier and protected spans of `text` without transforming it.
    /// - Parameter known: identifiers the user holds for this document (`--known`).
    /// - Throws: `DocumentError` when the document cannot be scanned in full (fail closed).
    public func analyze(_ text: UnsafeBufferPointer<UInt8>, known: [KnownIdentifier] = []) throws(DocumentError)
        -> Resolver.Resolution
    {
        try Detector.validate(text)
        lastStructure = nil
        var raw = try detector.findings(in: text)
        let ruleSet = detector.ruleSet
        guard usesStructure || !known.isEmpty else { return Resolver.resolve(raw, ruleSet: ruleSet) }
        if usesStructure {
            // Detection needs only the header fields, addressee and copy lists (the transformer
            // reads the claim number and patient from the same fields).
            let structure = parser.parse(text, depth: .detection)
            lastStructure = structure
            StructureFindings.findings(structure, in: text, ruleSet: ruleSet, into: &raw.identifiers)
            LexiconNames.findings(in: text, ruleSet: ruleSet, into: &raw.identifiers)
        }
        var resolution = Resolver.resolve(raw, ruleSet: ruleSet)
        var propagated: [Finding] = []
        Propagator.findings(
            from: usesStructure ? resolution.identifiers : [], known: known, in: text, ruleSet: ruleSet, into: &propagated)
        if !propagated.isEmpty {
            raw.identifiers += propagated
            resolution = Resolver.resolve(raw, ruleSet: ruleSet)
        }
        let recategorised = Propagator.recategorised(resolution.identifiers, in: text)
        let completed = NameCompletion.completed(recategorised, in: text, lexicons: ruleSet.lexicons)
        resolution.identifiers = Resolver.joiningNames(completed, in: text)
        return resolution
    }

    /// Redacts one document.
    /// - Throws: `DocumentError`; the caller must then not write the document.
    public func redact(_ text: UnsafeBufferPointer<UInt8>, known: [KnownIdentifier] = []) throws(DocumentError) -> Result {
        var resolution = try analyze(text, known: known)
        resolution.identifiers = Self.outsidePlaceholders(resolution.identifiers, in: text)
        let spans = resolution.identifiers
        let structure = lastStructure ?? (policy.usesStore ? parser.parse(text) : nil)
        let replacements = try transformer.replacements(for: spans, in: text, structure: structure)
        let (output, substitutions) = Redactor.apply(spans, to: text, replacements: replacements)
        return Result(output: output, substitutions: substitutions, analysis: resolution)
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
