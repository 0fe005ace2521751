import Foundation

/// Which spans of a letter are the same identifier: every mention of one person (the surname-only
/// `Dr. Nguyen` belongs to `Nguyen Van Thanh`, `Chu, Alan` to `Alan Chu`), one organisation (with
/// or without `Inc.`), one ID, one date. Numbered placeholders, pseudonyms and surrogates are given
/// per group, so that `[PROVIDER-1]` is the same person at every mention.
public struct LetterIdentities: Sendable {
    public struct Group: Sendable {
        /// The category the group's placeholders show: the most common among its mentions.
        public var category: Category
        /// What identifies the group across letters, normalised (never written anywhere; the
        /// vault keeps only a keyed digest of it): `name`, `org`, `id`, `location`, `contact`,
        /// `date`, `age`.
        public var kind: String
        public var key: String
        /// Name groups: the name words in the order of the group's longest mention.
        public var words: [String]
        public var members: [Int]
    }

    public var groups: [Group]
    /// For each span, the index of its group.
    public var groupOfSpan: [Int]

    static let titles: Set<String> = Set(Propagator.titlesAndCredentials.map { String(decoding: $0, as: UTF8.self) })
    static let particles: Set<String> = [
        "de", "del", "della", "la", "las", "los", "van", "von", "da", "das", "dos", "du", "le", "di", "der", "den", "ten",
        "ter", "y", "bin", "al", "el", "st",
    ]
    static let legalSuffixes: Set<String> = [
        "inc", "llc", "llp", "lp", "ltd", "corp", "co", "pc", "pllc", "company", "corporation", "incorporated", "limited",
        "the",
    ]

    /// Lower-case, accent-free words of letters and digits (a possessive `'s` dropped, other
    /// apostrophes taken out: `O'Neil's` → `oneil`).
    public static func foldedWords(_ text: String) -> [String] {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil).lowercased()
        return folded.split { !($0.isLetter || $0.isNumber || $0 == "'" || $0 == "\u{2019}") }
            .map { word -> String in
                var word = String(word)
                if word.count > 3, word.hasSuffix("'s") || word.hasSuffix("\u{2019}s") { word.removeLast(2) }
                return word.filter { $0 != "'" && $0 != "\u{2019}" }
            }
            .filter { !$0.isEmpty }
    }

    /// The words of a person's name that identify it: two letters or more, no title, credential
    /// or particle.
    public static func nameWords(_ text: String) -> [String] {
        foldedWords(text).filter { $0.count >= 2 && !titles.contains($0) && !particles.contains($0) }
    }

    /// The normalised identity of one identifier text of a category.
    public static func key(_ category: Category, _ text: String) -> (kind: String, key: String) {
        switch category {
        case .PATIENT, .PROVIDER, .PERSON:
            let words = nameWords(text)
            return ("name", words.isEmpty ? foldedWords(text).joined(separator: " ") : words.sorted().joined(separator: " "))
        case .ORG:
            var words = foldedWords(text)
            while let last = words.last, legalSuffixes.contains(last), words.count > 1 { words.removeLast() }
            while let first = words.first, first == "the", words.count > 1 { words.removeFirst() }
            return ("org", words.joined(separator: " "))
        case .ID: return ("id", String(text.uppercased().filter { $0.isLetter || $0.isNumber }))
        case .CONTACT:
            let digits = text.filter(\.isNumber)
            let letters = text.filter(\.isLetter)
            return ("contact", letters.isEmpty ? String(digits) : text.lowercased().trimmingCharacters(in: .whitespacesAndNewlines))
        case .LOCATION: return ("location", foldedWords(text).joined(separator: " "))
        case .DATE:
            if let date = WrittenDate.parse(text) {
                return ("date", "\(date.year.map(String.init) ?? "?")-\(date.month)-\(date.day.map(String.init) ?? "?")")
            }
            return ("date", foldedWords(text).joined(separator: " "))
        case .AGE: return ("age", foldedWords(text).joined(separator: " "))
        }
    }

    /// Adds span `index` to the group under `lookup`, or opens `fresh` there.
    private static func join(
        _ lookup: String, _ index: Int, _ fresh: Group, groups: inout [Group], groupOfSpan: inout [Int], byKey: inout [String: Int]
    ) {
        if let group = byKey[lookup] {
            groups[group].members.append(index)
            groupOfSpan[index] = group
            return
        }
        byKey[lookup] = groups.count
        groupOfSpan[index] = groups.count
        var group = fresh
        group.members = [index]
        groups.append(group)
    }

    /// Groups the spans of one letter.
    /// - Parameter texts: the text of each span.
    public init(spans: [IdentifierSpan], texts: [String]) {
        groups = []
        groupOfSpan = Array(repeating: -1, count: spans.count)
        var byKey: [String: Int] = [:]
        // Person names: the longest mentions found the groups; shorter ones join a group whose
        // words hold all of theirs (the same category first, then the group met first).
        var nameSpans: [(index: Int, words: [String])] = []
        for (index, span) in spans.enumerated() {
            if span.category.isPersonName {
                nameSpans.append((index, Self.nameWords(texts[index])))
                continue
            }
            let (kind, key) = Self.key(span.category, texts[index])
            Self.join(
                span.category.rawValue + "\u{0}" + key, index, Group(category: span.category, kind: kind, key: key, words: [], members: []),
                groups: &groups, groupOfSpan: &groupOfSpan, byKey: &byKey)
        }
        var nameGroups: [(group: Int, words: Set<String>)] = []
        for (index, words) in nameSpans.sorted(by: { ($0.words.count, -$0.index) > ($1.words.count, -$1.index) }) {
            let category = spans[index].category
            if words.isEmpty {
                // Initials or particles only: the same text is the same person.
                let (_, key) = Self.key(category, texts[index])
                Self.join(
                    "name\u{0}" + key, index, Group(category: category, kind: "name", key: key, words: [], members: []),
                    groups: &groups, groupOfSpan: &groupOfSpan, byKey: &byKey)
                continue
            }
            let wordSet = Set(words)
            let candidates = nameGroups.filter { wordSet.isSubset(of: $0.words) }.map(\.group)
            if let group = candidates.first(where: { groups[$0].category == category }) ?? candidates.first {
                groups[group].members.append(index)
                groupOfSpan[index] = group
                continue
            }
            groupOfSpan[index] = groups.count
            nameGroups.append((groups.count, wordSet))
            groups.append(Group(category: category, kind: "name", key: words.sorted().joined(separator: " "), words: words, members: [index]))
        }
        for index in groups.indices {
            groups[index].members.sort()
            guard groups[index].kind == "name" else { continue }
            var counts: [Category: Int] = [:]
            for member in groups[index].members { counts[spans[member].category, default: 0] += 1 }
            let first = spans[groups[index].members[0]].category
            let best = counts.max { ($0.value, $0.key == first ? 1 : 0) < ($1.value, $1.key == first ? 1 : 0) }
            groups[index].category = best?.key ?? first
        }
    }

    /// `[CATEGORY-n]` numbers: per category, in the order of each group's first mention.
    public func numbers() -> [Int] {
        var result = Array(repeating: 0, count: groups.count)
        var next: [Category: Int] = [:]
        for index in groups.indices.sorted(by: { groups[$0].members[0] < groups[$1].members[0] }) {
            let category = groups[index].category
            next[category, default: 0] += 1
            result[index] = next[category]!
        }
        return result
    }
}
