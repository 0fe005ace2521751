import Foundation

/// What one identifier span becomes.
public struct Replacement: Sendable, Hashable {
    /// The action carried out (a placeholder when the policy's action could not be: an
    /// unreadable date, a surrogate that would equal an identifier of the letter).
    public var action: Action
    /// The new text (the original for `keep`).
    public var text: String

    public init(action: Action, text: String) {
        self.action = action
        self.text = text
    }
}

/// Carries out a policy's actions on the spans of one letter: typed and numbered placeholders,
/// removals, pseudonyms and surrogates (through a `PseudonymStore`), date shifts, years and age
/// bands. It knows nothing about how the spans were found. One per thread or shared: it keeps no
/// per-letter state; the store is shared and locked.
public final class PolicyTransformer: Sendable {
    public let policy: RedactionPolicy
    public let store: any PseudonymStore

    /// Where a date without a year is placed when the letter has no date with one.
    static let defaultReferenceYear = 2015

    public init(policy: RedactionPolicy, store: (any PseudonymStore)? = nil) {
        self.policy = policy
        self.store = store ?? MemoryStore()
    }

    /// The letter's patient for date shifts and age surrogates: its claim number, else its
    /// patient's normalised name, else its IMR case number (`claim:...`, `name:...`, `case:...`),
    /// else nil (the letter then gets a shift of its own).
    public static func patientKey(
        spans: [IdentifierSpan], texts: [String], identities: LetterIdentities, structure: LetterStructure?
    ) -> String? {
        if let claim = structure?.fields["claim_number"] {
            let key = LetterIdentities.key(.ID, claim.value).key
            if key.contains(where: \.isNumber) { return "claim:" + key }
        }
        for (index, span) in spans.enumerated() where span.category == .ID && span.ruleID == "id.claim-labelled" {
            return "claim:" + LetterIdentities.key(.ID, texts[index]).key
        }
        if let employee = structure?.fields["employee"] {
            let words = LetterIdentities.nameWords(employee.value)
            if !words.isEmpty {
                // The patient group whose words hold the header's name, for the same key as its mentions.
                let key = identities.groups.first { $0.kind == "name" && Set(words).isSubset(of: Set($0.words)) }?.key
                return "name:" + (key ?? words.sorted().joined(separator: " "))
            }
        }
        let patients = identities.groups.filter { $0.kind == "name" && $0.category == .PATIENT && !$0.words.isEmpty }
        if let best = patients.max(by: { ($0.members.count, $0.words.count) < ($1.members.count, $1.words.count) }) {
            return "name:" + best.key
        }
        // A published letter names no one and shows no claim number: its IMR case is its patient.
        if let caseNumber = structure?.fields["case_number"], IdentifierKind.of(.ID, text: Array(caseNumber.value.utf8)) == .imrCaseNumber {
            return "case:" + LetterIdentities.key(.ID, caseNumber.value).key
        }
        for (index, span) in spans.enumerated() where IdentifierKind.of(span.category, text: Array(texts[index].utf8)) == .imrCaseNumber {
            return "case:" + LetterIdentities.key(.ID, texts[index]).key
        }
        return nil
    }

    /// The replacement of every span, in order.
    /// - Parameters:
    ///   - spans: sorted, non-overlapping spans (see `Resolver`).
    ///   - structure: the letter's parse, for its claim number and patient (date shifts).
    /// - Throws: `DocumentError.transformFailed` when the store cannot be used (fail closed).
    public func replacements(
        for spans: [IdentifierSpan], in text: UnsafeBufferPointer<UInt8>, structure: LetterStructure? = nil
    ) throws(DocumentError) -> [Replacement] {
        let actions = spans.indices.map { policy.action(for: spans[$0].category, text: text[spans[$0].start..<spans[$0].end]) }
        // The common case (placeholders, removals, kept spans) needs no span's text.
        if actions.allSatisfy({ $0 == .keep || $0 == .remove || $0 == .placeholder }) {
            return spans.indices.map { index in
                switch actions[index] {
                case .keep:
                    let kept = String(decoding: UnsafeBufferPointer(rebasing: text[spans[index].start..<spans[index].end]), as: UTF8.self)
                    return Replacement(action: .keep, text: kept)
                case .remove: return Replacement(action: .remove, text: "")
                default: return Replacement(action: .placeholder, text: "[\(spans[index].category.rawValue)]")
                }
            }
        }
        let texts = spans.map { String(decoding: UnsafeBufferPointer(rebasing: text[$0.start..<$0.end]), as: UTF8.self) }
        var letter = Letter(spans: spans, texts: texts, structure: structure)
        var result: [Replacement] = []
        result.reserveCapacity(spans.count)
        for index in spans.indices {
            result.append(try replacement(index, action: actions[index], letter: &letter))
        }
        return result
    }

    /// What a letter's spans need to know about each other.
    struct Letter {
        let spans: [IdentifierSpan]
        let texts: [String]
        let structure: LetterStructure?
        let identities: LetterIdentities
        lazy var numbers: [Int] = identities.numbers()
        /// Folded name words of every person named in the letter (a surrogate word is none of them).
        lazy var nameWords: Set<String> = {
            var words = Set<String>()
            for (index, span) in spans.enumerated() where span.category.isPersonName {
                words.formUnion(LetterIdentities.foldedWords(texts[index]))
            }
            return words
        }()
        /// Normalised identity of every identifier of the letter, by category.
        lazy var keys: Set<String> = Set(spans.indices.map { spans[$0].category.rawValue + ":" + LetterIdentities.key(spans[$0].category, texts[$0]).key })
        var patientKnown = false
        var patient: String? = nil
        lazy var parsedDates: [WrittenDate?] = spans.indices.map { spans[$0].category == .DATE ? WrittenDate.parse(texts[$0]) : nil }
        lazy var ages: Set<Int> = Set(spans.indices.compactMap { spans[$0].category == .AGE ? Int(texts[$0].trimmingCharacters(in: .whitespaces)) : nil })
        var letterShift: Int? = nil
        var groupFallback: [Int: Bool] = [:]

        init(spans: [IdentifierSpan], texts: [String], structure: LetterStructure?) {
            self.spans = spans
            self.texts = texts
            self.structure = structure
            self.identities = LetterIdentities(spans: spans, texts: texts)
        }

        mutating func patientKey() -> String? {
            if patientKnown { return patient }
            patient = PolicyTransformer.patientKey(spans: spans, texts: texts, identities: identities, structure: structure)
            patientKnown = true
            return patient
        }

        /// The year of the nearest date with a year before span `index` (else after it).
        mutating func referenceYear(for index: Int) -> Int {
            let dates = parsedDates
            for other in stride(from: index - 1, through: 0, by: -1) { if let year = dates[other]?.year { return year } }
            for other in index..<dates.count { if let year = dates[other]?.year { return year } }
            return PolicyTransformer.defaultReferenceYear
        }

        mutating func latestYear() -> Int? { parsedDates.compactMap { $0?.year }.max() }
    }

    private func placeholder(_ index: Int, _ letter: Letter) -> Replacement {
        Replacement(action: .placeholder, text: "[\(letter.spans[index].category.rawValue)]")
    }

    private func replacement(_ index: Int, action: Action, letter: inout Letter) throws(DocumentError) -> Replacement {
        let span = letter.spans[index]
        let original = letter.texts[index]
        let groupIndex = letter.identities.groupOfSpan[index]
        let group = letter.identities.groups[groupIndex]
        switch action {
        case .keep: return Replacement(action: .keep, text: original)
        case .remove: return Replacement(action: .remove, text: "")
        case .placeholder: return placeholder(index, letter)
        case .numbered: return Replacement(action: .numbered, text: "[\(group.category.rawValue)-\(letter.numbers[groupIndex])]")
        case .pseudonym:
            guard !group.key.isEmpty else { return placeholder(index, letter) }
            let code = try store.value(kind: group.kind, identifier: group.key, unique: true) {
                var random = SystemRandom()
                return Surrogates.code(&random)
            }
            return Replacement(action: .pseudonym, text: "[\(group.category.rawValue)-\(code)]")
        case .dateShift:
            return try shiftedDate(index, letter: &letter) ?? placeholder(index, letter)
        case .yearOnly:
            guard let date = letter.parsedDates[index], let year = date.year else { return placeholder(index, letter) }
            // A year 90 or more years before the letter's latest date shows an age of 90 or more.
            if let latest = letter.latestYear(), year <= latest - 90 { return placeholder(index, letter) }
            return Replacement(action: .yearOnly, text: String(year))
        case .ageBand, .ageCap:
            guard let age = Int(original.trimmingCharacters(in: .whitespaces)) else { return placeholder(index, letter) }
            if age >= 90 { return Replacement(action: action, text: "90 or older") }
            if action == .ageCap { return Replacement(action: .keep, text: original) }
            return Replacement(action: .ageBand, text: "\(age / 5 * 5)-\(age / 5 * 5 + 4)")
        case .surrogate:
            switch span.category {
            case .DATE:
                guard var shifted = try shiftedDate(index, letter: &letter) else { return placeholder(index, letter) }
                shifted.action = .surrogate
                return shifted
            case .AGE: return try ageSurrogate(index, letter: &letter) ?? placeholder(index, letter)
            case .PATIENT, .PROVIDER, .PERSON: return try nameSurrogate(index, group: groupIndex, letter: &letter) ?? placeholder(index, letter)
            case .ORG, .LOCATION, .ID, .CONTACT:
                return try valueSurrogate(index, group: groupIndex, letter: &letter) ?? placeholder(index, letter)
            }
        }
    }

    private func shiftedDate(_ index: Int, letter: inout Letter) throws(DocumentError) -> Replacement? {
        guard let date = letter.parsedDates[index] else { return nil }
        let days: Int
        if let patient = letter.patientKey() {
            days = try store.dateShift(patient: patient)
        } else {
            // No claim number and no patient name: one shift for the whole letter.
            if letter.letterShift == nil { letter.letterShift = MemoryStore.randomShift() }
            days = letter.letterShift!
        }
        return Replacement(action: .dateShift, text: date.shifted(by: days, referenceYear: letter.referenceYear(for: index)))
    }

    private func ageSurrogate(_ index: Int, letter: inout Letter) throws(DocumentError) -> Replacement? {
        guard let age = Int(letter.texts[index].trimmingCharacters(in: .whitespaces)) else { return nil }
        if age >= 90 { return Replacement(action: .surrogate, text: "90 or older") }
        let avoid = letter.ages
        var random = SystemRandom()
        guard let first = Surrogates.age(like: age, avoiding: avoid, &random) else { return nil }
        guard let patient = letter.patientKey() else { return Replacement(action: .surrogate, text: first) }
        let value = try store.value(kind: "age-surrogate", identifier: patient + "\u{0}" + String(age), unique: false) { first }
        guard let stored = Int(value), stored / 5 == age / 5, !avoid.contains(stored) else { return nil }
        return Replacement(action: .surrogate, text: value)
    }

    private func valueSurrogate(_ index: Int, group groupIndex: Int, letter: inout Letter) throws(DocumentError) -> Replacement? {
        if letter.groupFallback[groupIndex] == true { return nil }
        let group = letter.identities.groups[groupIndex]
        let category = letter.spans[index].category
        let like = letter.texts[group.members[0]]
        guard !group.key.isEmpty else { return nil }
        let keys = letter.keys
        // A phone keeps the original's punctuation and area code, so its local number must differ
        // too (an original already in the fictional 555-01xx range could come back unchanged).
        func localNumber(_ value: String) -> Substring { value.filter(\.isNumber).suffix(7) }
        func acceptable(_ value: String) -> Bool {
            !keys.contains(category.rawValue + ":" + LetterIdentities.key(category, value).key) && value != like
                && (category != .CONTACT || localNumber(value).count < 7 || localNumber(value) != localNumber(like))
        }
        let value = try store.value(kind: group.kind + "-surrogate", identifier: group.key, unique: true) {
            var random = SystemRandom()
            var candidate = ""
            for _ in 0..<32 {
                switch category {
                case .ORG: candidate = Surrogates.organisation(like: like, &random)
                case .LOCATION: candidate = Surrogates.location(like: like, &random)
                case .ID: candidate = Surrogates.identifier(like: like, &random)
                default: candidate = Surrogates.contact(like: like, &random)
                }
                if acceptable(candidate) { break }
            }
            return candidate
        }
        guard acceptable(value) else {
            letter.groupFallback[groupIndex] = true
            return nil
        }
        // Other mentions of the group keep their own shape where it differs only in case.
        let own = letter.texts[index]
        if Surrogates.isUpperCase(own) && !Surrogates.isUpperCase(value) { return Replacement(action: .surrogate, text: value.uppercased()) }
        return Replacement(action: .surrogate, text: value)
    }

    /// A person's surrogate: each name word of the mention becomes the fictional word kept for
    /// it (given name for the first word, surnames for the others), initials the initials of
    /// those, in the mention's own order, punctuation and case (`Chu, Alan` → `Quenaholt, Briar`).
    private func nameSurrogate(_ index: Int, group groupIndex: Int, letter: inout Letter) throws(DocumentError) -> Replacement? {
        if letter.groupFallback[groupIndex] == true { return nil }
        let group = letter.identities.groups[groupIndex]
        guard !group.words.isEmpty else { return nil }
        let sorted = group.key.split(separator: " ").map(String.init)
        let letterWords = letter.nameWords
        let keys = letter.keys
        let stored = try store.value(kind: "name-surrogate", identifier: group.key, unique: true) {
            var random = SystemRandom()
            var words: [String] = []
            for _ in 0..<32 {
                words = Surrogates.personWords(count: group.words.count, &random)
                let folded = words.dropLast().map { $0.lowercased() }
                if Set(folded).isDisjoint(with: letterWords) && Set(folded).count == folded.count { break }
            }
            // Kept in the order of the sorted key words, the spare initial last.
            let inSortedOrder = sorted.map { word in words[group.words.firstIndex(of: word) ?? 0] }
            return (inSortedOrder + [words.last ?? "A"]).joined(separator: " ")
        }
        let surrogateWords = stored.split(separator: " ").map(String.init)
        guard surrogateWords.count == sorted.count + 1,
            Set(surrogateWords.dropLast().map { $0.lowercased() }).isDisjoint(with: letterWords),
            !keys.contains(letter.spans[index].category.rawValue + ":" + surrogateWords.dropLast().map { $0.lowercased() }.sorted().joined(separator: " "))
        else {
            letter.groupFallback[groupIndex] = true
            return nil
        }
        var map: [String: String] = [:]
        for (word, surrogate) in zip(sorted, surrogateWords) { map[word] = surrogate }
        let spare = surrogateWords.last ?? "A"
        var output = ""
        var word = ""
        func flush() -> Bool {
            guard !word.isEmpty else { return true }
            defer { word = "" }
            let folded = LetterIdentities.foldedWords(word).joined()
            if LetterIdentities.titles.contains(folded) || LetterIdentities.particles.contains(folded) {
                output += word
                return true
            }
            var replacement: String
            if folded.count == 1 {
                let initial = group.words.first { $0.hasPrefix(folded) }.flatMap { map[$0] }.map { String($0.prefix(1)) }
                replacement = initial ?? spare
            } else if let value = map[folded] {
                replacement = value
            } else {
                return false
            }
            if word.count > 1 && word.allSatisfy({ !$0.isLetter || $0.isUppercase }) { replacement = replacement.uppercased() }
            output += replacement
            return true
        }
        for character in letter.texts[index] {
            if character.isLetter || ((character == "'" || character == "\u{2019}") && !word.isEmpty) {
                word.append(character)
            } else {
                guard flush() else { return nil }
                output.append(character)
            }
        }
        guard flush() else { return nil }
        return Replacement(action: .surrogate, text: output)
    }
}

/// An entry a vault may hold for one identifier of a letter: what `vault relink` shows and
/// `vault rotate` copies.
public struct VaultLookup: Sendable {
    /// The first mention of the identifier (its text: for the authorised holder only).
    public var range: Range<Int>
    public var category: Category
    /// The store kinds under which its values are kept (`name`, `name-surrogate` ...).
    public var kinds: [String]
    public var identifier: String
}

extension PolicyTransformer {
    /// The identifiers of a letter as the store knows them (normalised, grouped), and the
    /// letter's patient key (for its date shift and age surrogates).
    public static func lookups(
        for spans: [IdentifierSpan], in text: UnsafeBufferPointer<UInt8>, structure: LetterStructure?
    ) -> (entries: [VaultLookup], patient: String?, ages: [Int]) {
        let texts = spans.map { String(decoding: UnsafeBufferPointer(rebasing: text[$0.start..<$0.end]), as: UTF8.self) }
        let identities = LetterIdentities(spans: spans, texts: texts)
        var entries: [VaultLookup] = []
        for group in identities.groups where !group.key.isEmpty && group.kind != "date" && group.kind != "age" {
            let first = spans[group.members[0]]
            entries.append(
                VaultLookup(range: first.start..<first.end, category: group.category, kinds: [group.kind, group.kind + "-surrogate"], identifier: group.key))
        }
        let ages = spans.indices.compactMap { spans[$0].category == .AGE ? Int(texts[$0].trimmingCharacters(in: .whitespaces)) : nil }
        return (entries, patientKey(spans: spans, texts: texts, identities: identities, structure: structure), Array(Set(ages)).sorted())
    }
}
