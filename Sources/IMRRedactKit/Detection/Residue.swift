/// What redaction left that may still identify someone: after the rules, every token of the
/// letter outside the identifier spans, the protected clinical spans and the allowed public
/// bodies that no safe lexicon knows (issue: "Residue: what is left, flagged").
///
/// - A capitalised word is residue when it is only a name (a Census name on no list of English,
///   clinical or drug words: `Kowalczyk`), or when no lexicon knows it at all (`Lealaiauloto`,
///   a town, a company). A word in capitals counts when it is only a name, or unknown and six
///   letters or more (shorter unknown capitals are abbreviations: `LSO`, `PACU`).
/// - A token with digits is residue when it holds four digits or more and is no year alone
///   (`17605550178`, `H-04417`): the shape of an ID, phone or street number.
///
/// Residue is reported by offset, length and reason, never by its text. `redact --strict` does
/// not write a letter with residue.
public struct ResidueToken: Sendable, Hashable {
    public enum Reason: String, Sendable {
        /// A word that is only a name.
        case nameWord = "name-word"
        /// A capitalised word no lexicon knows.
        case unknownWord = "unknown-word"
        /// A token of four digits or more.
        case number
    }

    public var start: Int
    public var end: Int
    public var reason: Reason

    public init(start: Int, end: Int, reason: Reason) {
        self.start = start
        self.end = end
        self.reason = reason
    }
}

public enum Residue {
    /// The residue of `text` once `identifiers` are masked: tokens outside `identifiers` and
    /// `guarded` (both sorted and disjoint), in text order.
    /// - Complexity: O(n), one hash lookup per capitalised word.
    public static func tokens(
        in text: UnsafeBufferPointer<UInt8>, identifiers: [IdentifierSpan], guarded: [Range<Int>],
        lexicon: WordLexicon = .shared
    ) -> [ResidueToken] {
        var result: [ResidueToken] = []
        // Words the letter shows to be a drug or product (a dose after it, a drug name in
        // parentheses beside it): every mention of them is safe.
        // (By the hash of the lower-case word, `Words.hashLowered`: no array per token.)
        var products = Set<UInt64>()
        var spanIndex = 0
        var guardIndex = 0
        var offset = 0
        let count = text.count
        while offset < count {
            guard isTokenByte(text[offset]) else {
                offset += 1
                continue
            }
            var end = offset + 1
            while end < count {
                if isSymbol(text, end) {
                    break
                } else if isTokenByte(text[end]) {
                    end += 1
                } else if (text[end] == UInt8(ascii: "-") || text[end] == UInt8(ascii: "'")
                    || (text[end] == UInt8(ascii: ".") && isDigit(text[end - 1]))) && end + 1 < count
                    && isTokenByte(text[end + 1]) && !isSymbol(text, end + 1)
                {
                    end += 2
                } else {
                    break
                }
            }
            let token = offset..<end
            offset = max(end, offset + 1)
            if isSymbol(text, token.lowerBound) { continue }
            while spanIndex < identifiers.count && identifiers[spanIndex].end <= token.lowerBound { spanIndex += 1 }
            if spanIndex < identifiers.count && identifiers[spanIndex].start < token.upperBound { continue }
            while guardIndex < guarded.count && guarded[guardIndex].upperBound <= token.lowerBound { guardIndex += 1 }
            if guardIndex < guarded.count && guarded[guardIndex].lowerBound < token.upperBound {
                // A capitalised word inside a protected clinical span (a dose, a guideline) is
                // clinical wherever else the letter writes it.
                if text[token.lowerBound] >= 0x41 && text[token.lowerBound] <= 0x5A { products.insert(Words.hashLowered(text, token)) }
                continue
            }
            // A brand (Voltaren®, Brand™), and a number after `#` (a unit, a record: #482).
            if token.upperBound < count, isSymbol(text, token.upperBound) { continue }
            if token.lowerBound > 2, text[token.lowerBound - 1] == UInt8(ascii: "#"), text[token.lowerBound - 2] == 0x20,
                text[token.lowerBound - 3] == UInt8(ascii: ","), isDigit(text[token.lowerBound])
            {
                result.append(ResidueToken(start: token.lowerBound, end: token.upperBound, reason: .number))
                continue
            }
            if let reason = reason(token, in: text, lexicon: lexicon) {
                if reason == .unknownWord {
                    let lowered = Words.hashLowered(text, token)
                    if products.contains(lowered) { continue }
                    if isProduct(token, in: text, lexicon: lexicon) {
                        products.insert(lowered)
                        continue
                    }
                }
                if reason != .number && NameOnlyWords.vetoedByContext(token, wordEnd: token.upperBound, in: text, lexicon: lexicon) {
                    continue
                }
                result.append(ResidueToken(start: token.lowerBound, end: token.upperBound, reason: reason))
            }
        }
        return result.filter { $0.reason != .unknownWord || !products.contains(Words.hashLowered(text, $0.start..<$0.end)) }
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// Units of a dose or strength after a product's name (Brandname 2.4 mg, Brandname 10 units).
    static let doseUnits: [[UInt8]] = ["mg", "mcg", "ml", "g", "units", "unit", "iu", "%", "mg/ml", "tab", "tabs", "tablet", "tablets", "cap", "caps", "capsule", "capsules", "patch", "cream", "gel", "injection", "injections", "pen"].map { Array($0.utf8) }

    /// Whether the letter shows `token` to be a drug or product: a dose or a dosage form after
    /// it (`Brandname 2.4 mg`, `Brandname tablets`), or a drug name of the lists in parentheses
    /// right after or right before it (`Brandname (semaglutide)`, `semaglutide (Brandname)`).
    static func isProduct(_ token: Range<Int>, in text: UnsafeBufferPointer<UInt8>, lexicon: WordLexicon) -> Bool {
        let count = text.count
        var cursor = token.upperBound
        while cursor < count, text[cursor] == 0x20 { cursor += 1 }
        if cursor < count, text[cursor] == UInt8(ascii: "(") {
            if let word = Words.next(in: text, from: cursor + 1), word.lowerBound == cursor + 1,
                lexicon.classes(text, word).contains(.drug)
            {
                return true
            }
        }
        if cursor < count, isDigit(text[cursor]) {
            while cursor < count, isDigit(text[cursor]) || text[cursor] == UInt8(ascii: ".") || text[cursor] == UInt8(ascii: "/") { cursor += 1 }
            while cursor < count, text[cursor] == 0x20 { cursor += 1 }
        }
        if let word = Words.next(in: text, from: cursor), word.lowerBound == cursor {
            let lowered = Words.lowered(text, word)
            if doseUnits.contains(lowered) { return true }
        }
        // `drugname (Brandname)`
        if token.lowerBound >= 3, text[token.lowerBound - 1] == UInt8(ascii: "("), text[token.lowerBound - 2] == 0x20 {
            var start = token.lowerBound - 2
            while start > 0, KeywordIndex.isWordByte(text[start - 1]) { start -= 1 }
            if start < token.lowerBound - 2, lexicon.classes(text, start..<(token.lowerBound - 2)).contains(.drug) { return true }
        }
        return false
    }

    /// ® (C2 AE), © (C2 A9) or ™ (E2 84 A2) at `offset`: a mark, not a letter.
    static func isSymbol(_ text: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Bool {
        let byte = text[offset]
        if byte == 0xC2, offset + 1 < text.count { return text[offset + 1] == 0xAE || text[offset + 1] == 0xA9 }
        if byte == 0xE2, offset + 2 < text.count { return text[offset + 1] == 0x84 && text[offset + 2] == 0xA2 }
        return false
    }

    /// Endings of English and clinical derivation: a capitalised word no list holds that ends so
    /// is a word (Postsurgical, Hyperstimulation, Tricyclics), seldom a name.
    static let wordEndings: [[UInt8]] = [
        "tion", "tions", "sion", "sions", "ment", "ments", "ness", "ity", "ities", "ogram", "ograms", "ography", "itis",
        "ectomy", "otomy", "ostomy", "plasty", "osis", "oses", "ology", "ologist", "ologists", "ological", "ium", "ics",
        "ical", "ically", "ive", "ives", "ous", "able", "ible", "ism", "isms", "ize", "ized", "ization", "ised",
        "isation", "ally", "ary", "ory", "opathy", "algia", "emia", "uria", "ectasis", "scopy", "graphy", "ant", "ants",
        "ent", "ents", "ance", "ence", "ate", "ates", "ated", "ating", "ide", "ides", "ase",
    ].map { Array($0.utf8) }

    /// Prefixes of English and clinical words: what follows is a word of the lists
    /// (Postsurgical, Nonoperative, Intra-articular).
    static let wordPrefixes: [[UInt8]] = [
        "pre", "post", "non", "anti", "hyper", "hypo", "intra", "inter", "sub", "supra", "trans", "multi", "micro",
        "poly", "peri", "para", "re", "un", "over", "under", "semi", "pseudo", "neuro", "electro", "co",
    ].map { Array($0.utf8) }

    /// Whether a word no list holds reads as a derived English or clinical word.
    static func isDerivedWord(_ token: Range<Int>, in text: UnsafeBufferPointer<UInt8>, lexicon: WordLexicon) -> Bool {
        let lowered = Words.lowered(text, token)
        guard lowered.count >= 6 else { return false }
        for ending in wordEndings where lowered.count > ending.count + 3 && lowered.suffix(ending.count).elementsEqual(ending) {
            return true
        }
        for prefix in wordPrefixes where lowered.count >= prefix.count + 4 && lowered.prefix(prefix.count).elementsEqual(prefix) {
            var rest = token.lowerBound + prefix.count
            if text[rest] == UInt8(ascii: "-") { rest += 1 }
            let classes = lexicon.classes(text, rest..<token.upperBound)
            if !classes.isDisjoint(with: .safe) { return true }
        }
        return false
    }

    @inline(__always)
    static func isTokenByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte >= 0x80
    }

    /// Why `token` is residue, or `nil` when it is not.
    static func reason(_ token: Range<Int>, in text: UnsafeBufferPointer<UInt8>, lexicon: WordLexicon) -> ResidueToken.Reason? {
        var digits = 0
        var upper = 0
        var lower = 0
        var other = 0
        for index in token {
            let byte = text[index]
            if byte >= 0x30 && byte <= 0x39 {
                digits += 1
            } else if byte >= 0x41 && byte <= 0x5A {
                upper += 1
            } else if byte >= 0x61 && byte <= 0x7A {
                lower += 1
            } else if byte >= 0x80 {
                other += 1
            }
        }
        if digits > 0 {
            // A code or section (729.1, 9792.24.1), a decimal: no identifier's shape.
            guard digits >= 4, !token.contains(where: { text[$0] == UInt8(ascii: ".") }) else { return nil }
            // A year alone (1999, 2016) is no identifier (spec: a year on its own).
            if digits == 4 && token.count == 4 && (text[token.lowerBound] == 0x31 || text[token.lowerBound] == 0x32) {
                return nil
            }
            return .number
        }
        let first = text[token.lowerBound]
        // A word that opens in lower case is an ordinary word, or no name written as one.
        let capitalised = (first >= 0x41 && first <= 0x5A) || (first >= 0xC3 && first <= 0xC5 && token.count > 1
            && text[token.lowerBound + 1] >= 0x80 && text[token.lowerBound + 1] <= 0x9E)
        guard capitalised, upper + lower + other >= 3 else { return nil }
        let allCapitals = lower == 0 && other == 0
        // Abbreviations: three capitals or fewer (DOI, KIM is a name only in a name's slot),
        // and their plurals (MRIs, ESIs).
        if allCapitals && token.count <= 3 { return nil }
        if lower == 1, text[token.upperBound - 1] == UInt8(ascii: "s"), token.count <= 6 { return nil }
        let classes = wordClasses(token, in: text, lexicon: lexicon)
        if classes.isOnlyName { return .nameWord }
        guard classes.isEmpty else { return nil }
        if allCapitals && token.count < 6 { return nil }
        if isDerivedWord(token, in: text, lexicon: lexicon) { return nil }
        return .unknownWord
    }

    /// The lists that hold the word, or for a hyphenated word no list holds, what its parts
    /// say: safe when every part is known and none is only a name.
    static func wordClasses(_ token: Range<Int>, in text: UnsafeBufferPointer<UInt8>, lexicon: WordLexicon) -> WordClasses {
        let whole = lexicon.classes(text, token)
        guard whole.isEmpty, token.contains(where: { text[$0] == UInt8(ascii: "-") || text[$0] == UInt8(ascii: "'") })
        else { return whole }
        var start = token.lowerBound
        var combined = WordClasses()
        var sawUnknown = false
        for index in token.lowerBound...token.upperBound
        where index == token.upperBound || text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "'") {
            let part = start..<index
            start = index + 1
            guard part.count >= 2 else { continue }
            let classes = lexicon.classes(text, part)
            if classes.isOnlyName { return classes }
            if classes.isEmpty { sawUnknown = true }
            combined.formUnion(classes)
        }
        return sawUnknown ? [] : combined
    }
}
