/// Names by lexicon, after deid.pl's split: a capitalised word that is **only a name** (a
/// surname or given name of the Census lists, and on no list of English words, clinical words,
/// drug names, eponyms, months, places or ordinary words of the letters) is a name wherever it
/// stands (`Kowalczyk`, `Okonkwo-Barnes`). A name that is also an ordinary word (Hope, Rice,
/// Back, Hand) is left to context: titles, credentials, header labels, propagation.
///
/// The finding is the word alone, a PERSON of the lowest priority: name completion joins the
/// words around it (given names, initials, particles), recategorisation makes it the patient's
/// or a provider's when it shares their name, propagation carries it to its other mentions.
///
/// Context that says a name word is no person here: an eponym's noun after it (`Hawkins test`,
/// `Fritz classification`), a citation (`Chou et al.`, `(Bigos, 1999)`), a state after it (a
/// town: `Lodi, CA`), an organisation word after it (the organisation rules take it).
enum NameOnlyWords {
    /// Nouns after an eponym: the word before them names a test, sign or device, not a person here.
    static let eponymNouns: Set<[UInt8]> = Set(
        [
            "test", "tests", "sign", "signs", "maneuver", "maneuvers", "manoeuvre", "reflex", "classification", "criteria",
            "score", "scale", "monitor", "dynamometer", "disease", "syndrome", "procedure", "fracture", "position",
            "technique", "method", "protocol", "index", "questionnaire", "catheter", "tube", "stockings", "hose",
            "brace", "splint", "law", "phenomenon", "contracture", "deformity", "palsy", "neuroma", "lesion",
            // Grading systems named for their authors (Kellgren-Lawrence grade 3, Outerbridge stage).
            "grade", "grades", "grading", "stage", "stages", "type", "types", "class",
            // Devices and products called by their maker's name (a Zimmer knee, a Jobst glove).
            "lift", "lifts", "vest", "pump", "pumps", "system", "device", "devices", "unit", "units", "machine", "chair",
            "bed", "walker", "cane", "boot", "collar", "pillow", "cushion", "mattress", "sensor", "meter", "stimulator",
            "glove", "gloves", "sleeve", "wrap", "pad", "pads", "patch", "shoe", "shoes", "insert", "inserts", "orthosis",
            "stocking", "knee", "hip", "implant", "prosthesis", "wheelchair", "scooter", "kit", "sling",
        ].map { Array($0.utf8) })

    /// The last words of a role or a desk rather than a person (`mayBeName`).
    static let roleNouns = [
        "manager", "supervisor", "director", "coordinator", "adjuster", "examiner", "representative", "specialist",
        "administrator", "clerk", "officer", "department", "dept", "desk", "team", "unit", "office", "resources", "payroll",
    ].map { Array($0.utf8) }
    static let roleNounHashes = HashFilter(roleNouns.map(Words.hash))

    /// Words before a product, never before a person's surname alone (a Hoyer lift, the Zoll).
    static let determiners: Set<[UInt8]> = Set(
        ["a", "an", "the", "this", "that", "these", "those", "each", "every", "any", "no", "another", "such", "standard", "electric", "portable", "manual", "mechanical"]
            .map { Array($0.utf8) })

    /// Appends a finding for every capitalised word of `text` that is only a name.
    /// - Complexity: O(n), one hash lookup per capitalised word.
    ///
    /// In a note written in capitals (`inCapitals`) a word in capitals of four letters or more
    /// counts as well when it is only a name and a given name stands right before it (`KATIE
    /// MAHONEY`, `AGNES MUNROE`): capitals say nothing there, and many Census surnames are the
    /// note's own shorthand when they stand alone (`BOLUS`, `SERO`, `BRADY`).
    static func findings(
        in text: UnsafeBufferPointer<UInt8>, ruleSet: RuleSet, lexicon: WordLexicon = .shared, inCapitals: Bool = false, into findings: inout [Finding]
    ) {
        let rule = ruleSet.index(of: .lexiconName)
        var offset = 0
        let count = text.count
        while offset < count {
            // The next word that opens with an ASCII capital after a non-letter.
            let byte = text[offset]
            guard byte >= 0x41 && byte <= 0x5A, offset == 0 || !KeywordIndex.isWordByte(text[offset - 1]) else {
                offset += 1
                continue
            }
            let word = LexiconNames.word(at: offset, in: text)
            offset = max(offset + 1, word.upperBound)
            let plain = Words.withoutPossessive(text, word)
            let written = isTitleCased(plain, in: text)
                || (inCapitals && plain.count >= 4 && plain.allSatisfy { text[$0] >= 0x41 && text[$0] <= 0x5A || text[$0] == UInt8(ascii: "-") }
                    && besideGivenName(plain, in: text, lexicon: lexicon))
            guard plain.count >= 3, written, isOnlyName(plain, in: text, lexicon: lexicon),
                !vetoedByContext(plain, wordEnd: word.upperBound, in: text, lexicon: lexicon)
            else { continue }
            findings.append(Finding(start: plain.lowerBound, end: plain.upperBound, rule: rule))
        }
    }

    /// Whether `span` holds a word that may be a name: a Census name, or a word written as a
    /// name (a capital, then lower case) that no lexicon knows (a surname the Census lists lack).
    /// Words in capitals count only when they are only names: in notes written in capitals the
    /// words no lexicon knows are abbreviations (`LCX`, `PACU`), and `PUMP`, `PAIN` are Census
    /// surnames too.
    /// A span that ends in a job's or a desk's name (`Attn: Store Manager`, `Attn: Claims
    /// Supervisor`, `c/o Payroll Department`) names a role, not a person.
    static func mayBeName(_ span: Range<Int>, in text: UnsafeBufferPointer<UInt8>, lexicon: WordLexicon = .shared) -> Bool {
        let words = Words.ranges(in: text, within: span)
        if let last = words.last, roleNounHashes.mayContain(Words.hashLowered(text, last)) { return false }
        for word in words {
            let plain = Words.withoutPossessive(text, word)
            // A letter alone is a name's initial only with its full stop (`J.`, not `N/V`, `R arm`).
            if plain.count < 2 {
                if plain.upperBound < text.count && text[plain.upperBound] == UInt8(ascii: ".") { return true }
                continue
            }
            if plain.contains(where: { text[$0] >= 0x80 }) { return true }
            let classes = lexicon.classes(text, plain)
            if isTitleCased(plain, in: text) {
                if !classes.isDisjoint(with: .name) || classes.isEmpty { return true }
            } else if classes.isOnlyName {
                return true
            }
        }
        return false
    }

    /// A capital, then lower-case letters (parts after a hyphen or apostrophe may open with a
    /// capital again: `Okonkwo-Barnes`, `O'Dowd`); no digit.
    static func isTitleCased(_ word: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        var lower = 0
        var partStart = true
        for index in word {
            let byte = text[index]
            if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "'") {
                partStart = true
                continue
            }
            if byte >= 0x41 && byte <= 0x5A {
                guard partStart else { return false }
            } else if byte >= 0x61 && byte <= 0x7A || byte >= 0x80 {
                lower += 1
            } else {
                return false
            }
            partStart = false
        }
        return lower >= 1
    }

    /// The word, or each part of a hyphenated word, is only a name (no part an ordinary word;
    /// particles such as `al`, `el`, `bin` may stand before a name part).
    static func isOnlyName(_ word: Range<Int>, in text: UnsafeBufferPointer<UInt8>, lexicon: WordLexicon) -> Bool {
        let whole = lexicon.classes(text, word)
        if whole.isOnlyName { return true }
        guard whole.isEmpty, word.contains(where: { text[$0] == UInt8(ascii: "-") }) else { return false }
        var sawName = false
        var start = word.lowerBound
        for index in word.lowerBound...word.upperBound where index == word.upperBound || text[index] == UInt8(ascii: "-") {
            let part = start..<index
            start = index + 1
            guard part.count >= 2 else { return false }
            if Lexicons.defaultParticles.contains(Words.lowered(text, part)) { continue }
            let classes = lexicon.classes(text, part)
            if classes.isOnlyName { sawName = true } else if !classes.isDisjoint(with: .ordinary) { return false }
        }
        return sawName
    }

    /// A given name of the lexicon right before `word`, one space away on its line.
    static func besideGivenName(_ word: Range<Int>, in text: UnsafeBufferPointer<UInt8>, lexicon: WordLexicon) -> Bool {
        guard word.lowerBound >= 3, text[word.lowerBound - 1] == 0x20, let previous = LeftExtender.wordBefore(word.lowerBound - 1, in: text),
            previous.count >= 2, text[previous.upperBound - 1] != UInt8(ascii: ".")
        else { return false }
        let classes = lexicon.classes(text, previous)
        return classes.contains(.givenName) && !classes.contains(.stopword)
    }

    /// Whether what stands around the word says it is no person's name here.
    static func vetoedByContext(_ word: Range<Int>, wordEnd: Int, in text: UnsafeBufferPointer<UInt8>, lexicon: WordLexicon) -> Bool {
        let count = text.count
        let after = wordEnd
        // A determiner or a product's adjective before it (the Hoyer lift, a Zoll): a maker's name.
        if let previous = previousWord(before: word.lowerBound, in: text), determiners.contains(Words.lowered(text, previous)) {
            return true
        }
        // A model number or a product word in camel case after it (Libre 3, Zoll LifeVest). A
        // year or a date is no model number (Marlow 10-14-16). A placeholder reads as what it
        // stands for, so that a second redaction reads as the first: an ID, an age or a phone
        // as a number (Zoll [ID]), a date as a date.
        if after + 1 < count, text[after] == 0x20 {
            let next = text[after + 1]
            if next >= 0x30 && next <= 0x39 && !(after + 5 <= count && (text[after + 1] == 0x31 || text[after + 1] == 0x32)
                && (after + 1..<after + 5).allSatisfy({ text[$0] >= 0x30 && text[$0] <= 0x39 }))
                && !startsNumericDate(after + 1, in: text)
            {
                return true
            }
            if next == UInt8(ascii: "["), let category = Placeholders.category(at: after + 1, in: text),
                category == .ID || category == .AGE || category == .CONTACT
            {
                return true
            }
            if next >= 0x41 && next <= 0x5A {
                let following = LexiconNames.word(at: after + 1, in: text)
                if following.count >= 4, following.dropFirst().contains(where: { text[$0] >= 0x41 && text[$0] <= 0x5A }),
                    following.contains(where: { text[$0] >= 0x61 && text[$0] <= 0x7A })
                {
                    return true
                }
            }
        }
        if StructureFindings.starts(text, at: after, with: " et al") || StructureFindings.starts(text, at: after, with: ", et al")
            || StructureFindings.starts(text, at: after, with: " and colleagues")
        {
            return true
        }
        // (Bigos, 1999), (Vespa,\n2005), Chou 2009: an author and a year.
        var probe = after
        if probe < count && text[probe] == UInt8(ascii: ",") { probe += 1 }
        probe = skipBlanks(from: probe, in: text, lines: 1)
        if probe < count && text[probe] == UInt8(ascii: "(") { probe += 1 }
        if probe + 4 <= count, text[probe] == UInt8(ascii: "1") || text[probe] == UInt8(ascii: "2"),
            (probe..<probe + 4).allSatisfy({ text[$0] >= 0x30 && text[$0] <= 0x39 }),
            probe + 4 == count || !KeywordIndex.isWordByte(text[probe + 4])
        {
            return true
        }
        // A cited author (Vancouver style): initials without a comma, then a line end or a
        // comma (Harris J.\nOccupational ..., Chou R, Qaseem A). A person's own initial follows a
        // comma (Back, L.) or goes on to the surname (Delia M. Hope).
        if after + 2 < count, text[after] == 0x20, text[after + 1] >= 0x41, text[after + 1] <= 0x5A {
            var end = after + 2
            if end < count, text[end] >= 0x41, text[end] <= 0x5A { end += 1 }
            if end < count, text[end] == UInt8(ascii: ",") { return true }
            if end < count, text[end] == UInt8(ascii: ".") {
                let rest = skipBlanks(from: end + 1, in: text, lines: 0)
                if rest == count || text[rest] == 0x0A { return true }
            }
        }
        // A town: one more capitalised word at most, then a state (Ann Arbor (MI), Lodi, CA).
        if followedByState(after, in: text) { return true }
        // The next words: an eponym's noun (Hawkins test, Watson's\nsign, Hawkin's impingement
        // test), or an organisation's word.
        var cursor = skipBlanks(from: after, in: text, lines: 2, hyphens: true)
        for position in 0..<2 {
            guard cursor < count, Words.letterWidth(text, cursor, count) != nil else { return false }
            let next = LexiconNames.word(at: cursor, in: text)
            if eponymNouns.contains(Words.lowered(text, next)) { return true }
            if position == 0 {
                let classes = lexicon.classes(text, Words.withoutPossessive(text, next))
                if LeftExtender.startsUppercase(next, in: text) && !classes.isDisjoint(with: [.orgHead, .orgGeneric]) { return true }
                // Only a lower-case word or a second eponym (Patrick-Faber's test) may stand
                // between an eponym and its noun.
                if LeftExtender.startsUppercase(next, in: text) && !classes.contains(.eponym) { return false }
            }
            cursor = skipBlanks(from: next.upperBound, in: text, lines: 1)
        }
        return false
    }

    /// Whether a numeric date starts at `offset`: month, day and year (`10-14-16`, `3/4/2015`,
    /// `1.2.19`), or month and a four-digit year (`10/2016`), then no letter or digit.
    static func startsNumericDate(_ offset: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = text.count
        var cursor = offset
        func digits() -> Int {
            let start = cursor
            while cursor < count, text[cursor] >= 0x30 && text[cursor] <= 0x39 { cursor += 1 }
            return cursor - start
        }
        guard (1...2).contains(digits()), cursor < count else { return false }
        let separator = text[cursor]
        guard separator == UInt8(ascii: "/") || separator == UInt8(ascii: "-") || separator == UInt8(ascii: ".") else { return false }
        cursor += 1
        let second = digits()
        var isDate = second == 4
        if (1...2).contains(second), cursor + 1 < count, text[cursor] == separator {
            cursor += 1
            isDate = [2, 4].contains(digits())
        }
        return isDate && (cursor == count || !KeywordIndex.isWordByte(text[cursor]))
    }

    /// The lower-case word that ends one space before `offset`, on the same line.
    static func previousWord(before offset: Int, in text: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        guard offset >= 2, text[offset - 1] == 0x20 else { return nil }
        var start = offset - 1
        while start > 0, text[start - 1] >= 0x61 && text[start - 1] <= 0x7A { start -= 1 }
        guard start < offset - 1, start == 0 || !KeywordIndex.isWordByte(text[start - 1]) else { return nil }
        return start..<(offset - 1)
    }

    /// Past spaces, tabs, form feeds and at most `lines` line ends (and hyphens, when asked).
    static func skipBlanks(from start: Int, in text: UnsafeBufferPointer<UInt8>, lines: Int, hyphens: Bool = false) -> Int {
        var offset = start
        var seen = 0
        while offset < text.count {
            let byte = text[offset]
            if byte == 0x20 || byte == 0x09 || byte == 0x0C || byte == 0x0D || (hyphens && byte == UInt8(ascii: "-")) {
                offset += 1
            } else if byte == 0x0A && seen < lines {
                seen += 1
                offset += 1
            } else {
                break
            }
        }
        return offset
    }

    /// US state codes, for `followedByState`.
    static let stateCodes: Set<[UInt8]> = Set(
        [
            "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD",
            "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC",
            "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC",
        ].map { Array($0.utf8) })

    /// Whether `, XX`, ` (XX)` or `, California` follows at `offset`, or after one more
    /// capitalised word: the words before are a town's name.
    static func followedByState(_ offset: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        if stateFollows(at: offset, in: text) { return true }
        guard offset + 1 < text.count, text[offset] == 0x20, text[offset + 1] >= 0x41, text[offset + 1] <= 0x5A else { return false }
        let next = LexiconNames.word(at: offset + 1, in: text)
        return stateFollows(at: next.upperBound, in: text)
    }

    /// Whether `, XX`, ` XX`, ` (XX)` (a state code) or `, Calif...` follows right at `offset`.
    static func stateFollows(at offset: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        if StructureFindings.starts(text, at: offset, with: ", Calif") { return true }
        var position = offset
        if position < text.count && text[position] == UInt8(ascii: ",") { position += 1 }
        let blank = skipBlanks(from: position, in: text, lines: 1)
        guard blank > position, blank < text.count else { return false }
        position = blank
        if text[position] == UInt8(ascii: "(") { position += 1 }
        guard position + 2 <= text.count, stateCodes.contains(Array(text[position..<position + 2])) else { return false }
        return position + 2 == text.count || !KeywordIndex.isWordByte(text[position + 2])
    }
}
