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
    ///
    /// A lone CR (old Mac line ends, or a letter whose line ends were mixed by copying) ends a
    /// line as LF and CRLF do: the rules and the parse see it as LF, in a copy of the same length,
    /// so offsets are unchanged and the output keeps the CR byte for byte.
    /// - Parameter known: identifiers the user holds for this document (`--known`).
    /// - Throws: `DocumentError` when the document cannot be scanned in full (fail closed).
    public func analyze(_ text: UnsafeBufferPointer<UInt8>, known: [KnownIdentifier] = []) throws(DocumentError)
        -> Resolver.Resolution
    {
        try Detector.validate(text)
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
        let resolution = try analyze(text, known: known)
        let spans = resolution.identifiers
        let structure = lastStructure ?? (policy.usesStore ? parser.parse(text) : nil)
        let replacements = try transformer.replacements(for: spans, in: text, structure: structure)
        let (output, substitutions) = Redactor.apply(spans, to: text, replacements: replacements)
        return Result(output: output, substitutions: substitutions, analysis: resolution)
    }

    /// Convenience for tests and small inputs.
    public func redact(_ text: [UInt8]) throws(DocumentError) -> Result {
        let result: Swift.Result<Result, DocumentError> = text.withUnsafeBufferPointer { buffer in
            do throws(DocumentError) { return .success(try redact(buffer)) } catch { return .failure(error) }
        }
        return try result.get()
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
