import Foundation
import IMRRedactKit
import IMRTestSupport
import Testing

/// The word lexicon (`WordLexicon`) keeps the high 48 bits of each word's FNV-1a hash: the words
/// of its lists must stay distinct at 48 bits, or two words would share their classes.
@Suite struct WordLexiconTests {
    static let lists = [
        "surnames", "given-names", "english-words", "clinical-terms", "drug-names", "eponyms", "proper-words",
        "common-words", "stopwords", "org-heads", "org-generic", "street-suffixes", "unit-designators", "id-labels",
        "place-words",
    ]

    /// FNV-1a, 64 bits, over the word in lower case (the lists are written in lower case).
    static func hash(_ word: ArraySlice<UInt8>) -> UInt64 {
        word.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1 >= 0x41 && $1 <= 0x5A ? $1 | 0x20 : $1)) &* 0x100_0000_01b3 }
    }

    @Test func theWordsOfTheListsAreDistinctAt48Bits() throws {
        var seen: [UInt64: UInt64] = [:]
        var words = 0
        var collisions = 0
        for name in Self.lists {
            let url = Fixtures.packageRoot.appendingPathComponent("Patterns/lexicons/\(name).txt")
            let bytes = Array(try Data(contentsOf: url))
            for line in bytes.split(separator: 0x0A) {
                var word = line
                while let last = word.last, last == 0x0D || last == 0x20 { word = word.dropLast() }
                guard let first = word.first, first != UInt8(ascii: "#") else { continue }
                let full = Self.hash(word)
                if let earlier = seen[full >> 16] {
                    if earlier != full { collisions += 1 }
                } else {
                    seen[full >> 16] = full
                    words += 1
                }
            }
        }
        #expect(words > 150_000)
        #expect(collisions == 0)
    }

    @Test func wordsAreFoundWithTheirListsAndOthersAreNot() {
        let lexicon = WordLexicon.shared
        #expect(lexicon.classes(of: "Hope").contains(.givenName) && lexicon.classes(of: "hope").contains(.english))
        #expect(lexicon.classes(of: "gabapentin").contains(.drug))
        #expect(lexicon.classes(of: "Okonkwo-Zzyqx").isEmpty)
        #expect(lexicon.classes(of: "the").contains(.stopword))
    }
}
