import CPCRE2

/// Several patterns compiled into one, so that one JIT pass over a text finds every match of
/// every member, with the member that made it.
///
/// Member `k` becomes the alternative `(?>MEMBER)(?C k+1)`: an atomic group, so a member yields at
/// most one match per start position (the match it would give on its own), then a callout. The
/// callout records the match and returns "fail", so PCRE2 goes on to the next alternative at the
/// same position and then to the next start position. A single `pcre2_jit_match` thus reports all
/// members' matches at every position, as one pass per member would, and PCRE2's start-of-match
/// optimisation (the start bitmap of the whole alternation) skips the positions where no member
/// can begin. Per-member options become inline option groups, `(?i:...)`, `(?x:...\n)`.
public final class CombinedPattern: @unchecked Sendable {
    /// One pattern to combine, with the options it would be compiled with on its own.
    public struct Member: Sendable {
        public var source: String
        public var options: CompileOptions
        /// Capture groups of the member compiled alone (its groups keep their order here).
        public var captureCount: Int

        public init(source: String, options: CompileOptions, captureCount: Int) {
            self.source = source
            self.options = options
            self.captureCount = captureCount
        }
    }

    /// Most members one combined pattern can hold: callout numbers are 1...255.
    public static let maxMembers = 255

    public let pattern: CompiledPattern
    /// For each member, the number of capture groups before its own in the combined pattern:
    /// member group `g` is combined group `captureOffsets[k] + g`.
    public let captureOffsets: [Int]
    /// Capture groups of each member.
    public let captureCounts: [Int]
    public var memberCount: Int { captureCounts.count }
    /// The members as given.
    public let members: [Member]

    /// - Throws: `PatternCompileError` when the combination does not compile (for example when it
    ///   exceeds PCRE2's compiled-size limit); the members compile on their own.
    public init(_ members: [Member]) throws(PatternCompileError) {
        precondition(!members.isEmpty && members.count <= Self.maxMembers, "1...255 members")
        var offsets: [Int] = []
        var total = 0
        var parts: [String] = []
        for (index, member) in members.enumerated() {
            offsets.append(total)
            total += member.captureCount
            parts.append("(?>\(Self.inline(member)))(?C\(index + 1))")
        }
        self.pattern = try CompiledPattern("(?:" + parts.joined(separator: "|") + ")", options: .duplicateNames)
        self.captureOffsets = offsets
        self.captureCounts = members.map(\.captureCount)
        self.members = members
    }

    /// The same alternation with a string callout `(?C"k")` before each member, so that a scan
    /// can tell which member PCRE2 was trying, and where, when a limit stopped it
    /// (`Matcher.locateFailure`). Compiled only after a failure: the callouts cost a call per
    /// member at every position tried.
    public func tracingPattern() throws(PatternCompileError) -> CompiledPattern {
        var parts: [String] = []
        for (index, member) in members.enumerated() {
            parts.append("(?C\"\(index)\")(?>\(Self.inline(member)))(?C\(index + 1))")
        }
        return try CompiledPattern("(?:" + parts.joined(separator: "|") + ")", options: .duplicateNames)
    }

    /// The member's regex wrapped in an inline option group for its flags.
    static func inline(_ member: Member) -> String {
        var letters = ""
        if member.options.contains(.caseless) { letters += "i" }
        if member.options.contains(.multiline) { letters += "m" }
        if member.options.contains(.dotAll) { letters += "s" }
        if member.options.contains(.extended) { letters += "x" }
        // A newline ends a trailing `#` comment of an extended pattern before the group closes.
        let tail = member.options.contains(.extended) ? "\n" : ""
        return "(?\(letters):\(member.source)\(tail))"
    }
}
