/// The words of one letter (`Words.next`) and their lower-case hashes (`Words.hashLowered`),
/// found once and shared by the detectors that walk a letter word by word (`PlaceNames`,
/// `CueNames`), so that each walk is a loop over two arrays rather than a new tokenisation.
struct WordList {
    let ranges: [Range<Int>]
    let hashes: [UInt64]
    /// The letter is written in capitals (`LetterCase`): a capital says nothing there.
    let inCapitals: Bool
    /// The letter is written in lower case (at most one ASCII letter in thirty a capital, of
    /// 200 letters or more): a lower-case word may be a name there.
    let inLowerCase: Bool

    /// `letterCase`: the letter's case when the caller counted it already (`Detector.letterCase`).
    init(_ text: UnsafeBufferPointer<UInt8>, letterCase: LetterCase? = nil) {
        var ranges: [Range<Int>] = []
        var hashes: [UInt64] = []
        ranges.reserveCapacity(text.count / 6)
        hashes.reserveCapacity(text.count / 6)
        var upcoming = Words.next(in: text, from: 0)
        while let word = upcoming {
            ranges.append(word)
            hashes.append(Words.hashLowered(text, word))
            upcoming = Words.next(in: text, from: word.upperBound)
        }
        self.ranges = ranges
        self.hashes = hashes
        let letterCase = letterCase ?? LetterCase(text)
        inCapitals = letterCase.inCapitals
        inLowerCase = letterCase.inLowerCase
    }

    var count: Int { ranges.count }

    /// The index of the first word that starts at or after `offset` (`count` if none).
    func index(atOrAfter offset: Int) -> Int {
        var low = 0
        var high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].lowerBound < offset { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// How a letter is written: in capitals (at most one ASCII letter in twelve in lower case, as ICU
/// notes are) or in lower case (at most one in thirty a capital), of 200 letters or more.
struct LetterCase {
    let inCapitals: Bool
    let inLowerCase: Bool

    init(_ text: UnsafeBufferPointer<UInt8>) {
        // Counted without a branch per byte.
        var upper = 0
        var lower = 0
        for byte in text {
            upper &+= (byte &- 0x41) < 26 ? 1 : 0
            lower &+= (byte &- 0x61) < 26 ? 1 : 0
        }
        let letters = upper + lower
        inCapitals = letters >= 200 && lower * 12 <= letters
        inLowerCase = letters >= 200 && upper * 30 <= letters
    }
}
