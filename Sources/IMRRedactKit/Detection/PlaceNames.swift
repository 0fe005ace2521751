/// Towns and cities named in running text (`was injured at a warehouse in Oroville`, `east of
/// Sonora`, `a restaurant in Watsonville`), by the city names of US postal addresses
/// (`lexicons/us-places.txt`, from the `zipcodes` package) and the word before them.
///
/// A place is read only after a word that introduces one (`in`, `near`, `outside`, `from`, or
/// `of` after `east`, `west`, `north`, `south` or `outside`), written in capitals as a name is,
/// or after `the` before the site of a business (`the Orland plant`, `branches`),
/// and not followed by another capitalised word (`in Whittier Narrows Neurology` names a
/// practice, which the organisation rules own). A place that is also an English or clinical word
/// (`Orange`, `Alpine`, `Industry`) counts only before its state (`in Orange, California`,
/// `NameOnlyWords.stateFollows`),
/// where the words say it is a place; a given name is read as a place after these words
/// (`in Florence`, `near Austin`), where a person's name is not written.
///
/// The finding is a LOCATION of low priority (rule `lexicon.place`): any rule that names the same
/// words wins.
enum PlaceNames {
    /// Hashes (`Words.hash`) of the lower-case place names, their words joined by one space
    /// (`st helena`, `orange cove`).
    static let places: Set<UInt64> = {
        guard let text = EmbeddedResources.file("lexicons/us-places.txt") else { return [] }
        var result = Set<UInt64>(minimumCapacity: 30_000)
        for line in text.utf8.split(separator: 0x0A) where line.first != UInt8(ascii: "#") {
            var key: [UInt8] = []
            var word: [UInt8] = []
            for byte in line + [0x20] {
                if KeywordIndex.isWordByte(byte) {
                    word.append(KeywordIndex.lower(byte))
                } else if !word.isEmpty {
                    if !key.isEmpty { key.append(0x20) }
                    key += canonical(word)
                    word.removeAll(keepingCapacity: true)
                }
            }
            if !key.isEmpty { result.insert(Words.hash(key)) }
        }
        return result
    }()

    /// The one spelling of a word that place names abbreviate (`Mt.`/`Mount`, `Ft.`/`Fort`,
    /// `St.`/`Saint`), lower case.
    static func canonical(_ word: [UInt8]) -> [UInt8] {
        switch word {
        case Array("mt".utf8): Array("mount".utf8)
        case Array("ft".utf8): Array("fort".utf8)
        case Array("st".utf8): Array("saint".utf8)
        default: word
        }
    }

    /// The most words of a place name tried (`rancho santa margarita`, `la canada flintridge`).
    static let maxWords = 4

    // Hash tables keyed by the word's own hash (`HashFilter`): no second hash per word.
    static let cueHashes = HashFilter(cues.map(Words.hash))
    static let directionHashes = HashFilter(directions.map(Words.hash))
    static let ofHash = Words.hash(Array("of".utf8))
    static let linkHashes = HashFilter(facilityLinks.map(Words.hash))
    static let verbHashes = HashFilter(facilityVerbs.map(Words.hash))
    static let backHash = Words.hash(Array("back".utf8))
    static let theHash = Words.hash(Array("the".utf8))
    static let branchHashes = HashFilter(branches.map(Words.hash))

    /// Words for the site of a business that a town's name may stand before (`the Orland
    /// plant`, `the Galt warehouse`, `the Yreka store`, `the Willits clinic`): after `the`, a place of the list read
    /// before one of these is where the business is.
    static let branches = [
        "plant", "plants", "warehouse", "store", "branch", "office", "facility", "yard", "campus", "location", "site",
        "terminal", "depot", "station", "shop", "factory", "mill", "packinghouse", "hub", "distribution", "jobsite",
        "clinic", "hospital", "practice",
    ].map { Array($0.utf8) }

    /// A branch word (`branches`) right after `end`, in lower case, one space away.
    static func branchFollows(_ end: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let next = Words.next(in: text, from: end), next.lowerBound == end + 1, text[end] == 0x20,
            text[next.lowerBound] >= 0x61 && text[next.lowerBound] <= 0x7A
        else { return false }
        return branchHashes.mayContain(Words.hashLowered(text, next))
    }

    static let cues = ["in", "near", "outside", "from"].map { Array($0.utf8) }
    static let directions = ["east", "west", "north", "south", "outside", "northeast", "northwest", "southeast", "southwest"].map { Array($0.utf8) }

    static func findings(in text: UnsafeBufferPointer<UInt8>, words: WordList, ruleSet: RuleSet, into findings: inout [Finding]) {
        guard !places.isEmpty else { return }
        let rule = ruleSet.index(of: .lexiconPlace)
        var index = 0
        while index + 1 < words.count {
            let word = words.ranges[index]
            let hash = words.hashes[index]
            index += 1
            // Cues are short lower-case words (in capitals in a note written in capitals): test
            // the first byte before the hash.
            let first = text[word.lowerBound]
            guard first >= 0x61 && first <= 0x7A || (words.inCapitals && first >= 0x41 && first <= 0x5A), word.count >= 2, word.count <= 7
            else { continue }
            var isCue = cueHashes.mayContain(hash)
            let isThe = hash == theHash
            if !isCue, hash == ofHash, index >= 2, words.ranges[index - 2].upperBound + 1 == word.lowerBound {
                isCue = directionHashes.mayContain(words.hashes[index - 2])
            }
            let next = words.ranges[index]
            guard isCue || isThe, gapIsSpace(word.upperBound..<next.lowerBound, in: text) else { continue }
            if let place = place(startingAt: next, in: text, words: words), !isThe || branchFollows(place.upperBound, in: text) {
                findings.append(Finding(start: place.lowerBound, end: place.upperBound, rule: rule))
                index = words.index(atOrAfter: place.upperBound)
            }
        }
    }

    /// The longest place name of the list that starts at `first` and that the text confirms.
    ///
    /// In a note written in lower case a place may be too (`lives in pikesville`), when it is
    /// on no list of ordinary words; in a note written in capitals an ordinary word after it
    /// (`IN ROME HE WAS`) does not make it a longer name.
    static func place(startingAt first: Range<Int>, in text: UnsafeBufferPointer<UInt8>, words list: WordList) -> Range<Int>? {
        func readable(_ word: Range<Int>) -> Bool {
            written(word, in: text) || (list.inLowerCase && word.count >= 4 && word.allSatisfy { text[$0] >= 0x61 && text[$0] <= 0x7A })
        }
        guard readable(first) else { return nil }
        let lowerCased = !written(first, in: text)
        var words = [first]
        while words.count < maxWords, let next = Words.next(in: text, from: words[words.count - 1].upperBound),
            joins(words[words.count - 1].upperBound..<next.lowerBound, in: text), readable(next)
        {
            words.append(next)
        }
        for count in stride(from: words.count, through: 1, by: -1) {
            var key: [UInt8] = []
            for word in words[0..<count] {
                if !key.isEmpty { key.append(0x20) }
                key += canonical(Words.lowered(text, word))
            }
            guard places.contains(Words.hash(key)) else { continue }
            let span = first.lowerBound..<words[count - 1].upperBound
            let state = NameOnlyWords.stateFollows(at: span.upperBound, in: text)
            // Another capitalised word right after: a longer name (a practice, a street).
            if !state, let after = Words.next(in: text, from: span.upperBound), joins(span.upperBound..<after.lowerBound, in: text),
                Words.isCapitalised(text, after),
                !(list.inCapitals && !WordLexicon.shared.classes(text, after).isDisjoint(with: [.english, .stopword, .common]))
            {
                return nil
            }
            // A lower-case place of a note in lower case: no ordinary word among its words.
            if lowerCased && words[0..<count].contains(where: { !WordLexicon.shared.classes(text, $0).isDisjoint(with: .ordinary) }) {
                continue
            }
            if count == 1 && !state {
                let classes = WordLexicon.shared.classes(text, first)
                if !classes.isDisjoint(with: [.english, .clinical, .drug, .eponym, .proper, .common, .stopword, .orgHead, .orgGeneric]) {
                    return nil
                }
            }
            return span
        }
        return nil
    }

    /// A word written as a name: a capital and lower case (`Oroville`), or capitals (`OROVILLE`,
    /// as notes written in capitals have it; three letters or more).
    static func written(_ word: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        LeftExtender.isNameCased(word, in: text)
            || (word.count >= 3 && word.allSatisfy { NameCompletion.isUpper(text[$0]) })
    }

    /// Facilities named where a patient is sent, admitted or works (`transferred to GH`,
    /// `admitted to Quartermain 3`, `works at harford memorial`), and wards or buildings named by
    /// a word of no list and a number after `to`, `from`, `on`, `at` or `in` (`to Ellery 4`):
    /// after such a verb and `to`,
    /// `from` or `at`, a run of one to three words of no list (an unknown name, an acronym of no
    /// list: not `MICU`, `floor`, `rehab`), in any case, with `Memorial` taken into it. Every
    /// other mention of such a word in the letter is masked too. A LOCATION (rule
    /// `context.facility`) of low priority.
    static let facilityVerbs = [
        "transferred", "transfered", "transfer", "transferring", "admitted", "admit", "brought", "presented", "dc'd", "discharged",
         "sent", "returned", "works", "worked", "placement", "readmitted", "arrived",
    ].map { Array($0.utf8) }
    static let facilityLinks = ["to", "from", "at"].map { Array($0.utf8) }
    static let wardHashes = HashFilter(["to", "from", "at", "on", "in"].map { Words.hash(Array($0.utf8)) })
    static let unitHashes = HashFilter(
        ["mg", "mcg", "ml", "cc", "units", "unit", "times", "hours", "days", "weeks", "x"].map { Words.hash(Array($0.utf8)) })

    /// A hospital's initials: two to five letters of no list, in capitals (in lower case in a
    /// note written in lower case), ending in `H` or `MC` (General Hospital, Medical Center):
    /// `GH`, `SFGH`, `VAMC`; not `NH` or `USOH`, which the clinical list knows.
    static func hospitalInitials(_ word: Range<Int>, in text: UnsafeBufferPointer<UInt8>, words: WordList) -> Bool {
        guard (2...5).contains(word.count), word.upperBound == text.count || text[word.upperBound] != UInt8(ascii: "/") else { return false }
        let capitals = word.allSatisfy { text[$0] >= 0x41 && text[$0] <= 0x5A }
        let lower = words.inLowerCase && word.allSatisfy { text[$0] >= 0x61 && text[$0] <= 0x7A }
        guard capitals || lower else { return false }
        let last = text[word.upperBound - 1] | 0x20
        let endsMC = word.count >= 3 && text[word.upperBound - 2] | 0x20 == UInt8(ascii: "m") && last == UInt8(ascii: "c")
        guard last == UInt8(ascii: "h") || endsMC else { return false }
        return WordLexicon.shared.classes(text, word).isEmpty
    }

    /// A ward's number after `end`: one space, 1 to 39, then no digit, unit or decimal (`Ellery 4.`, not `Kenalog 40 mg`, `Ferrlecit 12.5`).
    static func wardNumberFollows(_ end: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard end + 2 <= text.count, text[end] == 0x20, text[end + 1] >= 0x31, text[end + 1] <= 0x39 else { return false }
        var cursor = end + 2
        // Floors and wards run to a few dozen; a rate (`paced 88`, `demand 60`) is higher.
        if cursor < text.count, text[cursor] >= 0x30, text[cursor] <= 0x39 {
            guard text[end + 1] <= 0x33 else { return false }
            cursor += 1
        }
        guard cursor == text.count || !(KeywordIndex.isWordByte(text[cursor]) || text[cursor] == UInt8(ascii: "%")) else { return false }
        if cursor + 1 < text.count, text[cursor] == UInt8(ascii: ".") || text[cursor] == UInt8(ascii: "/") || text[cursor] == UInt8(ascii: "-"),
            text[cursor + 1] >= 0x30, text[cursor + 1] <= 0x39
        {
            return false
        }
        // A unit after a space (`40 mg`, `12 units`).
        if cursor + 1 < text.count, text[cursor] == 0x20, let unit = Words.next(in: text, from: cursor + 1), unit.lowerBound == cursor + 1,
            !WordLexicon.shared.classes(text, unit).isDisjoint(with: [.clinical, .drug]) || unitHashes.mayContain(Words.hashLowered(text, unit))
        {
            return false
        }
        return true
    }

    static func facilities(in text: UnsafeBufferPointer<UInt8>, words: WordList, ruleSet: RuleSet, into findings: inout [Finding]) {
        let rule = ruleSet.index(of: .contextFacility)
        var found = Set<UInt64>()
        for index in words.ranges.indices.dropFirst().dropLast() {
            let word = words.ranges[index]
            let verb = words.ranges[index - 1]
            let next = words.ranges[index + 1]
            guard word.count >= 2, word.count <= 4, gapIsSpace(word.upperBound..<next.lowerBound, in: text) else { continue }
            let afterVerb = linkHashes.mayContain(words.hashes[index]) && verb.upperBound + 1 == word.lowerBound
                && (verbHashes.mayContain(words.hashes[index - 1])
                    // `back to` after `transferred`.
                    || (words.hashes[index - 1] == backHash && index >= 2 && verbHashes.mayContain(words.hashes[index - 2])))
            // A ward or building named by a word and its number (`to Ellery 4`, `ON FENWAY 12`).
            let ward = !afterVerb && wardHashes.mayContain(words.hashes[index]) && next.count >= 5 && unknownWord(next, in: text)
                && wardNumberFollows(next.upperBound, in: text)
            // A hospital by its initials after to/at/from/in (`to GH`, `at SFGH`, `from VAMC`).
            let initials = !afterVerb && !ward && wardHashes.mayContain(words.hashes[index]) && hospitalInitials(next, in: text, words: words)
            guard afterVerb || ward || initials else { continue }
            var start = next
            if Words.lowered(text, start) == Array("the".utf8), let after = Words.next(in: text, from: start.upperBound),
                after.lowerBound == start.upperBound + 1
            {
                start = after
            }
            var end = start.lowerBound
            var cursor = start
            var taken = 0
            while taken < 3,
                unknownWord(cursor, in: text) || (taken == 0 && initials) || (taken > 0 && Words.lowered(text, cursor) == Array("memorial".utf8))
            {
                if unknownWord(cursor, in: text) || (taken == 0 && initials) { found.insert(Words.hashLowered(text, cursor)) }
                end = cursor.upperBound
                taken += 1
                // Initials stand alone (`GH EW`: the emergency ward of GH).
                if initials { break }
                guard let after = Words.next(in: text, from: cursor.upperBound), after.lowerBound == cursor.upperBound + 1,
                    text[cursor.upperBound] == 0x20
                else { break }
                cursor = after
            }
            if end > start.lowerBound {
                findings.append(Finding(start: start.lowerBound, end: end, rule: rule))
            }
        }
        guard !found.isEmpty else { return }
        // The other mentions of the facility's own words (`Quartermain 3`, `QUARTERMAIN`).
        for index in words.ranges.indices where words.ranges[index].count >= 2 && found.contains(words.hashes[index]) {
            findings.append(Finding(start: words.ranges[index].lowerBound, end: words.ranges[index].upperBound, rule: rule))
        }
    }

    /// Hospitals and campuses named before their head word, in any case (`reisterstown
    /// hospital`, `HARFORD MEMORIAL`, `Baltimore VA`, `mazur campus`, `ST MARY HOSPITAL`): one to
    /// three words before `hospital`, `hosp`, `memorial`, `rehab`, `va`, `campus` or `infirmary`,
    /// each of them on no list of ordinary words (an unknown word or a name only) or a town of
    /// the places list, with `St.`/`Mt.` among them, or before `hospital` a word of devotion
    /// (`sacred heart hosp`, `HOLY CROSS HOSPITAL`). The words and the head are a LOCATION (rule
    /// `context.facility`), and every other mention of the unknown words is too. A name written
    /// with ordinary words (`General Hospital`, `Physical Rehab`) is left to the organisation
    /// rules.
    static let hospitalHeads = ["hospital", "hosp", "memorial", "rehab", "va", "vamc", "campus", "infirmary"].map { Array($0.utf8) }
    static let hospitalHashes = HashFilter(hospitalHeads.map(Words.hash))
    static let hospitalWordHashes = HashFilter(["hospital", "hosp"].map { Words.hash(Array($0.utf8)) })
    static let saintHashes = HashFilter(["st", "saint", "mt", "mount"].map { Words.hash(Array($0.utf8)) })
    /// Words that name hospitals after a faith or a virtue (`Holy Cross`, `Sacred Heart`, `Good
    /// Samaritan`, `Mercy`): ordinary words, names of a hospital only right before its head.
    static let devotionHashes = HashFilter(
        ["holy", "sacred", "heart", "cross", "good", "samaritan", "sam", "mercy", "providence", "grace", "trinity", "shepherd",
         "redeemer", "hope", "faith", "charity", "angels", "lady", "sisters", "baptist", "methodist", "presbyterian", "lutheran",
         "adventist", "jewish", "christian", "mission", "memorial"].map { Words.hash(Array($0.utf8)) })

    static func hospitals(in text: UnsafeBufferPointer<UInt8>, words: WordList, ruleSet: RuleSet, into findings: inout [Finding]) {
        let rule = ruleSet.index(of: .contextFacility)
        var found = Set<UInt64>()
        for index in words.ranges.indices.dropFirst() where hospitalHashes.mayContain(words.hashes[index]) {
            let head = words.ranges[index]
            // `va` and `VA` only in capitals or as written (`VA`), never the lower-case word `va`
            // of another language; a head in lower case only in a note written in lower case.
            if text[head.lowerBound] >= 0x61 && !words.inLowerCase { continue }
            var start = head.lowerBound
            var cursor = index
            var named = false
            while cursor > 0 && index - cursor < 3 {
                let word = words.ranges[cursor - 1]
                guard gapIsSpace(word.upperBound..<words.ranges[cursor].lowerBound, in: text),
                    !text[word.upperBound..<words.ranges[cursor].lowerBound].contains(0x0A)
                else { break }
                let hash = words.hashes[cursor - 1]
                let classes = WordLexicon.shared.classes(text, word)
                let isSaint = saintHashes.mayContain(hash)
                let isName = word.count >= 3 && word.allSatisfy({ (text[$0] | 0x20) >= 0x61 && (text[$0] | 0x20) <= 0x7A })
                    && (classes.isDisjoint(with: .ordinary) || (places.contains(hash) && classes.isDisjoint(with: [.english, .clinical, .drug, .stopword, .common])))
                // A word of devotion (`Holy Cross`, `sacred heart`) names a hospital, not a
                // practice or a kind of care, when the head is `hospital` or `hosp`.
                let devotion = devotionHashes.mayContain(hash) && hospitalWordHashes.mayContain(words.hashes[index])
                guard isName || devotion || (isSaint && named) || (hospitalHashes.mayContain(hash) && hash != words.hashes[index]) else { break }
                if devotion { named = true }
                // A short word no list knows, in capitals, is an abbreviation as often as a name
                // (`ICU REHAB`, `CCU VA`): in capitals it counts from five letters.
                if isName && words.inCapitals && classes.isEmpty && !places.contains(hash) && word.count < 5 { break }
                if isName { named = true }
                start = word.lowerBound
                cursor -= 1
                if isName && classes.isEmpty { found.insert(hash) }
            }
            guard named else { continue }
            // A saint's word opens the name, the name's own words follow it.
            findings.append(Finding(start: start, end: head.upperBound, rule: rule))
        }
        guard !found.isEmpty else { return }
        for index in words.ranges.indices where words.ranges[index].count >= 3 && found.contains(words.hashes[index]) {
            findings.append(Finding(start: words.ranges[index].lowerBound, end: words.ranges[index].upperBound, rule: rule))
        }
    }

    /// A word of letters on no list of ordinary words, of three letters or more, or two capitals (`Quartermain`,
    /// `GH`, `VAMC`; not `sr`).
    static func unknownWord(_ word: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard word.count >= 3 || (word.count == 2 && word.allSatisfy({ NameCompletion.isUpper(text[$0]) })),
            word.allSatisfy({ (text[$0] | 0x20) >= 0x61 && (text[$0] | 0x20) <= 0x7A })
        else {
            return false
        }
        // No ordinary word; a name is one (a facility named for a person: Calderwood Memorial).
        return WordLexicon.shared.classes(text, word).isDisjoint(with: .ordinary)
    }

    /// One or two spaces, or one line break with its indent: words of one name.
    static func gapIsSpace(_ gap: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !gap.isEmpty, gap.count <= 12 else { return false }
        var lines = 0
        for offset in gap {
            switch text[offset] {
            case 0x20, 0x0D: continue
            case 0x0A: lines += 1
            default: return false
            }
        }
        return lines <= 1 && (lines == 1 || gap.count <= 2)
    }

    /// The gap between two words of a place name: a space or a hyphen, or the full stop and
    /// space of an abbreviation of two letters (`St. Helena`, `Mt. Shasta`, `Ft. Bragg`); not the
    /// end of a sentence (`in Placerville. On ...`).
    static func joins(_ gap: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        if gap.count == 1 { return text[gap.lowerBound] == 0x20 || text[gap.lowerBound] == UInt8(ascii: "-") }
        guard gap.count == 2, text[gap.lowerBound] == UInt8(ascii: "."), text[gap.lowerBound + 1] == 0x20, gap.lowerBound >= 3
        else { return false }
        return !KeywordIndex.isWordByte(text[gap.lowerBound - 3]) && KeywordIndex.isWordByte(text[gap.lowerBound - 2])
    }

}
