import Crypto
import Foundation

/// A rule compiled for matching.
///
/// A class, so that handing a rule to a function retains one object rather than every string
/// and array of its `Rule`; `Detector` keeps copies of its own (`copy()`), so that worker threads
/// never retain one shared object (an atomic reference count written by two cores moves its
/// cache line between them at every retain).
public final class CompiledRule: Sendable {
    public let rule: Rule
    public let pattern: CompiledPattern
    /// Groups named `mask`, `mask1`, `mask2` ...: the spans to mask. Empty: the whole match.
    public let maskGroups: [Int]
    /// Ids in the rule set's `KeywordIndex`; empty when the rule always runs.
    public let keywordIDs: [Int]
    /// The keywords as written, in the order of `keywordIDs` (for `keywordsMatchCase`).
    public let keywordSpellings: [[UInt8]]

    public init(rule: Rule, pattern: CompiledPattern, maskGroups: [Int], keywordIDs: [Int], keywordSpellings: [[UInt8]]) {
        self.rule = rule
        self.pattern = pattern
        self.maskGroups = maskGroups
        self.keywordIDs = keywordIDs
        self.keywordSpellings = keywordSpellings
    }

    /// A new object with the same fields (the compiled pattern is shared: matching only reads it).
    public func copy() -> CompiledRule {
        CompiledRule(
            rule: rule, pattern: pattern, maskGroups: maskGroups, keywordIDs: keywordIDs, keywordSpellings: keywordSpellings)
    }
}

/// What resolution needs to know of a rule: pattern rules, and the structural rules that name
/// findings made from the letter's parse and from propagation.
public struct RuleDescriptor: Sendable {
    public let id: String
    public let target: RuleTarget
    public let priority: Int
}

/// Findings that come from the letter's structure rather than a pattern. Their ids name them in
/// JSONL spans and audit records.
public enum StructuralRule: Int, CaseIterable, Sendable {
    case headerPatient, headerProvider, headerPerson, headerOrg, headerDate, headerID, headerContact, headerLocation
    case addresseeName, addresseeAddress, ccPerson, ccProvider, ccOrg
    case propagatedPatient, propagatedProvider, propagatedPerson, propagatedOrg, propagatedID
    case knownPatient, knownProvider, knownPerson, knownOrg, knownLocation, knownDate, knownAge, knownID, knownContact
    /// A given name of the Census lists and a surname, with no other context (`LexiconNames`).
    case lexiconPerson
    /// A capitalised word that is only a name: on a Census name list and on no list of ordinary
    /// words (`NameOnlyWords`).
    case lexiconName
    /// A town or city of the US postal list after in, near, outside (`PlaceNames`).
    case lexiconPlace
    /// A name after a title or a word of kinship, in any case (`CueNames`).
    case contextProvider, contextPatient, contextPerson
    /// A facility where a patient is sent or admitted (`PlaceNames.facilities`).
    case contextFacility
    /// `LAST, First` in a line the letter repeats on every page (`RunningLines`): the patient, or
    /// after a fax banner's `FROM:` a person.
    case runningPatient, runningPerson
    /// A span carried from one copy of a running line to another (`RunningLines.unified`): the
    /// span keeps the category of the one it copies (the category below is never used for it).
    case runningCopy

    public var id: String {
        switch self {
        case .headerPatient: "parse.header.patient"
        case .headerProvider: "parse.header.provider"
        case .headerPerson: "parse.header.person"
        case .headerOrg: "parse.header.org"
        case .headerDate: "parse.header.date"
        case .headerID: "parse.header.id"
        case .headerContact: "parse.header.contact"
        case .headerLocation: "parse.header.address"
        case .addresseeName: "parse.addressee.name"
        case .addresseeAddress: "parse.addressee.address"
        case .ccPerson: "parse.cc.person"
        case .ccProvider: "parse.cc.provider"
        case .ccOrg: "parse.cc.org"
        case .propagatedPatient: "propagate.patient"
        case .propagatedProvider: "propagate.provider"
        case .propagatedPerson: "propagate.person"
        case .propagatedOrg: "propagate.org"
        case .propagatedID: "propagate.id"
        case .knownPatient: "known.patient"
        case .knownProvider: "known.provider"
        case .knownPerson: "known.person"
        case .knownOrg: "known.org"
        case .knownLocation: "known.location"
        case .knownDate: "known.date"
        case .knownAge: "known.age"
        case .knownID: "known.id"
        case .knownContact: "known.contact"
        case .lexiconPerson: "lexicon.person"
        case .lexiconName: "lexicon.name"
        case .lexiconPlace: "lexicon.place"
        case .contextProvider: "context.provider"
        case .contextPatient: "context.patient"
        case .contextPerson: "context.person"
        case .contextFacility: "context.facility"
        case .runningPatient: "parse.running.patient"
        case .runningPerson: "parse.running.person"
        case .runningCopy: "parse.running.copy"
        }
    }

    public var category: Category {
        switch self {
        case .headerPatient, .addresseeName, .propagatedPatient, .knownPatient, .contextPatient, .runningPatient, .runningCopy: .PATIENT
        case .headerProvider, .ccProvider, .propagatedProvider, .knownProvider, .contextProvider: .PROVIDER
        case .headerPerson, .ccPerson, .propagatedPerson, .knownPerson, .lexiconPerson, .lexiconName, .contextPerson, .runningPerson: .PERSON
        case .headerOrg, .ccOrg, .propagatedOrg, .knownOrg: .ORG
        case .headerDate, .knownDate: .DATE
        case .headerID, .propagatedID, .knownID: .ID
        case .headerContact, .knownContact: .CONTACT
        case .headerLocation, .addresseeAddress, .knownLocation, .lexiconPlace, .contextFacility: .LOCATION
        case .knownAge: .AGE
        }
    }

    /// A header label names what its value is better than a pattern guesses; a propagated
    /// mention yields to any direct finding.
    public var priority: Int {
        switch self {
        case .knownPatient, .knownProvider, .knownPerson, .knownOrg, .knownLocation, .knownDate, .knownAge, .knownID, .knownContact: 60
        case .propagatedPatient, .propagatedProvider, .propagatedPerson, .propagatedOrg, .propagatedID, .lexiconPerson, .lexiconName: 1
        // Over a name-only word (Lodi, Galt are surnames too): the word before says it is a place.
        case .lexiconPlace, .contextProvider, .contextPatient, .contextPerson, .contextFacility: 2
        default: 50
        }
    }

    public static func propagated(_ category: Category) -> StructuralRule? {
        switch category {
        case .PATIENT: .propagatedPatient
        case .PROVIDER: .propagatedProvider
        case .PERSON: .propagatedPerson
        case .ORG: .propagatedOrg
        case .ID: .propagatedID
        default: nil
        }
    }

    public static func known(_ category: Category) -> StructuralRule {
        switch category {
        case .PATIENT: .knownPatient
        case .PROVIDER: .knownProvider
        case .PERSON: .knownPerson
        case .ORG: .knownOrg
        case .LOCATION: .knownLocation
        case .DATE: .knownDate
        case .AGE: .knownAge
        case .ID: .knownID
        case .CONTACT: .knownContact
        }
    }
}

/// Rules that run together as one `CombinedPattern`, in one pass over the whole text.
public struct RuleGroup: Sendable {
    public let combined: CombinedPattern
    /// Index in `RuleSet.rules` of each member.
    public let ruleIndices: [Int]
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
    /// The rules without keywords, combined so that each group is one pass over a text.
    public let groups: [RuleGroup]
    /// The rules with keywords, which run one by one in windows around their keywords.
    public let windowedRules: [Int]
    /// Every rule a `Finding.rule` can name: the pattern rules, then `StructuralRule.allCases`.
    public let descriptors: [RuleDescriptor]

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
                // A rule with keywords runs in windows: its search stops at the window's end.
                let windowed: CompileOptions = rule.keywords.isEmpty ? [] : .offsetLimit
                pattern = try CompiledPattern(rule.regex, options: rule.flags.union(.duplicateNames).union(windowed))
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
            compiled.append(CompiledRule(
                    rule: rule, pattern: pattern, maskGroups: masks, keywordIDs: ids,
                    keywordSpellings: rule.keywords.map { Array($0.utf8) }))
            let shape = [
                rule.id, "\(rule.target)", "\(rule.flags.rawValue)", rule.regex, rule.keywords.joined(separator: ","),
                rule.window.map(String.init) ?? "", rule.extendLeft?.rawValue ?? "", "\(rule.priority)",
                "\(rule.keywordsMatchCase)",
            ]
            hasher.update(data: Data((shape.joined(separator: "\u{0}") + "\u{0}").utf8))
        }
        self.rules = compiled
        self.keywordIndex = KeywordIndex(keywords: keywords)
        self.digest = "sha256:" + hasher.finalize().map { String(format: "%02x", $0) }.joined()
        self.maxCaptureCount = compiled.map(\.pattern.captureCount).max() ?? 0
        self.windowedRules = compiled.indices.filter { !compiled[$0].keywordIDs.isEmpty }
        self.descriptors =
            compiled.map { RuleDescriptor(id: $0.rule.id, target: $0.rule.target, priority: $0.rule.priority) }
            + StructuralRule.allCases.map { RuleDescriptor(id: $0.id, target: .identifier($0.category), priority: $0.priority) }
        self.groups = Self.group(compiled.indices.filter { compiled[$0].keywordIDs.isEmpty }, of: compiled)
    }

    /// The `Finding.rule` index of a structural rule.
    public func index(of structural: StructuralRule) -> Int { rules.count + structural.rawValue }

    /// The default rules built into the binary, plus the rules of `extraDirectories`; or, when
    /// `replaceDefaults` is set, the rules of `extraDirectories` only.
    public static func load(extraDirectories: [String] = [], replaceDefaults: Bool = false) throws(PatternLoadError)
        -> RuleSet
    {
        var files = replaceDefaults ? [] : RuleLoader.defaultFiles()
        for directory in extraDirectories { files += try RuleLoader.files(inDirectory: directory) }
        return try RuleSet(rules: RuleLoader.rules(from: files))
    }

    /// Combines the rules without keywords: the rules that can only start on a digit or a
    /// punctuation mark share one pass (`combine`), since PCRE2's start-of-match analysis lets
    /// that pass skip every letter and space; a rule that may start on a letter, a space or
    /// anywhere keeps a pass of its own, where PCRE2 can use its own first character, its
    /// line anchor or its required character.
    private static func group(_ indices: [Int], of rules: [CompiledRule]) -> [RuleGroup] {
        var shared: [Int] = []
        var alone: [Int] = []
        for index in indices {
            guard let starts = rules[index].pattern.startBytes,
                !starts.contains(where: { $0 == 0x20 || $0 >= 0x80 || (0x41...0x5A).contains($0 & ~0x20) })
            else {
                alone.append(index)
                continue
            }
            shared.append(index)
        }
        return combine(shared, of: rules) + alone.flatMap { combine([$0], of: rules) }
    }

    /// Combines `indices` into as few patterns as PCRE2 accepts: a set that does not compile
    /// together (PCRE2 caps a compiled pattern's size) is split in two, down to single rules.
    private static func combine(_ indices: [Int], of rules: [CompiledRule]) -> [RuleGroup] {
        guard !indices.isEmpty else { return [] }
        let members = indices.map {
            CombinedPattern.Member(
                source: rules[$0].rule.regex, options: rules[$0].rule.flags,
                captureCount: rules[$0].pattern.captureCount)
        }
        if indices.count <= CombinedPattern.maxMembers, let combined = try? CombinedPattern(members) {
            return [RuleGroup(combined: combined, ruleIndices: indices)]
        }
        // Each rule compiled on its own, so a single rule always combines.
        let half = indices.count / 2
        return combine(Array(indices[..<half]), of: rules) + combine(Array(indices[half...]), of: rules)
    }
}
