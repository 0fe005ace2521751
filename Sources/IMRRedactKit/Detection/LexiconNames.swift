/// Names that no title, credential, label or role announces: a given name of the Census lists
/// (`lexicons/given-names.txt`) followed by a capitalised surname, as in `seen with Maria
/// Lopez`. Both words must be written as names (a capital, then lower case), neither may be an
/// ordinary word of the letters (`lexicons/common-words.txt`: `Will`, `Grant`, `Long` need
/// context), a stopword, an organisation word, a title or credential, or a month; the pair may
/// not open a sentence or a line, where capitals say nothing. A middle initial may stand between
/// the two (`Maria L. Lopez`).
///
/// The finding is a PERSON of low priority: a rule or the parse that names the same words wins,
/// and propagation carries the name to its other mentions.
enum LexiconNames {
    /// Hashes of the given names, for a cheap first test of every capitalised word.
    static let filter = HashFilter(NameCompletion.givenNames.map(Words.hash))

    static func findings(in text: UnsafeBufferPointer<UInt8>, ruleSet: RuleSet, into findings: inout [Finding]) {
        let lexicons = ruleSet.lexicons
        let rule = ruleSet.index(of: .lexiconPerson)
        let count = text.count
        var offset = 1
        while offset < count {
            let byte = text[offset]
            // A capital A-Z after a space: most bytes fail here.
            guard byte >= 0x41 && byte <= 0x5A, text[offset - 1] == 0x20 else {
                offset += 1
                continue
            }
            let first = word(at: offset, in: text)
            defer { offset = max(offset + 1, first.upperBound) }
            guard first.count >= 3, first.count <= 12, isNameCased(first, in: text),
                filter.mayContain(Words.hashLowered(text, first))
            else { continue }
            let givenName = Words.lowered(text, first)
            guard NameCompletion.givenNames.contains(givenName), !excluded(givenName, lexicons),
                !NameCompletion.opensSentence(first, in: text)
            else { continue }
            // One space, an optional middle initial and one space, then the surname.
            var next = first.upperBound
            guard next + 1 < count, text[next] == 0x20 else { continue }
            next += 1
            if next + 3 < count, text[next] >= 0x41, text[next] <= 0x5A, text[next + 1] == UInt8(ascii: "."),
                text[next + 2] == 0x20
            {
                next += 3
            }
            guard next < count, (text[next] >= 0x41 && text[next] <= 0x5A) || text[next] >= 0xC0 else { continue }
            let surname = Words.withoutPossessive(text, word(at: next, in: text))
            guard surname.count >= 2, isNameCased(surname, in: text) else { continue }
            let lowered = NameCompletion.folded(text, surname)
            guard !excluded(lowered, lexicons), !lexicons.particles.contains(lowered) else { continue }
            // Not the first words of an organisation (Grant Smith Medical Group), nor a city
            // before its state (Santa Maria, CA).
            if let after = followingWord(surname.upperBound, in: text),
                lexicons.orgGeneric.contains(Words.lowered(text, after))
            {
                continue
            }
            if StructureFindings.starts(text, at: surname.upperBound, with: ", CA")
                || StructureFindings.starts(text, at: surname.upperBound, with: ", Calif")
            {
                continue
            }
            findings.append(Finding(start: first.lowerBound, end: surname.upperBound, rule: rule))
        }
    }

    /// Given names that open place names far more often than they name a person here.
    static let placePrefixes: Set<[UInt8]> = Set(["santa", "san", "saint", "mount", "fort", "lake"].map { Array($0.utf8) })

    static func excluded(_ lowered: [UInt8], _ lexicons: Lexicons) -> Bool {
        placePrefixes.contains(lowered) || lexicons.commonWords.contains(lowered) || lexicons.stopwords.contains(lowered) || lexicons.orgGeneric.contains(lowered)
            || Propagator.titlesAndCredentials.contains(lowered) || NameCompletion.months.contains(lowered)
    }

    /// The word at `start`: letters (any non-ASCII letter), inner apostrophes and hyphens.
    static func word(at start: Int, in text: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        let count = text.count
        var end = start
        while end < count {
            if let width = Words.letterWidth(text, end, count) {
                end += width
            } else if (text[end] == UInt8(ascii: "'") || text[end] == UInt8(ascii: "-")) && end + 1 < count
                && Words.letterWidth(text, end + 1, count) != nil
            {
                end += 1
            } else {
                break
            }
        }
        return start..<end
    }

    /// A capital, then at least one lower-case letter and no digit (not `MRI`, not `L5`).
    static func isNameCased(_ word: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard word.count >= 2, LeftExtender.startsUppercase(word, in: text) else { return false }
        var lower = false
        for index in word.dropFirst() {
            let byte = text[index]
            if byte >= 0x30 && byte <= 0x39 { return false }
            if byte >= 0x61 && byte <= 0x7A || byte >= 0x80 { lower = true }
        }
        return lower
    }

    static func followingWord(_ end: Int, in text: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        guard end + 1 < text.count, text[end] == 0x20, Words.letterWidth(text, end + 1, text.count) != nil else { return nil }
        return word(at: end + 1, in: text)
    }
}
