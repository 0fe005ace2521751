/// An exclude pattern (`--exclude`, `exclude = [...]` in `.imr-redact.toml`), matched against
/// paths relative to the repository root with `/` between folders, in the manner of `.gitignore`:
///
/// - `*` matches any run of characters but `/`, `?` one character but `/`, `[abc]`, `[a-z]`
///   and `[!abc]` one character of (or not of) a set;
/// - `**` as a whole segment matches any number of folders (`fixtures/**/raw`, `**/*.json`);
/// - a pattern without `/` matches a file or folder name at any depth (`*.pdf.txt`, `legacy`);
/// - a pattern with `/` is anchored at the root (a leading `/` is allowed and ignored);
/// - a pattern that matches a folder matches everything inside it; a trailing `/` makes the
///   pattern match folders only.
public struct Glob: Sendable, Hashable, CustomStringConvertible {
    public let pattern: String
    private let segments: [Substring]
    private let anchored: Bool
    private let directoryOnly: Bool

    /// - Throws: `CheckError.usage` for an empty pattern or an unclosed `[`.
    public init(_ pattern: String) throws(CheckError) {
        self.pattern = pattern
        var body = Substring(pattern)
        if body.hasPrefix("./") { body = body.dropFirst(2) }
        directoryOnly = body.hasSuffix("/")
        while body.hasSuffix("/") { body = body.dropLast() }
        if body.hasPrefix("/") { body = body.dropFirst() }
        anchored = body.contains("/") || pattern.hasPrefix("/")
        segments = body.split(separator: "/", omittingEmptySubsequences: true)
        guard !segments.isEmpty else { throw .usage("exclude pattern '\(pattern)' is empty") }
        for segment in segments where !Self.classesAreClosed(segment) {
            throw .usage("exclude pattern '\(pattern)' has an unclosed '['")
        }
    }

    public var description: String { pattern }

    /// Whether the pattern excludes the file at `path` (relative, `/`-separated).
    public func matches(_ path: String) -> Bool {
        let components = path.split(separator: "/", omittingEmptySubsequences: true)
        // The file itself (unless the pattern names folders only), then each folder holding it.
        let longest = directoryOnly ? components.count - 1 : components.count
        for length in stride(from: longest, to: 0, by: -1) {
            let prefix = components[0..<length]
            if anchored {
                if Self.match(segments[...], prefix) { return true }
            } else if let last = prefix.last, segments.count == 1, Self.matchSegment(segments[0], last) {
                return true
            }
        }
        return false
    }

    /// Segments against path components, `**` matching any number of components.
    private static func match(_ pattern: ArraySlice<Substring>, _ path: ArraySlice<Substring>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            let rest = pattern.dropFirst()
            var tail = path
            while true {
                if match(rest, tail) { return true }
                guard !tail.isEmpty else { return false }
                tail = tail.dropFirst()
            }
        }
        guard let component = path.first, matchSegment(first, component) else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    /// One segment (`*`, `?`, classes) against one name, with backtracking over the last `*`.
    static func matchSegment(_ pattern: Substring, _ name: Substring) -> Bool {
        let p = Array(pattern)
        let n = Array(name)
        var pi = 0
        var ni = 0
        var starP = -1
        var starN = 0
        while ni < n.count {
            if pi < p.count, p[pi] == "*" {
                starP = pi
                starN = ni
                pi += 1
                continue
            }
            if pi < p.count, let step = matchOne(p, at: pi, n[ni]), step.matched {
                pi = step.next
                ni += 1
                continue
            }
            guard starP >= 0 else { return false }
            starN += 1
            ni = starN
            pi = starP + 1
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }

    /// Matches one character against the pattern element at `index` (a literal, `?` or a class);
    /// returns whether it matched and the index after the element.
    private static func matchOne(_ p: [Character], at index: Int, _ character: Character) -> (matched: Bool, next: Int)?
    {
        switch p[index] {
        case "?": return (true, index + 1)
        case "[":
            var cursor = index + 1
            var negate = false
            if cursor < p.count, p[cursor] == "!" || p[cursor] == "^" {
                negate = true
                cursor += 1
            }
            var matched = false
            var first = true
            while cursor < p.count, p[cursor] != "]" || first {
                first = false
                let low = p[cursor]
                if cursor + 2 < p.count, p[cursor + 1] == "-", p[cursor + 2] != "]" {
                    if low <= character && character <= p[cursor + 2] { matched = true }
                    cursor += 3
                } else {
                    if low == character { matched = true }
                    cursor += 1
                }
            }
            guard cursor < p.count else { return nil }
            return (matched != negate, cursor + 1)
        default:
            return (p[index] == character, index + 1)
        }
    }

    private static func classesAreClosed(_ segment: Substring) -> Bool {
        let p = Array(segment)
        var index = 0
        while index < p.count {
            guard let step = matchOne(p, at: index, " ") else { return false }
            index = step.next
        }
        return true
    }
}
