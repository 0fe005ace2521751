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
        let count = text.count
        guard count > 17, let base = text.baseAddress else { return }
        let lexicons = ruleSet.lexicons
        let rule = ruleSet.index(of: .lexiconPerson)
        let raw = UnsafeRawPointer(base)
        let space = SIMD16<UInt8>(repeating: 0x20)
        let capitalA = SIMD16<UInt8>(repeating: 0x41)
        let letters = SIMD16<UInt8>(repeating: 26)
        var offset = 1
        while offset < count {
            // Sixteen positions at a time while none holds a capital A-Z right after a space.
            if offset + 16 <= count {
                let bytes = raw.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt8>.self)
                let before = raw.loadUnaligned(fromByteOffset: offset - 1, as: SIMD16<UInt8>.self)
                if !any((before .== space) .& ((bytes &- capitalA) .< letters)) {
                    offset += 16
                    continue
                }
                let chunkEnd = offset + 16
                while offset < chunkEnd {
                    if text[offset - 1] == 0x20 && text[offset] >= 0x41 && text[offset] <= 0x5A {
                        offset = candidate(at: offset, in: text, lexicons: lexicons, rule: rule, into: &findings)
                    } else {
                        offset += 1
                    }
                }
                continue
            }
            if text[offset - 1] == 0x20 && text[offset] >= 0x41 && text[offset] <= 0x5A {
                offset = candidate(at: offset, in: text, lexicons: lexicons, rule: rule, into: &findings)
            } else {
                offset += 1
            }
        }
    }

    /// Tests the capitalised word at `offset` (after a space) as a given name opening a name;
    /// returns where the scan goes on.
    static func candidate(
        at offset: Int, in text: UnsafeBufferPointer<UInt8>, lexicons: Lexicons, rule: Int, into findings: inout [Finding]
    ) -> Int {
        let count = text.count
        guard offset + 1 < count, (text[offset + 1] >= 0x61 && text[offset + 1] <= 0x7A) || text[offset + 1] >= 0x80 else {
            return offset + 1
        }
        // Fast path: a run of ASCII lower-case letters that ends in a space and a capital; any
        // other shape of word goes through `word(at:)`.
        var end = offset + 1
        while end < count && text[end] >= 0x61 && text[end] <= 0x7A { end += 1 }
        if end < count && text[end] == 0x20 {
            guard end + 1 < count, (text[end + 1] >= 0x41 && text[end + 1] <= 0x5A) || text[end + 1] >= 0xC0 else {
                return end + 1
            }
        } else if end < count && (text[end] < 0x80 && text[end] != UInt8(ascii: "'") && text[end] != UInt8(ascii: "-")) {
            // Ends in punctuation or a digit: no pair follows.
            return end + 1
        }
        let first = word(at: offset, in: text)
        let resume = max(offset + 1, first.upperBound)
        // Cheap tests first: a name-cased word, one space, an optional middle initial and one
        // space, then a capital.
        guard first.count >= 3, first.count <= 12 else { return resume }
        var next = first.upperBound
        guard next + 1 < count, text[next] == 0x20 else { return resume }
        next += 1
        if next + 3 < count, text[next] >= 0x41, text[next] <= 0x5A, text[next + 1] == UInt8(ascii: "."),
            text[next + 2] == 0x20
        {
            next += 3
        }
        guard next < count, (text[next] >= 0x41 && text[next] <= 0x5A) || text[next] >= 0xC0,
            isNameCased(first, in: text), filter.mayContain(Words.hashLowered(text, first))
        else { return resume }
        // The cheap tests of the context before any lookup.
        guard !Words.opensSentence(first, in: text) else { return resume }
        let surname = Words.withoutPossessive(text, word(at: next, in: text))
        guard surname.count >= 2, isNameCased(surname, in: text),
            !StructureFindings.starts(text, at: surname.upperBound, with: ", CA"),
            !StructureFindings.starts(text, at: surname.upperBound, with: ", Calif")
        else { return resume }
        let givenName = Words.lowered(text, first)
        guard NameCompletion.givenNames.contains(givenName), !excluded(givenName, lexicons) else { return resume }
        let lowered = NameCompletion.folded(text, surname)
        guard !excluded(lowered, lexicons), !lexicons.particles.contains(lowered) else { return resume }
        // Not the first words of an organisation (Grant Smith Medical Group); not a city before
        // its state (Santa Maria, CA: above).
        if let after = followingWord(surname.upperBound, in: text), lexicons.orgGeneric.contains(Words.lowered(text, after)) {
            return resume
        }
        findings.append(Finding(start: first.lowerBound, end: surname.upperBound, rule: rule))
        return resume
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
