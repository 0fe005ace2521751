import CPCRE2
import Foundation
import IMRRedactKit

/// The yardstick for the engine: every rule of the rule set in ONE PCRE2 pattern, JIT-compiled,
/// scanned once over each letter.
///
/// This is meant as roughly the least work a PCRE2-based redactor can do for these rules (one
/// pass, no keyword prefilter, no resolution, no output), so that "end to end / reference" says
/// how much the tool spends beyond matching itself.
///
/// PCRE2 as Debian builds it (link size 2) refuses a compiled pattern over 64 KiB ("regular
/// expression is too large"). When the whole rule set does not fit, the rules are packed in
/// order into as few combined patterns as fit, and each letter gets one pass per pattern; the
/// report says how many patterns that took.
struct ReferenceScan {
    /// The combined patterns (one unless the rule set is too large for one).
    let patterns: [CompiledPattern]
    /// Ids of the rules in the combined patterns, in order (the `(*MARK:n)` numbers).
    let ruleIDs: [String]
    /// Rules left out because PCRE2 would not compile them in the combined form, and why.
    let excluded: [(id: String, reason: String)]
    /// Compile options of the combined patterns (besides UTF, which is always on).
    let options: CompileOptions
    /// Caveats worth printing next to the figures.
    let notes: [String]

    var maxCaptureCount: Int { patterns.map(\.captureCount).max() ?? 0 }
    var sourceBytes: Int { patterns.reduce(0) { $0 + $1.source.utf8.count } }
    var allJIT: Bool { patterns.allSatisfy(\.isJIT) }

    /// Builds `(?:(*MARK:0)(?flags:regex0(?x)\n)|(*MARK:1)(?flags:regex1(?x)\n)|...)`.
    ///
    /// Each alternative ends with `(?x)` and a newline before its closing parenthesis. A rule in
    /// extended mode may end inside a `#` comment, which only a newline ends (the `(?x)` is then
    /// part of the comment); a rule not in extended mode gets `(?x)` first, so the newline is
    /// ignored whitespace rather than a literal newline it would have to match.
    ///
    /// A rule that PCRE2 refuses in this form (e.g. a start-of-pattern `(*UCP)` inside the
    /// alternation) is left out and reported, so the benchmark still runs while rules are
    /// being written.
    static func build(rules: [CompiledRule]) throws -> ReferenceScan {
        let all = rules.map(\.rule)
        var excluded: [(id: String, reason: String)] = []
        var notes: [String] = []
        var options: CompileOptions = []
        if all.contains(where: { $0.flags.contains(.ucp) }) {
            // PCRE2 cannot switch UCP on inside a pattern, so it applies to every alternative.
            options.insert(.ucp)
            notes.append("UCP set for the whole pattern (some rules use it)")
        }
        for rule in all
        where rule.regex.range(of: #"\\[1-9]|\\g\{?[1-9]|\(\?[1-9]|\(\?R\)"#, options: .regularExpression) != nil {
            notes.append(
                "rule \(rule.id) uses numbered back-references or recursion, which point elsewhere in the combined pattern"
            )
        }

        // Rules may share group names (`mask`): try without PCRE2_DUPNAMES, then with it.
        let indices = Array(all.indices)
        // (PCRE2 reports duplicate names while parsing, before it knows the compiled size.)
        if let error = probe(all, indices, options), error.code == PCRE2_ERROR_DUPLICATE_SUBPATTERN_NAME {
            options.insert(.duplicateNames)
            notes.append("compiled with DUPNAMES (without it: \(PCRE2Error(code: error.code).message))")
        }

        // Each rule alone first: one that fails here is left out.
        var usable: [Int] = []
        for index in indices {
            if let error = probe(all, [index], options) {
                excluded.append((all[index].id, PCRE2Error(code: error.code).message))
            } else {
                usable.append(index)
            }
        }
        // Then as few combined patterns as fit, in rule order.
        var groups: [[Int]] = []
        if probe(all, usable, options) == nil {
            groups = [usable]
        } else {
            var current: [Int] = []
            for index in usable {
                if current.isEmpty || probe(all, current + [index], options) == nil {
                    current.append(index)
                } else {
                    groups.append(current)
                    current = [index]
                }
            }
            if !current.isEmpty { groups.append(current) }
            notes.append(
                "the rules do not fit one compiled pattern (this PCRE2 has link size \(linkSize()); size 2 caps a pattern at 64 KiB); "
                    + "packed into \(groups.count) combined patterns, one pass each")
        }
        guard !groups.isEmpty else {
            throw BenchError(
                "no rule compiles into the combined reference pattern: "
                    + excluded.map { "\($0.id): \($0.reason)" }.joined(separator: "; "))
        }
        var patterns: [CompiledPattern] = []
        for group in groups {
            do {
                patterns.append(try CompiledPattern(combinedSource(all, group), options: options))
            } catch {
                throw BenchError("combined reference pattern: \(error)")
            }
        }
        return ReferenceScan(
            patterns: patterns, ruleIDs: all.map(\.id), excluded: excluded, options: options, notes: notes)
    }

    /// Compiles without JIT to see whether PCRE2 accepts the combined form of `indices`.
    /// - Returns: `nil` when it compiles, else PCRE2's error code and offset.
    static func probe(_ rules: [Rule], _ indices: [Int], _ options: CompileOptions) -> (code: Int32, offset: Int)? {
        let bytes = Array(combinedSource(rules, indices).utf8)
        var code: Int32 = 0
        var offset = 0
        let compiled = bytes.withUnsafeBufferPointer { buffer in
            cpcre2_compile(buffer.baseAddress, buffer.count, options.union(.utf).rawValue, &code, &offset, nil)
        }
        guard let compiled else { return (code, offset) }
        pcre2_code_free_8(compiled)
        return nil
    }

    /// How PCRE2 can skip ahead before trying `rule` at a position (`PCRE2_INFO_FIRSTCODETYPE`,
    /// `PCRE2_INFO_FIRSTBITMAP`): a first code unit or a start bitmap lets the JIT jump over
    /// bytes that cannot start a match; "none" means a match attempt at every byte. Patterns that
    /// open with a lookaround or a Unicode property (`\p{Lu}`) often end up with "none".
    static func startOptimization(_ rule: Rule) -> String {
        let bytes = Array(rule.regex.utf8)
        var code: Int32 = 0
        var offset = 0
        let compiled = bytes.withUnsafeBufferPointer { buffer in
            cpcre2_compile(
                buffer.baseAddress, buffer.count, rule.flags.union([.utf, .duplicateNames]).rawValue, &code, &offset,
                nil)
        }
        guard let compiled else { return "does not compile" }
        defer { pcre2_code_free_8(compiled) }
        var type: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_FIRSTCODETYPE), &type)
        if type == 1 {
            var unit: UInt32 = 0
            pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_FIRSTCODEUNIT), &unit)
            let shown =
                unit >= 0x21 && unit < 0x7F ? String(UnicodeScalar(UInt8(unit))) : String(format: "0x%02X", unit)
            return "first byte \(shown)"
        }
        if type == 2 { return "line starts" }
        var bitmap: UnsafePointer<UInt8>?
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_FIRSTBITMAP), &bitmap)
        if let bitmap {
            let set = (0..<32).reduce(0) { $0 + bitmap[$1].nonzeroBitCount }
            return "bitmap \(set)/256"
        }
        return "none"
    }

    /// `PCRE2_CONFIG_LINKSIZE` of the linked library.
    static func linkSize() -> Int {
        var size: UInt32 = 0
        pcre2_config_8(UInt32(PCRE2_CONFIG_LINKSIZE), &size)
        return Int(size)
    }

    /// The combined pattern of `rules[indices]`; each alternative's mark is its rule's index.
    static func combinedSource(_ rules: [Rule], _ indices: [Int]) -> String {
        var source = "(?:"
        for (position, index) in indices.enumerated() {
            let rule = rules[index]
            if position > 0 { source += "|" }
            var letters = ""
            if rule.flags.contains(.caseless) { letters += "i" }
            if rule.flags.contains(.multiline) { letters += "m" }
            if rule.flags.contains(.dotAll) { letters += "s" }
            if rule.flags.contains(.extended) { letters += "x" }
            source += "(*MARK:\(index))(?\(letters):" + rule.regex + "(?x)\n)"
        }
        source += ")"
        return source
    }

    /// Scans each letter with repeated `firstMatch` from the end of the previous match and
    /// returns the number of matches. Single thread; this is the timed part.
    /// - Throws: `BenchError` when a PCRE2 limit is hit.
    func scan(texts: UnsafeBufferPointer<UInt8>, ranges: [Range<Int>], matcher: Matcher) throws -> Int {
        var matches = 0
        for range in ranges {
            let subject = UnsafeBufferPointer(rebasing: texts[range])
            for pattern in patterns {
                matches += try scan(pattern, subject, matcher)
            }
        }
        return matches
    }

    /// Matches of `pattern` in one letter.
    @inline(__always)
    private func scan(_ pattern: CompiledPattern, _ subject: UnsafeBufferPointer<UInt8>, _ matcher: Matcher) throws
        -> Int
    {
        var matches = 0
        var offset = 0
        while offset <= subject.count {
            let found: Bool
            do {
                found = try matcher.firstMatch(pattern, in: subject, from: offset)
            } catch {
                throw BenchError("reference scan: \(error.message) at byte \(offset) of a letter")
            }
            guard found, let whole = matcher.range(ofGroup: 0) else { break }
            matches += 1
            if whole.isEmpty {
                // One character on: a UTF-8 subject must not be entered mid-character.
                offset = whole.upperBound + 1
                while offset < subject.count && subject[offset] & 0xC0 == 0x80 { offset += 1 }
            } else {
                offset = whole.upperBound
            }
        }
        return matches
    }

    /// Matches per rule (untimed), from the `(*MARK:n)` of each match.
    func matchesPerRule(texts: UnsafeBufferPointer<UInt8>, ranges: [Range<Int>], matcher: Matcher) -> [Int] {
        var counts = Array(repeating: 0, count: ruleIDs.count)
        for range in ranges {
            let subject = UnsafeBufferPointer(rebasing: texts[range])
            for pattern in patterns {
                var offset = 0
                while offset <= subject.count,
                    (try? matcher.firstMatch(pattern, in: subject, from: offset)) == true,
                    let whole = matcher.range(ofGroup: 0)
                {
                    if let mark = matcher.mark, let index = Int(mark), index < counts.count { counts[index] += 1 }
                    offset = whole.isEmpty ? whole.upperBound + 1 : whole.upperBound
                    while offset < subject.count && subject[offset] & 0xC0 == 0x80 { offset += 1 }
                }
            }
        }
        return counts
    }
}
