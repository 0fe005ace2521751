import CPCRE2

/// Limits that keep a pathological pattern or input from hanging the tool.
public struct MatchLimits: Sendable, Hashable {
    /// `pcre2_set_match_limit`: backtracking steps per `pcre2_match` call (JIT and interpreter).
    public var matchLimit: UInt32
    /// `pcre2_set_depth_limit`: backtracking depth; only the interpreter uses it.
    public var depthLimit: UInt32
    /// Largest JIT stack in bytes (`pcre2_jit_stack_create`); the JIT's depth bound.
    public var jitStackBytes: Int

    public init(matchLimit: UInt32 = 5_000_000, depthLimit: UInt32 = 10_000, jitStackBytes: Int = 1 << 20) {
        self.matchLimit = matchLimit
        self.depthLimit = depthLimit
        self.jitStackBytes = jitStackBytes
    }

    public static let `default` = MatchLimits()
}

/// Per-thread matching state: match data, a match context with limits, and a bounded JIT stack.
/// Not thread-safe; create one per thread and reuse it for every document.
public final class Matcher {
    private let matchData: OpaquePointer
    private let context: OpaquePointer
    private let jitStack: OpaquePointer?
    private let ovector: UnsafeMutablePointer<Int>
    /// Number of capture pairs the match data holds.
    public let pairs: Int

    /// - Parameters:
    ///   - maxCaptureCount: the largest `captureCount` of the patterns this matcher will run.
    ///   - limits: match limit, depth limit and JIT stack size.
    public init(maxCaptureCount: Int, limits: MatchLimits = .default) {
        pairs = maxCaptureCount + 1
        matchData = pcre2_match_data_create_8(UInt32(pairs), nil)
        ovector = pcre2_get_ovector_pointer_8(matchData)
        context = pcre2_match_context_create_8(nil)
        pcre2_set_match_limit_8(context, limits.matchLimit)
        pcre2_set_depth_limit_8(context, limits.depthLimit)
        jitStack = pcre2_jit_stack_create_8(32 * 1024, max(32 * 1024, limits.jitStackBytes), nil)
        if let jitStack { pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack)) }
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        pcre2_match_context_free_8(context)
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
    }

    /// Looks for the first match of `pattern` in `subject` at or after byte `offset`
    /// (`pcre2_jit_match`, or `pcre2_match` where the pattern has no JIT code).
    ///
    /// The subject must already be valid UTF-8 (see `UTF8Validation`); it is not checked again.
    /// - Returns: `true` when a match was found; read it with `range(ofGroup:)`.
    /// - Throws: `PCRE2Error` when a limit is reached or PCRE2 fails.
    /// - Complexity: bounded by the match limit per call.
    @inline(__always)
    public func firstMatch(_ pattern: CompiledPattern, in subject: UnsafeBufferPointer<UInt8>, from offset: Int)
        throws(PCRE2Error) -> Bool
    {
        let base = subject.baseAddress ?? UnsafePointer(bitPattern: 1)!
        let result: Int32
        if pattern.isJIT {
            result = pcre2_jit_match_8(pattern.code, base, subject.count, offset, 0, matchData, context)
        } else {
            result = pcre2_match_8(
                pattern.code, base, subject.count, offset, UInt32(PCRE2_NO_UTF_CHECK), matchData, context)
        }
        if result >= 0 { return true }
        if result == PCRE2_ERROR_NOMATCH || result == PCRE2_ERROR_PARTIAL { return false }
        throw PCRE2Error(code: result)
    }

    /// The byte range of capture group `group` of the last match (0 is the whole match),
    /// or `nil` when the group did not take part.
    @inline(__always)
    public func range(ofGroup group: Int) -> Range<Int>? {
        guard group < pairs else { return nil }
        let start = ovector[2 * group]
        let end = ovector[2 * group + 1]
        if start == cpcre2_unset() || end < start { return nil }
        return start..<end
    }

    /// The `(*MARK:NAME)` that the last match passed, if any (`pcre2_get_mark`).
    public var mark: String? {
        guard let pointer = cpcre2_get_mark(matchData) else { return nil }
        return String(cString: pointer)
    }
}
