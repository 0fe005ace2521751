import Foundation

/// Fictional values of the same shape as an identifier. The word lists were written for this
/// tool (surnames, towns and firms are made of syllables that were put together here); none
/// comes from a letter or from a list of real people. Phone numbers use the 555-01xx range kept
/// for fiction, e-mail and web addresses `example.org`, ZIP codes the unassigned `000xx`, IP
/// addresses the documentation range 192.0.2.0/24.
public enum Surrogates {
    static let givenNames = [
        "Alden", "Briar", "Callum", "Dara", "Elowen", "Fintan", "Greer", "Hollis", "Ines", "Jory", "Kestrel", "Linnea",
        "Marlo", "Nell", "Oren", "Perrin", "Quill", "Rowan", "Sable", "Tamsin", "Ulric", "Vesna", "Wynn", "Xander",
        "Yara", "Zephyr", "Ansel", "Bettina", "Corin", "Delphine", "Emrys", "Florian", "Gwen", "Hale", "Isolde",
        "Jessamy", "Keir", "Lark", "Mirelle", "Niamh", "Osric", "Pella", "Rhoswen", "Soren", "Thea", "Ulla", "Verity",
        "Wilder", "Yestin", "Zinnia",
    ]
    static let surnameHeads = [
        "Ash", "Brack", "Corv", "Dell", "Elm", "Fenn", "Garr", "Hask", "Ivel", "Jass", "Kell", "Lorr", "Marv", "Norr",
        "Orrin", "Pell", "Quen", "Ross", "Sell", "Tarr", "Ulv", "Vess", "Wrenn", "Yarr", "Zell",
    ]
    static let surnameTails = [
        "adine", "awick", "amere", "aholt", "aridge", "avane", "aby", "astow", "aworth", "acombe", "aley", "ashaw",
        "abrook", "aton", "awell", "amoor",
    ]
    static let placeHeads = [
        "Lark", "Quill", "Thorn", "Amber", "Cinder", "Fallow", "Heron", "Juniper", "Kestrel", "Marrow", "Nettle",
        "Osprey", "Pebble", "Russet", "Saffron", "Tansy", "Umber", "Vetch", "Willow", "Yarrow",
    ]
    static let placeTails = ["mere", "haven", "vale", "crest", "wick", "field", "stead", "moor", "ridge", "ford", "bay", "glen"]
    static let streetTypes: Set<String> = [
        "st", "st.", "street", "ave", "ave.", "avenue", "blvd", "blvd.", "boulevard", "rd", "rd.", "road", "dr", "dr.",
        "drive", "way", "ln", "ln.", "lane", "ct", "ct.", "court", "pl", "pl.", "place", "pkwy", "parkway", "hwy",
        "highway", "cir", "circle",
    ]

    static func pick<T>(_ list: [T], _ random: inout some RandomNumberGenerator) -> T {
        list[Int.random(in: 0..<list.count, using: &random)]
    }

    /// A fictional surname (`Quenaholt`).
    static func surname(_ random: inout some RandomNumberGenerator) -> String {
        pick(surnameHeads, &random) + pick(surnameTails, &random)
    }

    /// A fictional town (`Heronmere`).
    static func town(_ random: inout some RandomNumberGenerator) -> String { pick(placeHeads, &random) + pick(placeTails, &random) }

    /// Name words for a person whose name words are `words` (in the letter's order): a given
    /// name for the first, surnames for the rest, and a spare initial last.
    static func personWords(count: Int, _ random: inout some RandomNumberGenerator) -> [String] {
        var result: [String] = []
        for index in 0..<max(1, count) { result.append(index == 0 && count > 1 ? pick(givenNames, &random) : surname(&random)) }
        result.append(String(pick(Array("ABCDEFGHJKLMNPRSTVW"), &random)))
        return result
    }

    /// An organisation of the same sort as `original` (a clinic for a clinic, a claims firm for an
    /// insurer), keeping its legal suffix.
    static func organisation(like original: String, _ random: inout some RandomNumberGenerator) -> String {
        let lower = original.lowercased()
        let kinds: [([String], [String])] = [
            (["hospital", "medical", "clinic", "health", "spine", "ortho", "imaging", "radiology", "therapy", "pain",
              "surgery", "surgical", "rehab", "chiropractic", "acupuncture", "care", "physicians", "md"],
             ["Medical Group", "Health Center", "Imaging Center", "Spine Clinic", "Physical Therapy", "Orthopedic Associates"]),
            (["insurance", "claims", "casualty", "indemnity", "mutual", "assurance", "administrators", "risk", "adjust"],
             ["Claims Services", "Insurance Company", "Risk Administrators", "Casualty Group"]),
            (["law", "legal", "attorneys", "esq"], ["Law Group", "Legal Associates"]),
            (["review", "utilization", "ur "], ["Review Services", "Utilization Partners"]),
        ]
        var tails = ["Industries", "Foods", "Logistics", "Manufacturing", "Farms", "Services", "Builders"]
        for (cues, options) in kinds where cues.contains(where: { lower.contains($0) }) {
            tails = options
            break
        }
        var name = town(&random) + " " + pick(tails, &random)
        let words = original.split(separator: " ")
        if let last = words.last, words.count > 1,
            LetterIdentities.legalSuffixes.contains(last.lowercased().filter(\.isLetter)), last.lowercased() != "the"
        {
            name += (original.contains(", " + last) ? ", " : " ") + last
        }
        return isUpperCase(original) ? name.uppercased() : name
    }

    /// A location of the same shape: a ZIP code for a ZIP code, a street address for a street
    /// address, a town (and `County`) for a place name.
    static func location(like original: String, _ random: inout some RandomNumberGenerator) -> String {
        let trimmed = original.trimmingCharacters(in: .whitespaces)
        let digitsAndHyphen = trimmed.allSatisfy { $0.isNumber || $0 == "-" }
        if digitsAndHyphen, trimmed.filter(\.isNumber).count >= 5 {
            var zip = "000" + String(format: "%02d", Int.random(in: 1...99, using: &random))
            if trimmed.count == 10 { zip += "-" + String(format: "%04d", Int.random(in: 0...9999, using: &random)) }
            return zip
        }
        let words = trimmed.split(separator: " ")
        var result: String
        if let first = words.first, first.allSatisfy(\.isNumber), words.count >= 2 {
            let digits = max(2, min(5, first.count))
            var number = String(Int.random(in: 1...9, using: &random))
            for _ in 1..<digits { number += String(Int.random(in: 0...9, using: &random)) }
            let type = words.last.map(String.init).flatMap { streetTypes.contains($0.lowercased()) ? $0 : nil } ?? "Street"
            // Never a street name of the original's (`1630 Juniper Trace` is not `4127 Juniper Street`).
            let originalWords = Set(words.map { $0.lowercased() })
            let heads = placeHeads.filter { !originalWords.contains($0.lowercased()) }
            result = "\(number) \(pick(heads, &random)) \(type)"
        } else if let last = words.last, last.lowercased() == "county" {
            result = town(&random) + " " + last
        } else {
            result = town(&random)
        }
        return isUpperCase(original) ? result.uppercased() : result
    }

    /// An ID of the same shape: each digit another digit (no leading zero where there was
    /// none), letters kept (`ADJ`, `CM`, `XXX` prefixes), other characters kept.
    static func identifier(like original: String, _ random: inout some RandomNumberGenerator) -> String {
        var result = ""
        var first = true
        let hasDigits = original.contains(where: \.isNumber)
        for character in original {
            if character.isNumber, character.isASCII {
                let low = first && character != "0" ? 1 : 0
                result += String(Int.random(in: low...9, using: &random))
                first = false
            } else if !hasDigits, character.isLetter {
                let letter = pick(Array("ABCDEFGHJKLMNPQRSTUVWXYZ"), &random)
                result += character.isLowercase ? letter.lowercased() : String(letter)
            } else {
                result.append(character)
                if !character.isLetter { first = true }
            }
        }
        return result
    }

    /// A contact of the same shape: an e-mail address at example.org, a web address at
    /// example.org, an IP address in 192.0.2.0/24, a phone number in 555-01xx keeping the
    /// original's punctuation.
    static func contact(like original: String, _ random: inout some RandomNumberGenerator) -> String {
        let lower = original.lowercased()
        if original.contains("@") {
            return "\(pick(givenNames, &random).lowercased()).\(surname(&random).lowercased())@example.org"
        }
        if lower.hasPrefix("http") || lower.hasPrefix("www.") || lower.contains(".com") || lower.contains(".org")
            || lower.contains(".net")
        {
            let scheme = lower.hasPrefix("https://") ? "https://" : (lower.hasPrefix("http://") ? "http://" : "")
            return scheme + "www.example.org/" + surname(&random).lowercased()
        }
        let parts = original.split(separator: ".")
        if parts.count == 4, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) {
            return "192.0.2.\(Int.random(in: 1...254, using: &random))"
        }
        // A phone or fax number: the digits of 1-555-555-01NN from the right, punctuation kept.
        let digitCount = original.filter { $0.isNumber && $0.isASCII }.count
        var template = Array("155555501" + String(format: "%02d", Int.random(in: 0...99, using: &random)))
        while template.count < digitCount { template.insert("5", at: 1) }
        var digits = template.suffix(digitCount).makeIterator()
        var result = ""
        for character in original {
            if character.isNumber, character.isASCII, let next = digits.next() { result.append(next) } else { result.append(character) }
        }
        return result
    }

    /// Another age of the same five-year band, or `90 or older`; nil when the band holds no
    /// other age that `avoid` leaves.
    static func age(like value: Int, avoiding avoid: Set<Int>, _ random: inout some RandomNumberGenerator) -> String? {
        if value >= 90 { return "90 or older" }
        let low = value / 5 * 5
        let options = (low...(low + 4)).filter { $0 != value && !avoid.contains($0) }
        return options.isEmpty ? nil : String(pick(options, &random))
    }

    /// A random code of `length` characters of Crockford's base 32 (no I, L, O, U).
    static func code(length: Int = 8, _ random: inout some RandomNumberGenerator) -> String {
        let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        return String((0..<length).map { _ in alphabet[Int(random.next() % 32)] })
    }

    static func isUpperCase(_ text: String) -> Bool {
        let letters = text.filter(\.isLetter)
        return letters.count > 1 && letters.allSatisfy(\.isUppercase)
    }
}

/// The system's random generator (`SystemRandomNumberGenerator`) with a word of state. A
/// zero-sized generator passed `inout` gets no storage of its own: every such variable shares
/// one placeholder address, and ThreadSanitizer reports two threads drawing from their own
/// generators as a race on one variable (seen with `--jobs 2`). One word gives each its own.
struct SystemRandom: RandomNumberGenerator {
    private var system = SystemRandomNumberGenerator()
    private var draws: UInt64 = 0

    mutating func next() -> UInt64 {
        draws &+= 1
        return system.next()
    }
}
