/// The pipeline for one document: validate → detect → resolve → transform.
/// One engine per thread (it owns a `Detector`).
public final class RedactionEngine {
    public let detector: Detector
    public let policy: RedactionPolicy

    public init(ruleSet: RuleSet, policy: RedactionPolicy = .placeholders, limits: MatchLimits = .default) {
        self.detector = Detector(ruleSet: ruleSet, limits: limits)
        self.policy = policy
    }

    /// The result of redacting one document.
    public struct Result: Sendable {
        public var output: [UInt8]
        public var substitutions: [Substitution]
        public var protected: [ProtectedSpan]
    }

    /// Finds the identifier and protected spans of `text` without transforming it.
    /// - Throws: `DocumentError` when the document cannot be scanned in full (fail closed).
    public func analyze(_ text: UnsafeBufferPointer<UInt8>) throws(DocumentError) -> Resolver.Resolution {
        try Detector.validate(text)
        let raw = try detector.findings(in: text)
        return Resolver.resolve(raw, ruleSet: detector.ruleSet)
    }

    /// Redacts one document.
    /// - Throws: `DocumentError`; the caller must then not write the document.
    public func redact(_ text: UnsafeBufferPointer<UInt8>) throws(DocumentError) -> Result {
        let resolution = try analyze(text)
        let (output, substitutions) = Redactor.apply(resolution.identifiers, to: text, policy: policy)
        return Result(output: output, substitutions: substitutions, protected: resolution.protected)
    }

    /// Convenience for tests and small inputs.
    public func redact(_ text: [UInt8]) throws(DocumentError) -> Result {
        let result: Swift.Result<Result, DocumentError> = text.withUnsafeBufferPointer { buffer in
            do throws(DocumentError) { return .success(try redact(buffer)) } catch { return .failure(error) }
        }
        return try result.get()
    }
}
