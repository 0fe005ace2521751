/// Names announced by the word before them, in any case: clinical notes write `dr green aware`,
/// `pt's son Rob`, `MRS LEY HERE`, `daughter "sarah"`, where no capital marks the name.
///
/// - After a title (`dr`, `dr.`, `mr`, `mrs.`, `ms`): one or two words, each a Census name or a
///   word of no list (`parrilli`, `mahn`); an ordinary word (`aware`, `notified`) ends the name.
/// - After a word of kinship or of a person close to the patient (`son`, `daughter`, `dtr`,
///   `wife`, `brother`, `girlfriend`, `rabbi`, `contact person` ...), optionally with a comma or
///   quotes: a given name of the Census lists in any case (`John`, `EVE`, `sarah`; the position
///   is the context an ordinary word such as `Eve` or `Rob` needs), or a title-cased word of no
///   list; then a surname as above.
///
/// Stopwords and the words a note writes after such a cue (`in`, `here`, `aware`, `called`) are
/// never taken. Findings are of low priority (rules `context.provider`, `context.patient`,
/// `context.person`): any rule or parse finding on the same words names them.
enum CueNames {
    enum Cue { case doctor, role, honorific, kin }

    static let cues: [[UInt8]: Cue] = {
        var result: [[UInt8]: Cue] = [:]
        for word in ["dr", "doctor"] { result[Array(word.utf8)] = .doctor }
        for word in ["nurse", "np", "rn", "md", "pa", "sw", "msw", "lcsw", "resident", "attending", "fellow", "intern"] {
            result[Array(word.utf8)] = .role
        }
        for word in ["mr", "mrs", "ms", "miss"] { result[Array(word.utf8)] = .honorific }
        for word in [
            "son", "daughter", "dtr", "dau", "wife", "husband", "hus", "brother", "sister", "mother", "mom", "father", "dad",
            "aunt", "uncle", "niece", "nephew", "cousin", "grandson", "granddaughter", "grandmother", "grandfather",
            "stepson", "stepdaughter", "girlfriend", "boyfriend", "fiance", "fiancee", "partner", "friend", "neighbor",
            "neighbour", "rabbi", "chaplain", "caregiver", "guardian", "proxy", "hcp", "person", "law",
            "daughters", "sons", "sisters", "brothers", "grandsons", "granddaughters", "nieces", "nephews", "other",
        ] {
            result[Array(word.utf8)] = .kin
        }
        return result
    }()

    /// `cues` by the hash of the word (`Words.hash`): one lookup per word of the letter, no copy.
    static let cueByHash: [UInt64: Cue] = Dictionary(uniqueKeysWithValues: cues.map { (Words.hash($0.key), $0.value) })
    /// The same keys in a table keyed by the hash itself: the test every word of a letter takes.
    static let cueFilter = HashFilter(Array(cueByHash.keys))

    static let personHash = Words.hash(Array("person".utf8))
    static let otherHash = Words.hash(Array("other".utf8))
    static let lawHash = Words.hash(Array("law".utf8))
    static let paHash = Words.hash(Array("pa".utf8))
    static let significantHash = Words.hash(Array("significant".utf8))
    static let perHash = Words.hash(Array("per".utf8))

    /// The two words after `per` (at `index`) when they are a given name or a one-letter initial,
    /// then a Census surname that is no word the letters use, on one line, one space apart.
    static func namedAfterPer(at index: Int, words: WordList, in text: UnsafeBufferPointer<UInt8>, stopwords: Set<[UInt8]>) -> Range<Int>? {
        guard index + 1 < words.count else { return nil }
        let first = words.ranges[index]
        let second = words.ranges[index + 1]
        guard first.lowerBound == words.ranges[index - 1].upperBound + 1, text[first.lowerBound - 1] == 0x20,
            second.lowerBound - first.upperBound <= 2,
            (first.upperBound..<second.lowerBound).allSatisfy({ text[$0] == 0x20 || text[$0] == UInt8(ascii: ".") })
        else { return nil }
        let firstClasses = WordLexicon.shared.classes(text, first)
        let initial = first.count == 1 && (text[first.lowerBound] | 0x20) >= 0x61 && (text[first.lowerBound] | 0x20) <= 0x7A
        guard initial || (firstClasses.contains(.givenName) && !firstClasses.contains(.stopword) && !firstClasses.contains(.clinical)),
            isSurname(second, in: text, stopwords: stopwords)
        else { return nil }
        let classes = WordLexicon.shared.classes(text, second)
        guard classes.contains(.surname) || classes.isEmpty, !classes.contains(.common), classes.isDisjoint(with: [.clinical, .drug, .stopword])
        else { return nil }
        return first.lowerBound..<second.upperBound
    }
    static let andHash = Words.hash(Array("and".utf8))

    /// Words a note writes right after a title or a kinship word that are no name.
    static let following: Set<[UInt8]> = Set(
        [
            "aware", "notified", "called", "paged", "informed", "here", "in", "at", "made", "spoke", "met", "saw", "ordered",
            "said", "states", "stated", "wants", "wishes", "visited", "visiting", "arrived", "left", "updated", "present",
            "also", "and", "or", "with", "re", "regarding", "of", "on", "for", "by", "who", "was", "is", "has", "had",
            "will", "would", "may", "can", "to", "the", "a", "an", "his", "her", "their", "pt", "patient", "law", "office",
            "note", "notes", "plan", "team", "service", "both", "all", "came", "come", "contacted", "phoned",
            "requests", "requested", "agrees", "agreed", "feels", "felt", "asked", "asks", "did", "does", "not", "no",
        ].map { Array($0.utf8) })

    static func findings(in text: UnsafeBufferPointer<UInt8>, words: WordList, ruleSet: RuleSet, into findings: inout [Finding]) {
        let stopwords = ruleSet.lexicons.stopwords
        var index = 0
        while index + 1 < words.count {
            let word = words.ranges[index]
            let hash = words.hashes[index]
            index += 1
            // `per` + a given name or an initial + a surname (`per carol wolfe`, `per d ross`):
            // the clinician whose word a note follows. `per protocol`, `per MD` are no names.
            if hash == perHash, let name = namedAfterPer(at: index, words: words, in: text, stopwords: stopwords) {
                findings.append(Finding(start: name.lowerBound, end: name.upperBound, rule: ruleSet.index(of: .contextProvider)))
                index = words.index(atOrAfter: name.upperBound)
                continue
            }
            guard word.count <= 13, word.count >= 2, cueFilter.mayContain(hash), let cue = cueByHash[hash] else { continue }
            let first = words.ranges[index]
            // A cue written as a word of its own: `Dr.`, `son,`, `MRS`, not `Dr` inside `Dr-X`.
            guard gap(word.upperBound, first.lowerBound, in: text, cue: cue) else { continue }
            // `contact person`: `person` is a cue only after `contact`; `other` only after
            // `significant`.
            if hash == personHash {
                guard word.lowerBound >= 8, Words.lowered(text, (word.lowerBound - 8)..<(word.lowerBound - 1)) == Array("contact".utf8)
                else { continue }
            }
            // `PA` is a physician assistant only in capitals, one space before a name written as
            // one (`PA Ezinne Obiora`); `PA sats`, `PA pressures` are the pulmonary artery, and
            // `Pa` a given name (`Pa Nhia`).
            if hash == paHash {
                guard text[word.lowerBound] == UInt8(ascii: "P"), text[word.lowerBound + 1] == UInt8(ascii: "A"),
                    first.lowerBound == word.upperBound + 1, NameCompletion.isUpper(text[first.lowerBound]),
                    NameOnlyWords.isTitleCased(first, in: text)
                else { continue }
            }
            // `law` only in a relation by marriage (`sister-in-law`, `son-in-law`).
            if hash == lawHash {
                guard word.lowerBound >= 4, Words.lowered(text, (word.lowerBound - 4)..<word.lowerBound) == Array("-in-".utf8) else { continue }
            }
            if hash == otherHash {
                guard word.lowerBound >= 12, Words.lowered(text, (word.lowerBound - 12)..<(word.lowerBound - 1)) == Array("significant".utf8)
                else { continue }
            }
            // After `dr`, a surname that is also an ordinary word is the name before a verb of
            // notice (`dr green aware`).
            let noticed = cue == .doctor && surnameBeforeNotice(first, words: words, at: index, in: text, stopwords: stopwords)
            guard noticed || accepts(first, cue: cue, firstWord: true, in: text, stopwords: stopwords) else { continue }
            // `MR`, `MS` without a full stop are also magnetic resonance and multiple sclerosis
            // (`MR arthrograms`, `MS Contin`): the name must then open with a capital and be no
            // drug, and after `MR` in capitals be in capitals too (a note written in capitals)
            // or a Census name.
            if cue == .honorific, text[word.upperBound] != UInt8(ascii: ".") {
                let classes = WordLexicon.shared.classes(text, first)
                let capitalCue = word.allSatisfy { NameCompletion.isUpper(text[$0]) }
                let capitalName = first.allSatisfy { NameCompletion.isUpper(text[$0]) }
                if !NameCompletion.isUpper(text[first.lowerBound]) || classes.contains(.drug)
                    || (capitalCue && !capitalName && classes.isDisjoint(with: .name))
                {
                    continue
                }
            }
            // A hyphenated name is one name (`mary-kate`, `vasquez-lindqvist`, `GARCIA-LOPEZ`).
            let firstEnd = Self.hyphenatedEnd(first.upperBound, in: text)
            var end = firstEnd
            if !noticed, let second = Words.next(in: text, from: firstEnd), second.lowerBound == firstEnd + 1,
                text[firstEnd] == 0x20,
                accepts(second, cue: .doctor, firstWord: false, in: text, stopwords: stopwords)
                    // After a given name, a surname that is also an English word but no word the
                    // letters use, written alike (`dr. john bowman`; not `Dr. Payne found`, `Dr.
                    // Chu works`).
                    || (WordLexicon.shared.classes(text, first).contains(.givenName) && isSurname(second, in: text, stopwords: stopwords)
                        && WordLexicon.shared.classes(text, second).contains(.surname)
                        && !WordLexicon.shared.classes(text, second).contains(.common)
                        // Written alike (`john bowman`, `JOHN BOWMAN`; not `Chu works`).
                        && NameCompletion.isUpper(text[first.lowerBound]) == NameCompletion.isUpper(text[second.lowerBound]))
            {
                end = Self.hyphenatedEnd(second.upperBound, in: text)
            }
            let rule: StructuralRule = cue == .doctor || cue == .role ? .contextProvider : cue == .honorific ? .contextPatient : .contextPerson
            findings.append(Finding(start: first.lowerBound, end: end, rule: ruleSet.index(of: rule)))
            index = words.index(atOrAfter: end)
            // A second name joined by `and` after a kinship word (`daughters sarah and margie`).
            if cue == .kin, index + 1 < words.count, words.hashes[index] == andHash, words.ranges[index].lowerBound == end + 1,
                words.ranges[index + 1].lowerBound == words.ranges[index].upperBound + 1,
                accepts(words.ranges[index + 1], cue: .kin, firstWord: true, in: text, stopwords: stopwords)
            {
                let second = words.ranges[index + 1]
                findings.append(Finding(start: second.lowerBound, end: second.upperBound, rule: ruleSet.index(of: rule)))
                index += 2
            }
        }
    }

    /// The end of the word that ends at `end` with the parts joined to it by hyphens
    /// (`vasquez` in `vasquez-lindqvist`: the end of `lindqvist`). A part that is a stopword, or
    /// an ordinary word on no name list, is a dash's next word (`son Rob-who states`).
    static func hyphenatedEnd(_ end: Int, in text: UnsafeBufferPointer<UInt8>) -> Int {
        var end = end
        while end + 1 < text.count, text[end] == UInt8(ascii: "-"), let part = Words.next(in: text, from: end + 1),
            part.lowerBound == end + 1
        {
            let classes = WordLexicon.shared.classes(text, part)
            guard !classes.contains(.stopword), classes.isDisjoint(with: .ordinary) || !classes.isDisjoint(with: .name) else { break }
            end = part.upperBound
        }
        return end
    }

    /// A Census surname at `index` (even an ordinary word: `green`) with a verb of notice right
    /// after it on its line (`aware`, `notified`).
    static func surnameBeforeNotice(_ word: Range<Int>, words: WordList, at index: Int, in text: UnsafeBufferPointer<UInt8>, stopwords: Set<[UInt8]>) -> Bool {
        guard index + 1 < words.count, isSurname(word, in: text, stopwords: stopwords),
            WordLexicon.shared.classes(text, word).contains(.surname)
        else { return false }
        let verb = words.ranges[index + 1]
        return verb.lowerBound == word.upperBound + 1 && text[word.upperBound] == 0x20 && afterVerbHashes.mayContain(words.hashes[index + 1])
    }

    /// Verbs a note writes right after the clinician it names (`E. Welsh aware`, `J SMITH ORDERED`).
    static let afterVerbs: Set<[UInt8]> = Set(
        ["aware", "notified", "paged", "informed", "ordered", "updated", "called", "consulted"].map { Array($0.utf8) })

    /// Credentials that end a signature line in lower case (`irene snell, rn`; `s. roberto rrt`).
    static let lineCredentials: Set<[UInt8]> = Set(["rn", "rrt", "crt", "lpn", "np", "md", "bsn", "msn", "pa"].map { Array($0.utf8) })

    static let afterVerbHashes = HashFilter(afterVerbs.map(Words.hash))
    static let lineCredentialHashes = HashFilter(lineCredentials.map(Words.hash))

    /// Names written before a verb of notice or before a signature's credential: an initial or a
    /// given name, then a surname (a Census name or a word of no list). A PROVIDER.
    static func namesBefore(in text: UnsafeBufferPointer<UInt8>, words list: WordList, ruleSet: RuleSet, into findings: inout [Finding]) {
        let stopwords = ruleSet.lexicons.stopwords
        let rule = ruleSet.index(of: .contextProvider)
        for index in list.ranges.indices.dropFirst(2) {
            let word = list.ranges[index]
            guard word.count >= 2, word.count <= 9 else { continue }
            let hash = list.hashes[index]
            let verb = afterVerbHashes.mayContain(hash)
            // A credential ends the line (`snell, rn`, `parrilli bsn/rn`).
            let credential = !verb && lineCredentialHashes.mayContain(hash) && endsLine(word.upperBound, in: text)
            guard verb || credential else { continue }
            // A credential between the name and the verb or the last credential (`b. kargas pa
            // aware`, `parrilli bsn/rn`) is skipped.
            var index = index
            if index >= 3, lineCredentialHashes.mayContain(list.hashes[index - 1]),
                sameLine(list.ranges[index - 1].upperBound, word.lowerBound, in: text), word.lowerBound - list.ranges[index - 1].upperBound <= 2
            {
                index -= 1
            }
            let surname = list.ranges[index - 1]
            let next = list.ranges[index]
            guard surname.upperBound < next.lowerBound, surname.upperBound + 3 >= next.lowerBound || credential,
                sameLine(surname.upperBound, next.lowerBound, in: text),
                // A sentence ends between them (`SANG DRNG. PA AWARE`): no name.
                !(surname.upperBound..<next.lowerBound).contains(where: { text[$0] == UInt8(ascii: ".") }),
                isSurname(surname, in: text, stopwords: stopwords)
            else { continue }
            let first = list.ranges[index - 2]
            guard sameLine(first.upperBound, surname.lowerBound, in: text), surname.lowerBound - first.upperBound <= 2,
                (first.upperBound..<surname.lowerBound).allSatisfy({ text[$0] == 0x20 || text[$0] == UInt8(ascii: ".") })
            else { continue }
            let initial = first.count == 1 && (NameCompletion.isUpper(text[first.lowerBound])
                || (first.upperBound < text.count && text[first.upperBound] == UInt8(ascii: ".")))
            let firstLowered = Words.lowered(text, first)
            guard initial || (WordLexicon.shared.classes(text, first).contains(.givenName) && !stopwords.contains(firstLowered)
                && !following.contains(firstLowered) && cues[firstLowered] == nil)
            else { continue }
            // A middle initial between (`barbara j. parrilli`) is taken with the words around it.
            var start = first.lowerBound
            if initial, index >= 3 {
                let before = list.ranges[index - 3]
                if sameLine(before.upperBound, first.lowerBound, in: text), first.lowerBound - before.upperBound <= 2,
                    WordLexicon.shared.classes(text, before).contains(.givenName), !stopwords.contains(Words.lowered(text, before))
                {
                    start = before.lowerBound
                }
            }
            findings.append(Finding(start: start, end: surname.upperBound, rule: rule))
        }
    }

    /// Names written with an initial (`as per E. Welsh`, `Z. MILLER IN TO STRIP TUBES`, `by C.
    /// Bertha`): a capital letter and a full stop after a space or a parenthesis (not `U.S.`,
    /// `a.m.`, `I/O.`, `100.9F.`), not at the start of a line (an outline's `A.`), not `R.` or
    /// `L.` before an ordinary word (a side), one space, then a surname (a Census
    /// surname, or a word of no list of three letters or more) that is no clinical word or drug
    /// (`E. coli`, `C. diff`). A PERSON (rule `context.person`) of low priority.
    ///
    /// Names before a role or kinship word in parentheses (`DICK CUCCHIARA (RESIDENT)`, `Ursla
    /// Moretti (daughter)`, `CHARLIE (SIGNIFICANT OTHER)`): one or two words, each a Census name
    /// or a word of no list, not ordinary words alone.
    static func initialledAndParenthesised(
        in text: UnsafeBufferPointer<UInt8>, words list: WordList, ruleSet: RuleSet, into findings: inout [Finding]
    ) {
        let stopwords = ruleSet.lexicons.stopwords
        let person = ruleSet.index(of: .contextPerson)
        let provider = ruleSet.index(of: .contextProvider)
        for index in list.ranges.indices.dropLast() {
            let word = list.ranges[index]
            // An initial: `E.` then one space.
            if word.count == 1, NameCompletion.isUpper(text[word.lowerBound]), word.upperBound + 2 < text.count,
                text[word.upperBound] == UInt8(ascii: "."), text[word.upperBound + 1] == 0x20,
                word.lowerBound > 0, text[word.lowerBound - 1] == 0x20 || text[word.lowerBound - 1] == UInt8(ascii: "("),
                !startsLine(word.lowerBound, in: text)
            {
                let surname = list.ranges[index + 1]
                guard surname.lowerBound == word.upperBound + 2, surname.count >= 3,
                    LeftExtender.isNameCased(surname, in: text) || surname.allSatisfy({ NameCompletion.isUpper(text[$0]) }),
                    isSurname(surname, in: text, stopwords: stopwords),
                    WordLexicon.shared.classes(text, surname).isDisjoint(with: [.clinical, .drug, .proper, .stopword])
                else { continue }
                // `R.` and `L.` before an ordinary word are a side (`CLEAR R. BASE`).
                let side = text[word.lowerBound] == UInt8(ascii: "R") || text[word.lowerBound] == UInt8(ascii: "L")
                if side && !WordLexicon.shared.classes(text, surname).isDisjoint(with: .ordinary) { continue }
                findings.append(Finding(start: word.lowerBound, end: surname.upperBound, rule: person))
                continue
            }
            // `(` + role or kinship word(s) + `)` after one or two name words.
            guard index >= 1, word.lowerBound >= 1, text[word.lowerBound - 1] == UInt8(ascii: "(") else { continue }
            var close = word.upperBound
            var found = cueByHash[list.hashes[index]]
            // `(significant other)`.
            if list.hashes[index] == significantHash, index + 1 < list.count, list.hashes[index + 1] == otherHash,
                list.ranges[index + 1].lowerBound == word.upperBound + 1
            {
                close = list.ranges[index + 1].upperBound
                found = .kin
            } else if list.hashes[index] == otherHash {
                continue
            }
            guard let cue = found else { continue }
            guard close < text.count, text[close] == UInt8(ascii: ")") || cue == .kin && text[close] == UInt8(ascii: ",") else { continue }
            let last = list.ranges[index - 1]
            guard sameLine(last.upperBound, word.lowerBound, in: text), word.lowerBound - last.upperBound <= 2,
                nameWord(last, in: text, stopwords: stopwords)
            else { continue }
            var start = last.lowerBound
            if index >= 2 {
                let before = list.ranges[index - 2]
                if sameLine(before.upperBound, last.lowerBound, in: text), last.lowerBound - before.upperBound == 1,
                    nameWord(before, in: text, stopwords: stopwords)
                {
                    start = before.lowerBound
                }
            }
            let rule = cue == .doctor || cue == .role ? provider : person
            findings.append(Finding(start: start, end: last.upperBound, rule: rule))
        }
    }

    /// A word that may be part of a name before a parenthesised role: a Census name (even if
    /// also an ordinary word: `DICK`, `Rob`) or a word of no list of three letters or more,
    /// never a stopword or a word notes write there (`called`).
    static func nameWord(_ word: Range<Int>, in text: UnsafeBufferPointer<UInt8>, stopwords: Set<[UInt8]>) -> Bool {
        guard word.count >= 2, word.allSatisfy({ KeywordIndex.isWordByte(text[$0]) && !(text[$0] >= 0x30 && text[$0] <= 0x39) }) else { return false }
        let lowered = Words.lowered(text, word)
        if stopwords.contains(lowered) || following.contains(lowered) || cues[lowered] != nil { return false }
        let classes = WordLexicon.shared.classes(text, word)
        if !classes.isDisjoint(with: [.clinical, .drug, .proper]) { return false }
        return !classes.isDisjoint(with: .name) || (classes.isEmpty && word.count >= 3)
    }

    static func startsLine(_ offset: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        var cursor = offset
        while cursor > 0, text[cursor - 1] == 0x20 || text[cursor - 1] == 0x09 { cursor -= 1 }
        return cursor == 0 || text[cursor - 1] == 0x0A || text[cursor - 1] == 0x0D
    }

    static func isSurname(_ word: Range<Int>, in text: UnsafeBufferPointer<UInt8>, stopwords: Set<[UInt8]>) -> Bool {
        guard word.count >= 2, !word.contains(where: { text[$0] >= 0x30 && text[$0] <= 0x39 }) else { return false }
        let lowered = Words.lowered(text, word)
        if stopwords.contains(lowered) || following.contains(lowered) || cues[lowered] != nil { return false }
        let classes = WordLexicon.shared.classes(text, word)
        return classes.contains(.surname) || (classes.isEmpty && word.count >= 3)
    }

    static func sameLine(_ start: Int, _ end: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        start <= end && !(start..<end).contains { text[$0] == 0x0A }
    }

    static func endsLine(_ offset: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        var cursor = offset
        while cursor < text.count, text[cursor] == 0x20 || text[cursor] == 0x0D || text[cursor] == 0x09 { cursor += 1 }
        return cursor == text.count || text[cursor] == 0x0A
    }

    /// What may stand between a cue and the name: a full stop (titles), a comma, a colon, quotes,
    /// and one or two spaces; or nothing after a title's full stop (`mr.renzi`).
    static func gap(_ start: Int, _ end: Int, in text: UnsafeBufferPointer<UInt8>, cue: Cue) -> Bool {
        guard end > start, end - start <= 4 else { return false }
        var spaces = 0
        for offset in start..<end {
            switch text[offset] {
            case 0x20: spaces += 1
            case UInt8(ascii: "."): if cue == .kin || offset != start { return false }
            case UInt8(ascii: ","), UInt8(ascii: "\""), UInt8(ascii: ":"), UInt8(ascii: "("): if cue != .kin { return false }
            default: return false
            }
        }
        return spaces <= 2 && (spaces > 0 || text[start] == UInt8(ascii: "."))
    }

    /// Whether `word` may be a name in this position.
    static func accepts(_ word: Range<Int>, cue: Cue, firstWord: Bool, in text: UnsafeBufferPointer<UInt8>, stopwords: Set<[UInt8]>) -> Bool {
        guard word.count >= 2, !word.contains(where: { text[$0] >= 0x30 && text[$0] <= 0x39 }) else { return false }
        let lowered = Words.lowered(text, word)
        if following.contains(lowered) || stopwords.contains(lowered) || cues[lowered] != nil { return false }
        // A possessive is another cue's word (`pt's`), never a name written alone.
        if Words.withoutPossessive(text, word) != word { return false }
        let classes = WordLexicon.shared.classes(text, word)
        if cue == .kin && firstWord {
            if classes.contains(.givenName) { return true }
            return NameOnlyWords.isTitleCased(word, in: text) && classes.isEmpty
        }
        // After a role (`nurse`, `NP`, `MD`): a given name, or a name or word of no list that is
        // no ordinary word (`nurse case manager`, `MD aware` are no names).
        if cue == .role && firstWord {
            if classes.contains(.givenName) { return true }
            return classes.isDisjoint(with: .ordinary) && (!classes.isEmpty || word.count >= 3)
        }
        // A title: a Census name, or a word of no list; never an ordinary word only. In lower case
        // no ordinary word at all (`Mr.  walks`, where a published letter removed the name).
        let lowerCase = text[word.lowerBound] >= 0x61 && text[word.lowerBound] <= 0x7A
        // (A given name is one even so: `dr. maria tenorio`; stopwords were refused above.)
        if lowerCase && !classes.isDisjoint(with: .ordinary) && !classes.contains(.givenName) { return false }
        if !classes.isDisjoint(with: .name) { return true }
        return classes.isEmpty && word.count >= 3
    }
}
