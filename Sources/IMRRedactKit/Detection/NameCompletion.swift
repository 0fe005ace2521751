import Foundation

/// Completes person-name spans over the words next to them that belong to the same name, once
/// the rules, the parse and propagation have found its other parts:
///
/// - a given name or an initial before a surname that was found (`Rania` + `El-Amin`,
///   `Khalid D.` + `Khoury`): a capitalised word that is no ordinary word of the letters, or a
///   given name of the Census lists (`lexicons/given-names.txt`), or a word of a name of the same
///   category found elsewhere in the letter;
/// - surname particles written as part of the name (`Van Nguyen`, `De La Cruz`, `Thi Lan Do`);
/// - the lower-case part of a hyphenated given name (`Young` + `-ho`);
/// - a particle joined to a surname by a hyphen (`al-` + `Masri`, `el-` + `Amin`), and particles
///   between two parts of one name found apart (`Rolando` + `dela` + `Paz`);
/// - a generational suffix after the name (`Paz` + `Jr.`, `Okafor` + `III`), and an abbreviated
///   given name before it (`Wm.`, `Ma.` + `de los Ángeles`).
///
/// Only words next to a found name are ever taken, so a letter where no name was found (every
/// published letter) is left as it is. Stopwords, titles, credentials, organisation words and
/// headings in capitals never join a name.
enum NameCompletion {
    /// Given names of the 1990 US Census, lower case (see the file's header for provenance).
    /// Read byte by byte: one lower-case name a line, `#` comment lines (faster at start-up than
    /// `Lexicons.words` for a list this long).
    static let givenNames: Set<[UInt8]> = {
        guard let text = EmbeddedResources.file("lexicons/given-names.txt") else { return [] }
        var names = Set<[UInt8]>(minimumCapacity: 6000)
        for line in text.utf8.split(separator: 0x0A) {
            guard let first = line.first, first != UInt8(ascii: "#") else { continue }
            names.insert(line.filter { $0 != 0x0D && $0 != 0x20 }.map(KeywordIndex.lower))
        }
        return names
    }()

    static let months: Set<[UInt8]> = Set(
        [
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        ].map { Array($0.utf8) })

    /// Generational suffixes written after a name (`Jr.`, `Sr.`, `II` ... `IV`), as they are
    /// printed: with their full stop where they have one.
    static let suffixes: [[UInt8]] = ["Jr.", "Sr.", "Jr", "Sr", "JR.", "SR.", "JR", "SR", "II", "III", "IV"].map { Array($0.utf8) }

    /// Abbreviated given names, as English, Spanish and Filipino records write them (`Wm.` for
    /// William, `Chas.` for Charles, `Ma.` for María, `Fco.` for Francisco): capitalised, with a
    /// full stop, and only ever taken next to a name found.
    static let givenNameAbbreviations: Set<[UInt8]> = Set(
        ["wm.", "chas.", "jas.", "jos.", "thos.", "geo.", "robt.", "benj.", "saml.", "edw.", "danl.", "richd.", "jno.",
         "ma.", "fco.", "fdo.", "gpe.", "jse.", "mª."].map { Array($0.utf8) })

    /// The spans with every person name completed; spans stay sorted and disjoint.
    static func completed(_ spans: [IdentifierSpan], in text: UnsafeBufferPointer<UInt8>, lexicons: Lexicons)
        -> [IdentifierSpan]
    {
        guard spans.contains(where: { $0.category.isPersonName }) else { return spans }
        // The words of every name found, by category: read only when a word next to a name needs them.
        let known = NameWords(spans: spans, text: text, lexicons: lexicons)
        var result = spans
        for index in result.indices where result[index].category.isPersonName {
            let category = result[index].category
            let floor = index > 0 ? result[index - 1].end : 0
            let ceiling = index + 1 < result.count ? result[index + 1].start : text.count
            result[index].start = extendLeft(
                from: result[index].start, to: result[index].end, floor: floor, known: known, category: category, in: text, lexicons: lexicons)
            result[index].end = extendRight(from: result[index].end, ceiling: ceiling, known: known, category: category, in: text)
        }
        // Spans that now overlap merge.
        var merged: [IdentifierSpan] = []
        merged.reserveCapacity(result.count)
        for span in result {
            // Overlapping spans, and two parts of one person's name split at a hyphen (El + Amin).
            if var last = merged.last,
                span.start < last.end
                    || (span.category == last.category && span.category.isPersonName && span.start == last.end + 1
                        && text[last.end] == UInt8(ascii: "-"))
                    || (span.category == last.category && span.category.isPersonName
                        && onlyParticles(last.end..<span.start, in: text, lexicons: lexicons))
            {
                last.end = max(last.end, span.end)
                merged[merged.count - 1] = last
                continue
            }
            merged.append(span)
        }
        return merged
    }

    /// Walks left from `start` over at most three words of the name.
    static func extendLeft(
        from start: Int, to end: Int, floor: Int, known: NameWords, category: Category, in text: UnsafeBufferPointer<UInt8>,
        lexicons: Lexicons
    ) -> Int {
        var committed = start
        var cursor = start
        // A particle joined by a hyphen is part of the surname (al-Masri, el-Amin, bin-Laden).
        if start >= 3, start - 1 > floor, text[start - 1] == UInt8(ascii: "-") {
            var particleStart = start - 1
            while particleStart > floor, KeywordIndex.isWordByte(text[particleStart - 1]) { particleStart -= 1 }
            let particle = particleStart..<(start - 1)
            if particle.count >= 2, particle.count <= 4, particleStart == 0 || !KeywordIndex.isWordByte(text[particleStart - 1]),
                isParticle(particle, in: text, lexicons: lexicons)
            {
                cursor = particleStart
                committed = particleStart
            }
        }
        var crossedLine = false
        var taken = 0
        var steps = 0
        // At most three words, with initials and particles between them.
        while taken < 3 && steps < 8 {
            steps += 1
            guard let gap = LeftExtender.gapStart(before: cursor, in: text), gap.start > floor else { break }
            if gap.lines > 0 {
                if crossedLine { break }
                crossedLine = true
            }
            guard let word = LeftExtender.wordBefore(gap.start, in: text), word.lowerBound >= floor else { break }
            let isInitial = word.count == 2 && text[word.lowerBound + 1] == UInt8(ascii: ".") && isUpper(text[word.lowerBound])
            // Most words before a name are in lower case (by, of) and no particle: stop cheaply.
            let upper = LeftExtender.startsUppercase(word, in: text)
            if !upper && !(word.count <= 4 && isParticle(word, in: text, lexicons: lexicons)) { break }
            let lowered = folded(text, word)
            // An abbreviated given name (Wm. Okafor; Ma. de los Ángeles Zepeda) on the same line.
            if gap.lines == 0, upper, givenNameAbbreviations.contains(lowered) {
                cursor = word.lowerBound
                committed = word.lowerBound
                break
            }
            // Titles and abbreviations (Dr., Mr., U.S.) end with a period; an initial is taken above.
            if !isInitial && text[word.upperBound - 1] == UInt8(ascii: ".") { break }
            if isInitial {
                // An initial joins only when a name word precedes it or it touches the name.
                cursor = word.lowerBound
                committed = word.lowerBound
                continue
            }
            if lexicons.particles.contains(lowered) {
                // A particle in capitals is part of the name (Van Nguyen); in lower case only
                // between two name words (Cruz de la Vega), so it waits for the word before it,
                // or when the name was found with it (Mr. da Silva: `da` is then a word of it).
                cursor = word.lowerBound
                if LeftExtender.startsUppercase(word, in: text) || known.words(category).contains(lowered) { committed = word.lowerBound }
                continue
            }
            guard accepts(word, lowered: lowered, known: known, category: category, crossingLine: gap.lines > 0, in: text, lexicons: lexicons)
            else { break }
            // Before initials alone (Initials L.C.) only a given name or a word of the name joins.
            if committed == start && initialsOnly(start..<end, in: text) && !NameCompletion.givenNames.contains(lowered)
                && !known.words(category).contains(lowered)
            {
                break
            }
            cursor = word.lowerBound
            committed = word.lowerBound
            taken += 1
        }
        return committed
    }

    /// Walks right from `end` over the lower-case tail of a hyphenated given name and over
    /// words of the same name written next to it (`Thi Lan` + `Do`).
    static func extendRight(
        from end: Int, ceiling: Int, known: NameWords, category: Category, in text: UnsafeBufferPointer<UInt8>
    ) -> Int {
        var cursor = end
        var taken = 0
        while taken < 3 && cursor < ceiling {
            // A middle initial that ends the name (`Delia M.` in `HOPE, Delia M.`), or the
            // initial of the given name after a surname (`Back, L.`, a running header's form).
            if let initialEnd = initialEnding(at: cursor, ceiling: ceiling, afterComma: taken == 0, in: text) {
                cursor = initialEnd
                break
            }
            if let suffixEnd = suffixEnding(at: cursor, ceiling: ceiling, in: text) {
                cursor = suffixEnd
                break
            }
            var start = cursor
            let hyphen = text[cursor] == UInt8(ascii: "-")
            if hyphen {
                start += 1
            } else if text[cursor] == 0x20 {
                start += 1
                if start < ceiling && text[start] == 0x20 { start += 1 }
            } else {
                break
            }
            guard start < ceiling, let width = Words.letterWidth(text, start, ceiling) else { break }
            // After a space the next part of a name has a capital; after a hyphen, either.
            let capital = (text[start] >= 0x41 && text[start] <= 0x5A) || text[start] >= 0xC0
            // (A capital after a hyphen goes on a double surname: Rania El + -Amin.)
            if !hyphen && !capital { break }
            var stop = start + width
            while stop < ceiling, let next = Words.letterWidth(text, stop, ceiling) { stop += next }
            var word = start..<stop
            // An initial between two parts of the name (Shirley + H. + May).
            if text[cursor] == 0x20, word.count == 1, isUpper(text[start]), stop + 1 < ceiling,
                text[stop] == UInt8(ascii: "."), text[stop + 1] == 0x20, stop + 2 < ceiling,
                let width = Words.letterWidth(text, stop + 2, ceiling)
            {
                var after = stop + 2 + width
                while after < ceiling, let next = Words.letterWidth(text, after, ceiling) { after += next }
                guard known.words(category).contains(folded(text, (stop + 2)..<after)) else { break }
                word = (stop + 2)..<after
                stop = after
            }
            // The word must end there (not `Kim's` inside a longer token) and be a word of the name.
            if stop < text.count, text[stop] == UInt8(ascii: "'") { break }
            let lowered = folded(text, word)
            guard known.words(category).contains(lowered) else { break }
            if text[cursor] == 0x20 && !LeftExtender.startsUppercase(word, in: text) { break }
            cursor = stop
            taken += 1
        }
        return cursor
    }

    /// The end of ` X.` or (with `afterComma`) `, X.` at `offset`: one capital and a period that
    /// nothing but a space, a line end, the text's end or punctuation follows (not `M.D.`, not
    /// the opening of a sentence such as `A. Jones` or `I. The`).
    static func initialEnding(at offset: Int, ceiling: Int, afterComma: Bool, in text: UnsafeBufferPointer<UInt8>) -> Int? {
        var position = offset
        if afterComma, position < ceiling, text[position] == UInt8(ascii: ",") { position += 1 }
        let end = position + 3
        guard end <= ceiling, text[position] == 0x20, isUpper(text[position + 1]), text[position + 2] == UInt8(ascii: ".")
        else { return nil }
        if end == text.count { return end }
        let after = text[end]
        // Two spaces (a column gap), a line end or a mark: the name ends here.
        if after == 0x0A || after == 0x0D || after == 0x09 || after == 0x0C { return end }
        if after == 0x20 {
            guard end + 1 < text.count else { return end }
            let next = text[end + 1]
            return next == 0x20 || next == UInt8(ascii: "|") || next == UInt8(ascii: "-") || next == 0x0A || next == 0x0D ? end : nil
        }
        return after == UInt8(ascii: ",") || after == UInt8(ascii: ";") || after == UInt8(ascii: ")") ? end : nil
    }

    /// The end of a generational suffix at `offset` (` Jr.`, `, Sr.`, ` III`) that ends there:
    /// a space, a line end, the text's end or punctuation after it.
    static func suffixEnding(at offset: Int, ceiling: Int, in text: UnsafeBufferPointer<UInt8>) -> Int? {
        var position = offset
        if position < ceiling, text[position] == UInt8(ascii: ",") { position += 1 }
        guard position < ceiling, text[position] == 0x20 else { return nil }
        position += 1
        for suffix in suffixes where position + suffix.count <= ceiling {
            guard zip(suffix.indices, suffix).allSatisfy({ text[position + $0] == $1 }) else { continue }
            let end = position + suffix.count
            if end == text.count { return end }
            let after = text[end]
            // `II.` ends a sentence; `Jr.` carries its own full stop.
            if after == 0x20 || after == 0x0A || after == 0x0D || after == 0x09 || after == UInt8(ascii: ",")
                || after == UInt8(ascii: ";") || after == UInt8(ascii: ")") || (after == UInt8(ascii: ".") && suffix.last != UInt8(ascii: "."))
            {
                return end
            }
        }
        return nil
    }

    /// Whether `gap` between two parts of a name holds only name particles in lower case, one or
    /// two, with single spaces (`Rolando` + ` dela ` + `Paz`; ` de los `).
    static func onlyParticles(_ gap: Range<Int>, in text: UnsafeBufferPointer<UInt8>, lexicons: Lexicons) -> Bool {
        guard gap.count >= 3, gap.count <= 12, text[gap.lowerBound] == 0x20, text[gap.upperBound - 1] == 0x20 else { return false }
        var words = 0
        var cursor = gap.lowerBound + 1
        while cursor < gap.upperBound - 1 {
            var end = cursor
            while end < gap.upperBound - 1, text[end] >= 0x61, text[end] <= 0x7A { end += 1 }
            guard end > cursor, isParticle(cursor..<end, in: text, lexicons: lexicons) else { return false }
            words += 1
            guard end == gap.upperBound - 1 || (text[end] == 0x20 && end + 1 < gap.upperBound - 1) else { return false }
            cursor = end + 1
        }
        return (1...2).contains(words)
    }

    /// Words that name a person's role in front of the name (`Examiner Joy Rivers`, `Adjuster`,
    /// `Attention`): never part of it. (Taken into the name, they were gone from the output, and
    /// with them what told the header rules where an organisation ends.)
    static let roleWords: Set<[UInt8]> = Set(
        ["examiner", "adjuster", "attention", "contact", "attorney", "counsel", "claimant", "applicant", "employee", "patient",
         "reviewer", "adjustor"].map { Array($0.utf8) })

    /// Whether a capitalised word before a name belongs to it.
    static func accepts(
        _ word: Range<Int>, lowered: [UInt8], known: NameWords, category: Category, crossingLine: Bool,
        in text: UnsafeBufferPointer<UInt8>, lexicons: Lexicons
    ) -> Bool {
        guard LeftExtender.startsUppercase(word, in: text), lowered.count >= 2,
            text[word.upperBound - 1] != UInt8(ascii: "."),
            !lexicons.stopwords.contains(lowered), !lexicons.orgGeneric.contains(lowered),
            !Propagator.titlesAndCredentials.contains(lowered) || isGivenNameNotCredential(word, lowered: lowered, crossingLine: crossingLine, in: text),
            !months.contains(lowered), !roleWords.contains(lowered)
        else { return false }
        // A word of a name of the same kind found elsewhere (MARÍA JOSÉ + N. DE LA CRUZ); else
        // headings and acronyms in capitals are not given names.
        if known.words(category).contains(lowered) { return true }
        // A given name in capitals joins a name in capitals on its line (ROSALIND + KOWALCZYK).
        if !crossingLine, givenNames.contains(lowered), word.allSatisfy({ isUpper(text[$0]) || text[$0] == UInt8(ascii: "-") }),
            word.upperBound + 1 < text.count, isUpper(text[word.upperBound + 1]),
            !WordLexicon.shared.classes(text, word).contains(.stopword), CueNames.cues[lowered] == nil
        {
            return true
        }
        if !LeftExtender.isNameCased(word, in: text) { return false }
        // A word of the English or clinical lists and of no list of names (Otolaryngology,
        // Orthopedics above a name in a header column) is no part of it.
        let classes = WordLexicon.shared.classes(text, word)
        if !classes.isDisjoint(with: .ordinary) && classes.isDisjoint(with: .name) { return false }
        if !lexicons.commonWords.contains(lowered) { return true }
        // An ordinary word (Faith, Long) joins only as a given name and not at a sentence start.
        return givenNames.contains(lowered) && !crossingLine && !Words.opensSentence(word, in: text)
    }

    /// Titles: never a given name, however they are written.
    static let titles: Set<[UInt8]> = Set(["dr", "mr", "mrs", "ms", "miss", "attn", "esq", "jr", "sr"].map { Array($0.utf8) })

    /// Whether a credential's letters before a name are a given name (the interpreter was `Pa` +
    /// `Yer Vang`): credentials are written in capitals or with full stops (PA, P.A.), so a word in
    /// title case that is on the given-name list, inside a sentence and on the name's line, is a
    /// name. Titles (`Dr`, `Mr`) never are.
    static func isGivenNameNotCredential(
        _ word: Range<Int>, lowered: [UInt8], crossingLine: Bool, in text: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        guard !crossingLine, !titles.contains(lowered), givenNames.contains(lowered),
            word.dropFirst().allSatisfy({ text[$0] >= 0x61 && text[$0] <= 0x7A })
        else { return false }
        return !Words.opensSentence(word, in: text)
    }

    /// Whether a name is initials alone (`L.C.`, `A. G. M.`).
    static func initialsOnly(_ range: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        range.count >= 2 && range.allSatisfy { isUpper(text[$0]) || text[$0] == UInt8(ascii: ".") || text[$0] == 0x20 }
    }

    /// Whether a short word is a name particle (`de`, `la`, `van`), without building its bytes.
    static func isParticle(_ word: Range<Int>, in text: UnsafeBufferPointer<UInt8>, lexicons: Lexicons) -> Bool {
        lexicons.particles.contains { particle in
            particle.count == word.count && zip(particle, word).allSatisfy { $0 == KeywordIndex.lower(text[$1]) }
        }
    }

    /// The word in lower case (any script), curly apostrophes as straight ones.
    static func folded(_ text: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> [UInt8] {
        if !word.contains(where: { text[$0] >= 0x80 }) { return Words.lowered(text, word) }
        let string = String(decoding: UnsafeBufferPointer(rebasing: text[word]), as: UTF8.self).lowercased()
        return Array(string.replacingOccurrences(of: "\u{2019}", with: "'").utf8)
    }

    @inline(__always)
    static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
}

/// The words of the person names found in one letter, by category (lower case, less titles,
/// credentials and stopwords; the surname `Do` kept), built on first use. Propagated mentions are
/// skipped: they repeat the words of the names they come from.
final class NameWords {
    private let spans: [IdentifierSpan]
    private let text: UnsafeBufferPointer<UInt8>
    private let lexicons: Lexicons
    private var table: [Category: Set<[UInt8]>]?

    init(spans: [IdentifierSpan], text: UnsafeBufferPointer<UInt8>, lexicons: Lexicons) {
        self.spans = spans
        self.text = text
        self.lexicons = lexicons
    }

    func words(_ category: Category) -> Set<[UInt8]> {
        if let table { return table[category] ?? [] }
        var built: [Category: Set<[UInt8]>] = [:]
        for span in spans where span.category.isPersonName && !span.ruleID.utf8.starts(with: "propagate.".utf8) {
            for word in Words.ranges(in: text, within: span.start..<span.end) {
                let lowered = NameCompletion.folded(text, Words.withoutPossessive(text, word))
                let surnameDo = LeftExtender.isSurnameDo(word, in: text)
                guard lowered.count >= 2,
                    surnameDo || (!Propagator.titlesAndCredentials.contains(lowered) && !lexicons.stopwords.contains(lowered))
                else { continue }
                built[span.category, default: []].insert(lowered)
            }
        }
        table = built
        return built[category] ?? []
    }
}
