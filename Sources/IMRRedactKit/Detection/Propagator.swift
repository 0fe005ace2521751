import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Once a name or an ID is found anywhere in a letter, every other mention of it there is
/// masked too: a name's words alone (the surname in `Mr. Nguyen`, the possessive `Nguyen's`, all
/// capitals, `Last, First`, a word hyphenated across a line end), an organisation's name with or
/// without its legal suffix, an ID's exact text.
///
/// A name word that is also an ordinary word of the letters (`Long`, `Hand`) counts only when
/// written with its capital and not at the start of a sentence; a word in lower case never does.
enum Propagator {
    struct NameWord {
        var lowered: [UInt8]
        var category: Category
        var isCommon: Bool
    }

    struct Phrase {
        var words: [[UInt8]]
        var category: Category
    }

    static let titlesAndCredentials: Set<[UInt8]> = Set(
        [
            "dr", "mr", "mrs", "ms", "miss", "md", "do", "dc", "dpm", "dds", "phd", "psyd", "pa", "np", "rn", "fnp", "lac",
            "pt", "dpt", "ot", "otr", "lcsw", "mft", "qme", "ame", "esq", "jr", "sr", "ii", "iii", "iv", "mph", "facs",
            "faaos", "c", "l", "ac", "attn",
        ].map { Array($0.utf8) })

    /// Two-letter English words that are never taken for a name on their own (`No.`, `Re:`).
    static let shortWords: Set<[UInt8]> = Set(
        ["no", "of", "to", "in", "is", "it", "on", "at", "as", "an", "or", "be", "by", "he", "we", "me", "my", "so", "up",
         "us", "do", "go", "if", "am", "re", "vs", "et", "al", "ok", "id", "st", "ca", "ur"].map { Array($0.utf8) })

    /// - Parameter inCapitals: the letter is written in capitals (`LetterCase`): there a
    ///   capital says nothing, and a name word that is also an ordinary word (`AWARE`, `TODAY`,
    ///   taken into a name after `DR` or `HO`) counts only beside another word of a name found,
    ///   or, as elsewhere, when it is a given name (`JOHN`).
    static func findings(
        from spans: [IdentifierSpan], known: [KnownIdentifier], in text: UnsafeBufferPointer<UInt8>, ruleSet: RuleSet,
        inCapitals: Bool = false, into findings: inout [Finding]
    ) {
        let lexicons = ruleSet.lexicons
        var names: [UInt64: [NameWord]] = [:]
        var phrases: [UInt64: [Phrase]] = [:]
        var exact: [(bytes: [UInt8], category: Category, known: Bool)] = []
        func addName(_ range: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>, _ category: Category) {
            for word in Words.ranges(in: bytes, within: range) {
                let lowered = Words.lowered(bytes, Words.withoutPossessive(bytes, word))
                guard lowered.count >= 2, !titlesAndCredentials.contains(lowered), !lexicons.stopwords.contains(lowered),
                    !lexicons.particles.contains(lowered), !(lowered.count == 2 && shortWords.contains(lowered)),
                    !lowered.contains(where: { $0 >= 0x30 && $0 <= 0x39 })
                else { continue }
                let hash = Words.hash(lowered)
                if names[hash]?.contains(where: { $0.lowered == lowered }) == true { continue }
                names[hash, default: []].append(
                    NameWord(lowered: lowered, category: category, isCommon: lexicons.commonWords.contains(lowered) || isOrdinary(lowered)))
            }
        }
        func addPhrase(_ range: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>, _ category: Category) {
            let words = Words.ranges(in: bytes, within: range).map { Words.lowered(bytes, $0) }
            guard !words.isEmpty else { return }
            let variants: [[[UInt8]]] = {
                var core = words
                while let last = core.last, lexicons.orgGeneric.contains(last) || titlesAndCredentials.contains(last) { core.removeLast() }
                return core.count < words.count && !core.isEmpty ? [words, core] : [words]
            }()
            for variant in variants {
                // A single word stands for the organisation only when it is distinctive.
                if variant.count == 1,
                    variant[0].count < 5 || lexicons.commonWords.contains(variant[0]) || lexicons.orgGeneric.contains(variant[0])
                {
                    continue
                }
                // Each phrase once: a long letter names its organisations many times.
                let hash = Words.hash(variant[0])
                if phrases[hash]?.contains(where: { $0.words == variant && $0.category == category }) == true { continue }
                phrases[hash, default: []].append(Phrase(words: variant, category: category))
            }
        }
        for span in spans {
            let range = span.start..<span.end
            // A span that holds a placeholder or a number is no name to spread (a redacted header).
            if span.category.isPersonName,
                range.contains(where: { text[$0] == UInt8(ascii: "[") || (text[$0] >= 0x30 && text[$0] <= 0x39) })
            {
                continue
            }
            switch span.category {
            case .PATIENT, .PROVIDER, .PERSON: addName(range, text, span.category)
            case .ORG: addPhrase(range, text, .ORG)
            case .ID:
                if range.count >= 4, StructureFindings.containsDigit(range, in: text) {
                    exact.append((Array(text[range]), .ID, false))
                }
            default: break
            }
        }
        for item in known {
            let bytes = Array(item.value.utf8)
            guard !bytes.isEmpty else { continue }
            bytes.withUnsafeBufferPointer { value in
                switch item.category {
                case .PATIENT, .PROVIDER, .PERSON: addName(0..<value.count, value, item.category)
                case .ORG: addPhrase(0..<value.count, value, .ORG)
                default: break
                }
            }
            exact.append((bytes, item.category, true))
        }
        for initials in patientInitials(spans, in: text) {
            exact.append((initials, .PATIENT, false))
        }
        guard !names.isEmpty || !phrases.isEmpty || !exact.isEmpty else { return }

        let filter = HashFilter(Array(names.keys) + Array(phrases.keys))
        // One pass over the words of the letter, each found once (`upcoming` is the look-ahead
        // a hyphenated line end needs); phrases tokenise further only when their first word matches.
        var upcoming = Words.next(in: text, from: 0)
        while let current = upcoming {
            upcoming = Words.next(in: text, from: current.upperBound)
            var word = current
            // A word in lower case is never a mention (nor the head of a hyphenated one).
            let firstByte = text[current.lowerBound]
            if firstByte >= 0x61 && firstByte <= 0x7A { continue }
            // Most words match nothing: hash without copying, and copy only on a hit.
            let plainHash = Words.hashLowered(text, Words.withoutPossessive(text, word))
            let hyphenated = upcoming.flatMap { Words.hyphenContinuation(text, word, $0) }
            guard filter.mayContain(plainHash) || hyphenated != nil else { continue }
            var lowered = Words.lowered(text, Words.withoutPossessive(text, word))
            var joinedNext = false
            // A word hyphenated across a line end: `Kalay-` / `djian`.
            if let next = hyphenated {
                let joined = lowered + Words.lowered(text, Words.withoutPossessive(text, next))
                if names[Words.hash(joined)]?.contains(where: { $0.lowered == joined }) == true {
                    lowered = joined
                    word = word.lowerBound..<Words.withoutPossessive(text, next).upperBound
                    joinedNext = true
                }
            }
            let hash = Words.hash(lowered)
            // Another word of a known name right beside it (Dawn St. John, Chi-Keung Wu at a
            // sentence's start) is the context an ordinary word needs.
            func besideName(_ word: Range<Int>) -> Bool {
                func known(_ neighbour: Range<Int>) -> Bool {
                    guard Words.isCapitalised(text, neighbour) else { return false }
                    let lowered = Words.lowered(text, Words.withoutPossessive(text, neighbour))
                    return names[Words.hash(lowered)]?.contains(where: { $0.lowered == lowered }) == true
                }
                if word.upperBound + 1 < text.count, text[word.upperBound] == 0x20 || text[word.upperBound] == UInt8(ascii: "-"),
                    var next = Words.next(in: text, from: word.upperBound), next.lowerBound == word.upperBound + 1
                {
                    // Past a particle (Dawn St. John, Luz de la Vega).
                    var hops = 0
                    while hops < 2, lexicons.particles.contains(Words.lowered(text, next)) || Words.lowered(text, next) == Array("st".utf8),
                        let after = Words.next(in: text, from: next.upperBound), after.lowerBound <= next.upperBound + 2
                    {
                        next = after
                        hops += 1
                    }
                    if known(next) { return true }
                }
                if word.lowerBound >= 2, text[word.lowerBound - 1] == 0x20 || text[word.lowerBound - 1] == UInt8(ascii: "-") {
                    // The word before, past the full stop of an abbreviation (St. John).
                    var end = word.lowerBound - 1
                    if end > 0, text[end - 1] == UInt8(ascii: "."), text[word.lowerBound - 1] == 0x20 { end -= 1 }
                    var start = end
                    while start > 0, KeywordIndex.isWordByte(text[start - 1]) { start -= 1 }
                    if start < end, end - start <= 3 || end == word.lowerBound - 1, known(start..<end) { return true }
                    // `St.` of a surname (Dawn St. John): the name word before it.
                    if end - start == 2, Words.lowered(text, start..<end) == Array("st".utf8), start >= 2, text[start - 1] == 0x20 {
                        var before = start - 1
                        while before > 0, KeywordIndex.isWordByte(text[before - 1]) { before -= 1 }
                        if before < start - 1, known(before..<(start - 1)) { return true }
                    }
                }
                return false
            }
            if let candidates = names[hash], let name = candidates.first(where: { $0.lowered == lowered }),
                inCapitals && name.isCommon
                    ? besideName(word)
                        || (WordLexicon.shared.classes(text, word).contains(.givenName) && acceptable(text, word, common: true))
                    : acceptable(text, word, common: name.isCommon) || (Words.isCapitalised(text, word) && besideName(word))
            {
                let end = joinedNext ? word.upperBound : Words.withoutPossessive(text, word).upperBound
                if let rule = StructuralRule.propagated(name.category) {
                    findings.append(Finding(start: word.lowerBound, end: end, rule: ruleSet.index(of: rule)))
                }
            }
            if let candidates = phrases[hash], Words.isCapitalised(text, current),
                let span = phraseMatch(candidates, at: current, in: text, lexicons: lexicons)
            {
                findings.append(Finding(start: span.lowerBound, end: span.upperBound, rule: ruleSet.index(of: .propagatedOrg)))
            }
            if joinedNext { upcoming = upcoming.flatMap { Words.next(in: text, from: $0.upperBound) } }
        }

        // Each value is searched for once: a letter repeats its IDs, and one scan of the text per
        // mention would make a long letter quadratic.
        struct Searched: Hashable {
            var bytes: [UInt8]
            var category: Category
            var known: Bool
        }
        var searched = Set<Searched>()
        for (bytes, category, isKnown) in exact where bytes.count >= (isKnown ? 2 : 4) {
            guard searched.insert(Searched(bytes: bytes, category: category, known: isKnown)).inserted else { continue }
            let rule: StructuralRule = isKnown ? .known(category) : (StructuralRule.propagated(category) ?? .propagatedID)
            Words.occurrences(of: bytes, in: text, caseInsensitive: isKnown) { range in
                findings.append(Finding(start: range.lowerBound, end: range.upperBound, rule: ruleSet.index(of: rule)))
            }
        }
    }

    /// The range of the first of `candidates` whose words follow `first` (at most four bytes
    /// between words), grown over company words that follow on the same line (`CYPRESS RIDGE` +
    /// `CLAIMS` when the name was found as `Cypress Ridge Claims Services`).
    static func phraseMatch(
        _ candidates: [Phrase], at first: Range<Int>, in text: UnsafeBufferPointer<UInt8>, lexicons: Lexicons
    ) -> Range<Int>? {
        for phrase in candidates {
            var last = first
            var matched = true
            for expected in phrase.words.dropFirst() {
                guard let next = Words.next(in: text, from: last.upperBound), next.lowerBound - last.upperBound <= 4,
                    Words.lowered(text, next) == expected
                else {
                    matched = false
                    break
                }
                last = next
            }
            guard matched else { continue }
            while let next = Words.next(in: text, from: last.upperBound) {
                let gap = last.upperBound..<next.lowerBound
                let word = Words.lowered(text, next)
                guard gap.count <= 2, gap.allSatisfy({ text[$0] == 0x20 || text[$0] == UInt8(ascii: ",") }),
                    lexicons.orgGeneric.contains(word), Words.isCapitalised(text, next)
                else { break }
                // After a comma only a legal suffix (`, Inc.`): `Keystone Mutual Insurance Company,
                // Claims Examiner Joy Rivers` goes on with the adjuster's role, not the company.
                if gap.contains(where: { text[$0] == UInt8(ascii: ",") }), !companySuffixes.contains(word) { break }
                last = next
            }
            return first.lowerBound..<last.upperBound
        }
        return nil
    }

    /// Legal suffixes an organisation's name may go on with after a comma.
    static let companySuffixes: Set<[UInt8]> = Set(
        ["inc", "llc", "llp", "lp", "ltd", "corp", "co", "pc", "apc", "pllc", "company", "corporation", "incorporated", "limited"]
            .map { Array($0.utf8) })

    /// Abbreviations that are never a patient's initials.
    static let notInitials: Set<String> = [
        "M.D.", "D.O.", "D.C.", "P.T.", "O.T.", "N.P.", "P.A.", "R.N.", "U.R.", "I.M.R.", "Q.M.E.", "A.M.E.", "D.O.I.",
        "U.S.", "L.A.", "P.O.", "A.M.", "P.M.", "E.R.", "M.R.I.", "C.T.", "E.M.G.", "N.C.V.", "O.R.", "I.V.", "P.R.N.",
    ]

    /// Dotted initials of the patient's name (`A.G.M.` for Araceli Gutiérrez Mendoza, `L.C.` for
    /// Ling Chen, with and without the middle initial), at least two letters.
    static func patientInitials(_ spans: [IdentifierSpan], in text: UnsafeBufferPointer<UInt8>) -> [[UInt8]] {
        var result = Set<String>()
        var seen = Set<String>()
        for span in spans where span.category == .PATIENT && !span.ruleID.hasPrefix("propagate.") {
            let name = String(decoding: UnsafeBufferPointer(rebasing: text[span.start..<span.end]), as: UTF8.self)
            guard seen.insert(name).inserted else { continue }
            // A patient named by dotted initials (`(M.G.)`): those initials are the form.
            if Self.isDottedInitials(name) {
                if !notInitials.contains(name) { result.insert(name) }
                continue
            }
            var parts = name.split { $0 == " " || $0 == "," || $0 == "\n" || $0 == "\r" }.map(String.init)
            // `Last, First` → First Last.
            if name.contains(","), parts.count >= 2 { parts = Array(parts.dropFirst()) + [parts[0]] }
            let letters = parts.compactMap { part -> Character? in
                let lower = part.lowercased()
                guard !["de", "del", "la", "van", "von", "da", "dos", "do", "le", "di", "mr.", "ms.", "mrs.", "dr."].contains(lower),
                    let first = part.first, first.isLetter
                else { return nil }
                return Character(first.uppercased())
            }
            guard letters.count >= 2 else { continue }
            let all = letters.map { "\($0)." }.joined()
            let outer = "\(letters.first!).\(letters.last!)."
            for form in [all, outer] where !notInitials.contains(form) { result.insert(form) }
        }
        return result.sorted().map { Array($0.utf8) }
    }

    /// Two to four capitals, each with its full stop (`M.G.`, `A.G.M.`).
    static func isDottedInitials(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard bytes.count % 2 == 0, (4...8).contains(bytes.count) else { return false }
        return stride(from: 0, to: bytes.count, by: 2).allSatisfy {
            bytes[$0] >= UInt8(ascii: "A") && bytes[$0] <= UInt8(ascii: "Z") && bytes[$0 + 1] == UInt8(ascii: ".")
        }
    }

    /// Copy-list names, names found by the given-name lexicon alone, and their propagated
    /// mentions take the category of the patient or the provider whose name words they share (a
    /// cc entry `Shannon M. O'Rourke` is the patient named `Shannon O'Rourke` in the header).
    static func recategorised(_ spans: [IdentifierSpan], in text: UnsafeBufferPointer<UInt8>) -> [IdentifierSpan] {
        let sources: Set<String> = [StructuralRule.ccPerson.id, StructuralRule.lexiconPerson.id, StructuralRule.lexiconName.id]
        let weak = sources.union([StructuralRule.propagatedPerson.id])
        // Only those kinds of name can change category, and their mentions follow them (also a
        // mention whose source lost to a longer header name: `Patient: Kim, Young-ho`).
        guard spans.contains(where: { $0.category == .PERSON && weak.contains($0.ruleID) }) else { return spans }
        var evidence: [Category: Set<String>] = [:]
        var seen = Set<[UInt8]>()
        for span in spans where (span.category == .PATIENT || span.category == .PROVIDER) && !span.ruleID.hasPrefix("propagate.") {
            // Each name once: its mentions repeat it.
            guard seen.insert(Array(text[span.start..<span.end])).inserted else { continue }
            evidence[span.category, default: []].formUnion(foldedWords(span, in: text))
        }
        guard !evidence.isEmpty else { return spans }
        return spans.map { span in
            guard span.category == .PERSON, weak.contains(span.ruleID) else { return span }
            let words = foldedWords(span, in: text)
            guard !words.isEmpty else { return span }
            let needed = min(2, words.count)
            for category in [Category.PATIENT, .PROVIDER] where (evidence[category]?.intersection(words).count ?? 0) >= needed {
                var changed = span
                changed.category = category
                return changed
            }
            return span
        }
    }

    /// Lower-case, accent-free name words of two letters or more, less particles and titles.
    static func foldedWords(_ span: IdentifierSpan, in text: UnsafeBufferPointer<UInt8>) -> Set<String> {
        let skip: Set<String> = ["de", "del", "la", "van", "von", "da", "dos", "do", "le", "di", "mr", "ms", "mrs", "dr", "md"]
        var result = Set<String>()
        for word in Words.ranges(in: text, within: span.start..<span.end) where word.count >= 2 {
            var value = String(decoding: Words.lowered(text, word), as: UTF8.self)
            if word.contains(where: { text[$0] >= 0x80 }) {
                value = value.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
            }
            if !skip.contains(value) { result.insert(value) }
        }
        return result
    }

    /// A mention counts when it is not in lower case, and, for an ordinary word, when it does not
    /// open a sentence.
    /// An ordinary word (English, clinical, a drug) of the word lexicon, that may also be a name.
    static func isOrdinary(_ lowered: [UInt8]) -> Bool {
        let classes = lowered.withUnsafeBufferPointer { WordLexicon.shared.classes($0, 0..<$0.count) }
        return !classes.isDisjoint(with: .ordinary)
    }

    /// A mention counts when it is not in lower case, and, for an ordinary word, when it does not
    /// open a sentence and no phrase of ordinary words holds it: a capitalised ordinary word that
    /// is no name next to it (`Pain Medicine`, `Low Back`), or `the`, `a`, `of` before it
    /// (`Surgery of the Hand`, `the Rice`).
    static func acceptable(_ text: UnsafeBufferPointer<UInt8>, _ word: Range<Int>, common: Bool) -> Bool {
        guard Words.isCapitalised(text, word) else { return false }
        guard common else { return true }
        // `LAST, First` or `Last, F.`: the form of a name, wherever it stands.
        if word.upperBound + 3 < text.count, text[word.upperBound] == UInt8(ascii: ","), text[word.upperBound + 1] == 0x20,
            let next = Words.next(in: text, from: word.upperBound + 2), next.lowerBound == word.upperBound + 2,
            Words.isCapitalised(text, next)
        {
            if next.count == 1, next.upperBound < text.count, text[next.upperBound] == UInt8(ascii: ".") { return true }
            if WordLexicon.shared.classes(text, next).contains(.givenName) { return true }
        }
        if Words.opensSentence(word, in: text) { return false }
        func ordinaryPhraseWord(_ neighbour: Range<Int>) -> Bool {
            guard Words.isCapitalised(text, neighbour), neighbour.count >= 2 else { return false }
            let lowered = Words.lowered(text, neighbour)
            if titlesAndCredentials.contains(lowered) { return false }
            let classes = lowered.withUnsafeBufferPointer { WordLexicon.shared.classes($0, 0..<$0.count) }
            // Function words (The, Per, Dear) hold no phrase.
            if classes.contains(.stopword) { return false }
            return classes.isDisjoint(with: .name) && !classes.isDisjoint(with: .ordinary)
        }
        if word.upperBound + 1 < text.count, text[word.upperBound] == 0x20,
            let next = Words.next(in: text, from: word.upperBound), next.lowerBound == word.upperBound + 1,
            ordinaryPhraseWord(next)
        {
            return false
        }
        if let previous = NameOnlyWords.previousWord(before: word.lowerBound, in: text),
            ["the", "a", "an", "of"].contains(String(decoding: UnsafeBufferPointer(rebasing: text[previous]), as: UTF8.self))
        {
            return false
        }
        if word.lowerBound >= 2, text[word.lowerBound - 1] == 0x20, KeywordIndex.isWordByte(text[word.lowerBound - 2]) {
            var start = word.lowerBound - 2
            while start > 0, KeywordIndex.isWordByte(text[start - 1]) { start -= 1 }
            if ordinaryPhraseWord(start..<(word.lowerBound - 1)) { return false }
        }
        return true
    }
}

/// A set of 64-bit hashes in a small open-addressing table: a cheap first test before a
/// dictionary lookup, for the many words of a letter that are no name.
struct HashFilter {
    private var slots: [UInt64]
    private let mask: Int

    init(_ hashes: [UInt64]) {
        var size = 16
        while size < hashes.count * 4 { size *= 2 }
        slots = Array(repeating: 0, count: size)
        mask = size - 1
        for hash in hashes where hash != 0 {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 && slots[slot] != hash { slot = (slot + 1) & mask }
            slots[slot] = hash
        }
    }

    @inline(__always)
    func mayContain(_ hash: UInt64) -> Bool {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let value = slots[slot]
            if value == hash { return true }
            if value == 0 { return false }
            slot = (slot + 1) & mask
        }
    }
}

/// Words of a text: runs of letters and digits (any non-ASCII character but general punctuation
/// counts as a letter), with an apostrophe between letters kept inside (`O'Neil`, `O’Neil`).
enum Words {
    static func ranges(in text: UnsafeBufferPointer<UInt8>, within range: Range<Int>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var offset = range.lowerBound
        while let word = next(in: text, from: offset, end: range.upperBound) {
            result.append(word)
            offset = word.upperBound
        }
        return result
    }

    /// The first word at or after `offset` (before `end`, the text's end by default).
    @inline(__always)
    static func next(in text: UnsafeBufferPointer<UInt8>, from start: Int, end: Int? = nil) -> Range<Int>? {
        let end = end ?? text.count
        var offset = start
        while offset < end {
            guard let width = letterWidth(text, offset, end) else {
                offset += 1
                continue
            }
            let first = offset
            offset += width
            while offset < end {
                if let width = letterWidth(text, offset, end) {
                    offset += width
                    continue
                }
                // An apostrophe followed by a letter stays inside the word.
                let apostrophe = text[offset] == 0x27 ? 1 : (isCurlyApostrophe(text, offset, end) ? 3 : 0)
                if apostrophe > 0, offset + apostrophe < end, letterWidth(text, offset + apostrophe, end) != nil {
                    offset += apostrophe
                    continue
                }
                break
            }
            return first..<offset
        }
        return nil
    }

    /// Byte width of the letter or digit at `offset`, or nil.
    @inline(__always)
    static func letterWidth(_ text: UnsafeBufferPointer<UInt8>, _ offset: Int, _ end: Int) -> Int? {
        let byte = text[offset]
        if byte < 0x80 {
            let lower = byte | 0x20
            return (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39) ? 1 : nil
        }
        guard byte >= 0xC0 else { return nil }
        // U+2000–U+206F (general punctuation: dashes, quotes, bullets) is E2 80..81 xx.
        if byte == 0xE2, offset + 1 < end, text[offset + 1] == 0x80 || text[offset + 1] == 0x81 { return nil }
        // U+00A0–U+00BF (no-break space, symbols) is C2 A0..BF; U+00D7 ×, U+00F7 ÷.
        if byte == 0xC2 { return nil }
        if byte == 0xC3, offset + 1 < end, text[offset + 1] == 0x97 || text[offset + 1] == 0xB7 { return nil }
        var width = 1
        while offset + width < end && text[offset + width] & 0xC0 == 0x80 { width += 1 }
        return width
    }

    static func isCurlyApostrophe(_ text: UnsafeBufferPointer<UInt8>, _ offset: Int, _ end: Int) -> Bool {
        offset + 2 < end && text[offset] == 0xE2 && text[offset + 1] == 0x80 && text[offset + 2] == 0x99
    }

    /// The word without a trailing `'s` / `’s`.
    static func withoutPossessive(_ text: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> Range<Int> {
        let end = word.upperBound
        if word.count > 3, text[end - 1] | 0x20 == 0x73 {
            if text[end - 2] == 0x27 { return word.lowerBound..<(end - 2) }
            if word.count > 5, text[end - 2] == 0x99, text[end - 3] == 0x80, text[end - 4] == 0xE2 { return word.lowerBound..<(end - 4) }
        }
        return word
    }

    static func lowered(_ text: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> [UInt8] {
        var bytes = Array(text[word])
        for index in bytes.indices where bytes[index] >= 0x41 && bytes[index] <= 0x5A { bytes[index] |= 0x20 }
        // Curly apostrophes compare as straight ones.
        var index = 0
        while index + 2 < bytes.count {
            if bytes[index] == 0xE2 && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x99 {
                bytes.replaceSubrange(index..<(index + 3), with: [0x27])
            }
            index += 1
        }
        return bytes
    }

    /// `hash(lowered(text, word))` without building the array.
    static func hashLowered(_ text: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> UInt64 {
        var hash = KeywordIndex.hashSeed
        var offset = word.lowerBound
        while offset < word.upperBound {
            var byte = text[offset]
            if byte == 0xE2, offset + 2 < word.upperBound, text[offset + 1] == 0x80, text[offset + 2] == 0x99 {
                byte = 0x27
                offset += 2
            } else if byte >= 0x41 && byte <= 0x5A {
                byte |= 0x20
            }
            hash = KeywordIndex.hashStep(hash, byte)
            offset += 1
        }
        return hash
    }

    static func hash(_ bytes: [UInt8]) -> UInt64 { bytes.reduce(KeywordIndex.hashSeed, KeywordIndex.hashStep) }

    /// Whether `word` opens a sentence: the text starts there, or the last mark before it is a
    /// full stop, `!`, `?`, `:` or a page break.
    static func opensSentence(_ word: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        var offset = word.lowerBound - 1
        while offset >= 0 && (text[offset] == 0x20 || text[offset] == 0x0A || text[offset] == 0x0D || text[offset] == 0x09) {
            offset -= 1
        }
        guard offset >= 0 else { return true }
        let before = text[offset]
        return before == UInt8(ascii: ".") || before == UInt8(ascii: "!") || before == UInt8(ascii: "?")
            || before == UInt8(ascii: ":") || before == 0x0C
    }

    /// Not written in lower case: the first letter is not a lower-case ASCII letter.
    static func isCapitalised(_ text: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> Bool {
        let first = text[word.lowerBound]
        if first >= 0x61 && first <= 0x7A { return false }
        if first >= 0x30 && first <= 0x39 { return false }
        if first >= 0x80 {
            let scalar = String(decoding: UnsafeBufferPointer(rebasing: text[word]), as: UTF8.self).unicodeScalars.first
            return scalar?.properties.isUppercase ?? false
        }
        return true
    }

    /// `next` when `word` ends a line with a hyphen and `next` goes on in lower case on the next.
    static func hyphenContinuation(_ text: UnsafeBufferPointer<UInt8>, _ word: Range<Int>, _ next: Range<Int>) -> Range<Int>? {
        var offset = word.upperBound
        guard offset < text.count, text[offset] == UInt8(ascii: "-") else { return nil }
        offset += 1
        var sawBreak = false
        while offset < next.lowerBound {
            let byte = text[offset]
            if byte == 0x0A || byte == 0x0D {
                sawBreak = true
            } else if !(byte == 0x20 || byte == 0x09 || byte == 0x0C) {
                return nil
            }
            offset += 1
        }
        let first = text[next.lowerBound]
        return sawBreak && first >= 0x61 && first <= 0x7A ? next : nil
    }

    /// Calls `found` for each occurrence of `needle` that does not sit inside a longer word or number.
    static func occurrences(
        of needle: [UInt8], in text: UnsafeBufferPointer<UInt8>, caseInsensitive: Bool, _ found: (Range<Int>) -> Void
    ) {
        guard !needle.isEmpty, needle.count <= text.count, let base = text.baseAddress else { return }
        if !caseInsensitive {
            var offset = 0
            let first = Int32(needle[0])
            while offset + needle.count <= text.count,
                let hit = memchr(base + offset, first, text.count - offset - needle.count + 1)
            {
                let start = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                guard needle.withUnsafeBytes({ memcmp(base + start, $0.baseAddress!, needle.count) }) == 0 else {
                    offset = start + 1
                    continue
                }
                let end = start + needle.count
                let before = start > 0 ? text[start - 1] : 0x20
                let after = end < text.count ? text[end] : 0x20
                if (KeywordIndex.isWordByte(before) && KeywordIndex.isWordByte(needle[0]))
                    || (KeywordIndex.isWordByte(after) && KeywordIndex.isWordByte(needle[needle.count - 1]))
                {
                    offset = start + 1
                    continue
                }
                found(start..<end)
                offset = end
            }
            return
        }
        let folded = needle.map(KeywordIndex.lower)
        let first = folded[0]
        var offset = 0
        let last = text.count - needle.count
        while offset <= last {
            let byte = KeywordIndex.lower(text[offset])
            if byte == first {
                var matched = true
                for index in 1..<max(1, folded.count) where folded.count > 1 {
                    let candidate = KeywordIndex.lower(text[offset + index])
                    if candidate != folded[index] {
                        matched = false
                        break
                    }
                }
                if matched {
                    let end = offset + needle.count
                    let before = offset > 0 ? text[offset - 1] : 0x20
                    let after = end < text.count ? text[end] : 0x20
                    let inside = { (byte: UInt8) in KeywordIndex.isWordByte(byte) }
                    if !(inside(before) && KeywordIndex.isWordByte(needle[0])) && !(inside(after) && KeywordIndex.isWordByte(needle[needle.count - 1])) {
                        found(offset..<end)
                        offset = end
                        continue
                    }
                }
            }
            offset += 1
        }
    }
}
