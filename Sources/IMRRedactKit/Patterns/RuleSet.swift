import Crypto
import Foundation

/// A rule compiled for matching.
public struct CompiledRule: Sendable {
    public let rule: Rule
    public let pattern: CompiledPattern
    /// Groups named `mask`, `mask1`, `mask2` ...: the spans to mask. Empty: the whole match.
    public let maskGroups: [Int]
    /// Ids in the rule set's `KeywordIndex`; empty when the rule always runs.
    public let keywordIDs: [Int]
}

/// A loaded, compiled and checked set of rules: what detection runs.
public final class RuleSet: Sendable {
    public let rules: [CompiledRule]
    public let keywordIndex: KeywordIndex
    /// `sha256:` hex digest of every rule's id, target, flags, regex, keywords, window, extension
    /// and priority, in order: names the rule
    /// set in audit headers so that a run can be reproduced.
    public let digest: String
    /// The most capture groups of any rule (sizes per-thread match data).
    public let maxCaptureCount: Int
    /// Word lists for left extension.
    public let lexicons: Lexicons

    /// Compiles `rules` (JIT) and indexes their keywords.
    /// - Throws: `PatternLoadError` naming the rule, PCRE2's message and the offset in the regex,
    ///   or a duplicate id.
    public init(rules: [Rule], lexicons: Lexicons = .defaults()) throws(PatternLoadError) {
        self.lexicons = lexicons
        var seen: [String: Rule.Source] = [:]
        var keywordIDs: [String: Int] = [:]
        var keywords: [String] = []
        var compiled: [CompiledRule] = []
        var hasher = SHA256()
        for rule in rules {
            if let first = seen[rule.id] {
                throw PatternLoadError(
                    file: rule.source.file, line: rule.source.line, column: rule.source.column, ruleID: rule.id,
                    message: "duplicate rule id (first defined at \(first))")
            }
            seen[rule.id] = rule.source
            let pattern: CompiledPattern
            do {
                pattern = try CompiledPattern(rule.regex, options: rule.flags.union(.duplicateNames))
            } catch {
                throw PatternLoadError(
                    file: rule.source.file, line: rule.source.line, column: rule.source.column, ruleID: rule.id,
                    message: "PCRE2 cannot compile the regex: \(error.message) at offset \(error.offset)",
                    snippet: PatternLoadError.caret(line: rule.regex, column: error.offset + 1))
            }
            let masks = pattern.groupsByName
                .filter { $0.key.hasPrefix("mask") }
                .flatMap(\.value).sorted()
            var ids: [Int] = []
            for keyword in rule.keywords {
                let key = keyword.lowercased()
                if let id = keywordIDs[key] {
                    ids.append(id)
                } else {
                    keywordIDs[key] = keywords.count
                    ids.append(keywords.count)
                    keywords.append(key)
                }
            }
            compiled.append(CompiledRule(rule: rule, pattern: pattern, maskGroups: masks, keywordIDs: ids))
            let shape = [
                rule.id, "\(rule.target)", "\(rule.flags.rawValue)", rule.regex, rule.keywords.joined(separator: ","),
                rule.window.map(String.init) ?? "", rule.extendLeft?.rawValue ?? "", "\(rule.priority)",
            ]
            hasher.update(data: Data((shape.joined(separator: "\u{0}") + "\u{0}").utf8))
        }
        self.rules = compiled
        self.keywordIndex = KeywordIndex(keywords: keywords)
        self.digest = "sha256:" + hasher.finalize().map { String(format: "%02x", $0) }.joined()
        self.maxCaptureCount = compiled.map(\.pattern.captureCount).max() ?? 0
    }

    /// The default rules built into the binary, plus the rules of `extraDirectories`; or, when
    /// `replaceDefaults` is set, the rules of `extraDirectories` only.
    public static func load(extraDirectories: [String] = [], replaceDefaults: Bool = false) throws(PatternLoadError)
        -> RuleSet
    {
        var files = replaceDefaults ? [] : RuleLoader.defaultFiles()
        for directory in extraDirectories { files += try RuleLoader.files(inDirectory: directory) }
        return try RuleSet(rules: RuleLoader.rules(from: files))
    }
}
