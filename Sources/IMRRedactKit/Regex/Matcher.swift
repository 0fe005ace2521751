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
    /// - Parameter startLimit: with a pattern compiled with `.offsetLimit`, the match must start
    ///   at or before this offset (`pcre2_set_offset_limit`), so that a search for a match that
    ///   starts in a window stops at its end.
    @inline(__always)
    public func firstMatch(
        _ pattern: CompiledPattern, in subject: UnsafeBufferPointer<UInt8>, from offset: Int, startLimit: Int? = nil
    ) throws(PCRE2Error) -> Bool {
        let base = subject.baseAddress ?? UnsafePointer(bitPattern: 1)!
        if let startLimit {
            pcre2_set_offset_limit_8(context, startLimit)
        }
        defer { if startLimit != nil { pcre2_set_offset_limit_8(context, cpcre2_unset()) } }
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

    /// Bytes a combined scan covers per `pcre2_jit_match` call; the match limit applies per call.
    public static let segmentBytes = 64 * 1024
    /// Bytes of text a segment's call sees past its end, so that matches that start in the
    /// segment can end after it. A match that reaches the end of this view is found again
    /// with the whole text in view.
    public static let segmentOverlap = 4 * 1024

    /// Every match of every member of `combined` that starts in `range` of `text`, appended to
    /// `hits` in order of start (members in order at one start). Look-behinds see the text
    /// before `range`.
    ///
    /// The subject must already be valid UTF-8; it is not checked again.
    /// - Throws: `PCRE2Error` when a limit is reached or PCRE2 fails.
    /// - Complexity: one JIT pass over `range`, in segments of `segmentBytes`.
    public func scanAll(
        _ combined: CombinedPattern, in text: UnsafeBufferPointer<UInt8>, range: Range<Int>, into hits: inout MemberHits
    ) throws(PCRE2Error) {
        let state = CalloutState(offsets: combined.captureOffsets, counts: combined.captureCounts, hits: hits)
        defer { hits = state.hits }
        let data = Unmanaged.passUnretained(state).toOpaque()
        pcre2_set_callout_8(context, calloutTrampoline, data)
        defer { pcre2_set_callout_8(context, nil, nil) }
        let base = text.baseAddress ?? UnsafePointer(bitPattern: 1)!
        var start = range.lowerBound
        failedSegment = nil
        repeat {
            let segmentEnd = min(range.upperBound, start + Self.segmentBytes)
            var subjectEnd = min(text.count, segmentEnd + Self.segmentOverlap)
            let mark = state.hits.count
            while true {
                state.stopAt = segmentEnd
                state.furthestEnd = 0
                let result =
                    combined.pattern.isJIT
                    ? pcre2_jit_match_8(combined.pattern.code, base, subjectEnd, start, 0, matchData, context)
                    : pcre2_match_8(
                        combined.pattern.code, base, subjectEnd, start, UInt32(PCRE2_NO_UTF_CHECK), matchData, context)
                if result >= 0 || (result != PCRE2_ERROR_NOMATCH && result != PCRE2_ERROR_PARTIAL) {
                    state.hits.removeLast(from: mark)
                    failedSegment = start..<segmentEnd
                    throw PCRE2Error(code: result >= 0 ? PCRE2_ERROR_INTERNAL : result)
                }
                // A match that ends where the view ends may have been cut short: look again with
                // the whole text in view.
                guard state.furthestEnd >= subjectEnd, subjectEnd < text.count else { break }
                state.hits.removeLast(from: mark)
                subjectEnd = text.count
            }
            start = segmentEnd
        } while start < range.upperBound
    }

    /// The segment (match starts) whose scan failed in the last `scanAll` that threw, else `nil`.
    public private(set) var failedSegment: Range<Int>?

    /// After `scanAll` of `combined` failed on `segment`: scans the segment again with
    /// `tracing` (`combined.tracingPattern()`) and returns the member PCRE2 was trying, and the
    /// byte where that attempt started, when the error came again; `nil` when it did not.
    ///
    /// PCRE2 counts its match limit per start position, so the member named is the one that ran
    /// the count out there: the culprit when one member backtracks, the last member tried when
    /// several add up.
    public func locateFailure(
        _ combined: CombinedPattern, tracing: CompiledPattern, in text: UnsafeBufferPointer<UInt8>, segment: Range<Int>
    ) -> (member: Int, position: Int, error: PCRE2Error)? {
        let state = TraceState(stopAt: segment.upperBound)
        let data = Unmanaged.passUnretained(state).toOpaque()
        pcre2_set_callout_8(context, traceTrampoline, data)
        defer { pcre2_set_callout_8(context, nil, nil) }
        let base = text.baseAddress ?? UnsafePointer(bitPattern: 1)!
        // The view `scanAll` used first, then the whole text (its second look).
        for subjectEnd in [min(text.count, segment.upperBound + Self.segmentOverlap), text.count] {
            state.member = -1
            let result =
                tracing.isJIT
                ? pcre2_jit_match_8(tracing.code, base, subjectEnd, segment.lowerBound, 0, matchData, context)
                : pcre2_match_8(tracing.code, base, subjectEnd, segment.lowerBound, UInt32(PCRE2_NO_UTF_CHECK), matchData, context)
            if result < 0 && result != PCRE2_ERROR_NOMATCH && result != PCRE2_ERROR_PARTIAL {
                guard state.member >= 0, state.member < combined.memberCount else { return nil }
                return (state.member, state.position, PCRE2Error(code: result))
            }
        }
        return nil
    }

    /// The `(*MARK:NAME)` that the last match passed, if any (`pcre2_get_mark`).
    public var mark: String? {
        guard let pointer = cpcre2_get_mark(matchData) else { return nil }
        return String(cString: pointer)
    }
}

/// The matches a combined scan found: member, range, and the member's capture ranges.
public struct MemberHits: Sendable {
    public struct Hit: Sendable {
        public var member: Int
        public var start: Int
        public var end: Int
        /// Index in `captures` of this hit's first capture pair (member group 1).
        var capturesAt: Int
        var captureCount: Int
    }

    public private(set) var hits: [Hit] = []
    /// Start and end of each capture of each hit, flattened; -1 when the group did not take part.
    private var captures: [Int] = []

    public init() {}

    public var count: Int { hits.count }

    public mutating func removeAll() {
        hits.removeAll(keepingCapacity: true)
        captures.removeAll(keepingCapacity: true)
    }

    mutating func removeLast(from index: Int) {
        guard index < hits.count else { return }
        captures.removeSubrange(hits[index].capturesAt...)
        hits.removeSubrange(index...)
    }

    mutating func append(member: Int, start: Int, end: Int, groups: UnsafeMutablePointer<Int>?, top: Int, offset: Int, count: Int) {
        hits.append(Hit(member: member, start: start, end: end, capturesAt: captures.count, captureCount: count))
        for group in stride(from: 1, through: count, by: 1) {
            let combined = offset + group
            if let groups, combined < top, groups[2 * combined] != cpcre2_unset(), groups[2 * combined + 1] >= groups[2 * combined] {
                captures.append(groups[2 * combined])
                captures.append(groups[2 * combined + 1])
            } else {
                captures.append(-1)
                captures.append(-1)
            }
        }
    }

    /// The byte range of member capture group `group` (1-based) of hit `hit`, or `nil`.
    public func range(ofGroup group: Int, in hit: Hit) -> Range<Int>? {
        guard group >= 1, group <= hit.captureCount else { return nil }
        let at = hit.capturesAt + 2 * (group - 1)
        let start = captures[at]
        return start < 0 ? nil : start..<captures[at + 1]
    }
}

/// What the callout reaches through its data pointer during one `scanAll`.
private final class CalloutState {
    let offsets: [Int]
    let counts: [Int]
    var hits: MemberHits
    /// Matches starting here or later belong to the next segment: the callout stops the scan.
    var stopAt = 0
    var furthestEnd = 0
    init(offsets: [Int], counts: [Int], hits: MemberHits) {
        self.offsets = offsets
        self.counts = counts
        self.hits = hits
    }
}

/// Records one member's match and makes PCRE2 go on looking (a positive return fails the match
/// at this point and backtracks into the next alternative).
private let calloutTrampoline: @convention(c) (UnsafeMutablePointer<pcre2_callout_block_8>?, UnsafeMutableRawPointer?)
    -> Int32 = { block, data in
        guard let block, let data else { return PCRE2_ERROR_CALLOUT }
        let state = Unmanaged<CalloutState>.fromOpaque(data).takeUnretainedValue()
        let start = Int(block.pointee.start_match)
        if start >= state.stopAt { return PCRE2_ERROR_NOMATCH }
        let member = Int(block.pointee.callout_number) - 1
        let end = Int(block.pointee.current_position)
        state.hits.append(
            member: member, start: start, end: end, groups: block.pointee.offset_vector,
            top: Int(block.pointee.capture_top), offset: state.offsets[member], count: state.counts[member])
        if end > state.furthestEnd { state.furthestEnd = end }
        return 1
    }

/// What the tracing callouts of `locateFailure` record: the member entered last, and where its
/// attempt started.
private final class TraceState {
    let stopAt: Int
    var member = -1
    var position = 0
    init(stopAt: Int) { self.stopAt = stopAt }
}

/// A string callout `(?C"k")` enters member `k`; a numbered callout ends one (it fails, so that
/// PCRE2 goes on, as in `scanAll`, and stops the scan at the segment's end).
private let traceTrampoline: @convention(c) (UnsafeMutablePointer<pcre2_callout_block_8>?, UnsafeMutableRawPointer?)
    -> Int32 = { block, data in
        guard let block, let data else { return PCRE2_ERROR_CALLOUT }
        let state = Unmanaged<TraceState>.fromOpaque(data).takeUnretainedValue()
        let start = Int(block.pointee.start_match)
        if start >= state.stopAt { return PCRE2_ERROR_NOMATCH }
        if let string = block.pointee.callout_string {
            var member = 0
            for index in 0..<Int(block.pointee.callout_string_length) {
                member = member * 10 + Int(string[index]) - 0x30
            }
            state.member = member
            state.position = start
            return 0
        }
        return 1
    }
