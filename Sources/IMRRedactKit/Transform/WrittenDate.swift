/// A date as a letter writes it: its value and its form, so that another date can be written in
/// the same form (`3/5/12` stays `M/D/YY`, `March 5, 2012` stays spelled out, `Dec. 30,\n2014`
/// keeps its line break).
///
/// Forms read: `M/D/YY`, `MM/DD/YYYY`, `M-D-YY`, `M.D.YY`, `YYYY-MM-DD`, `YYYY/MM/DD`, `7/22` and
/// `7-22` without a year, `March 5, 2012`, `Mar. 5, 2012`, `March 5th 2012`, `5 March 2012`,
/// `2nd of March`, `12-Feb-15`, `17-JAN-2014`, `March 2012` (month precision). Anything else is
/// not a date here, and the caller falls back to a placeholder (fail closed).
public struct WrittenDate: Sendable, Equatable {
    public enum Precision: Sendable { case day, month }

    public enum LetterCase: Sendable, Equatable { case upper, lower, title }

    enum MonthForm: Equatable, Sendable {
        case number(padded: Bool?)
        /// `abbreviation`: 0 full name, 3 `Mar`, 4 `Sept`.
        case name(abbreviation: Int, letterCase: LetterCase)
    }

    enum DayForm: Equatable, Sendable {
        case number(padded: Bool?)
        case ordinal(suffixCase: LetterCase)
    }

    enum Piece: Equatable, Sendable {
        case literal(String)
        case month(MonthForm)
        case day(DayForm)
        /// 2 or 4 digits.
        case year(digits: Int)
    }

    var pieces: [Piece]
    public private(set) var month: Int
    /// `nil` at month precision (`March 2012`).
    public private(set) var day: Int?
    /// The full year, `nil` when the date has none (`7/22`).
    public private(set) var year: Int?

    public var precision: Precision { day == nil ? .month : .day }
    public var hasYear: Bool { year != nil }

    static let monthNames = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december",
    ]

    /// The century of a two-digit year: `00`–`49` are 20xx, `50`–`99` are 19xx. Only leap days
    /// depend on it (1900 and 2000 differ); the output writes two digits again.
    public static func fullYear(twoDigits: Int) -> Int { twoDigits < 50 ? 2000 + twoDigits : 1900 + twoDigits }

    // MARK: Reading

    private enum Token {
        case digits(String)
        case word(String)
        case other(Character)
    }

    private enum Item {
        case number(text: String, piece: Int, ordinal: LetterCase?)
        case name(month: Int, piece: Int)
    }

    /// Reads `text` as a date, or `nil` when it is not one of the forms above or names a day
    /// that does not exist.
    public static func parse(_ text: String) -> WrittenDate? {
        var tokens: [Token] = []
        for character in text {
            if character.isASCII, character.isNumber {
                if case .digits(let run) = tokens.last { tokens[tokens.count - 1] = .digits(run + String(character)) } else {
                    tokens.append(.digits(String(character)))
                }
            } else if character.isASCII, character.isLetter {
                if case .word(let run) = tokens.last { tokens[tokens.count - 1] = .word(run + String(character)) } else {
                    tokens.append(.word(String(character)))
                }
            } else {
                tokens.append(.other(character))
            }
        }
        var pieces: [Piece] = []
        var items: [Item] = []
        var literal = ""
        func flushLiteral() {
            if !literal.isEmpty { pieces.append(.literal(literal)) }
            literal = ""
        }
        var previousWasDigits = false
        for token in tokens {
            switch token {
            case .other(let character):
                literal.append(character)
                previousWasDigits = false
            case .digits(let run):
                guard run.count <= 4 else { return nil }
                flushLiteral()
                pieces.append(.literal(""))  // replaced once the field is known
                items.append(.number(text: run, piece: pieces.count - 1, ordinal: nil))
                previousWasDigits = true
            case .word(let word):
                let lower = word.lowercased()
                if previousWasDigits, ["st", "nd", "rd", "th"].contains(lower), case .number(let text, let piece, nil) = items.last {
                    items[items.count - 1] = .number(text: text, piece: piece, ordinal: letterCase(of: word))
                    previousWasDigits = false
                    continue
                }
                previousWasDigits = false
                if lower == "of" || lower == "the" {
                    literal += word
                    continue
                }
                guard let (month, abbreviation) = monthName(lower) else { return nil }
                flushLiteral()
                pieces.append(.month(.name(abbreviation: abbreviation, letterCase: letterCase(of: word))))
                items.append(.name(month: month, piece: pieces.count - 1))
            }
        }
        flushLiteral()

        var month = 0
        var day: Int? = nil
        var year: Int? = nil
        func number(_ item: Item) -> (String, Int, LetterCase?)? {
            if case .number(let text, let piece, let ordinal) = item { return (text, piece, ordinal) }
            return nil
        }
        func setDay(_ item: Item) -> Bool {
            guard let (text, piece, ordinal) = number(item), text.count <= 2, let value = Int(text) else { return false }
            day = value
            pieces[piece] = .day(ordinal.map { .ordinal(suffixCase: $0) } ?? .number(padded: padding(text)))
            return true
        }
        func setMonthNumber(_ item: Item) -> Bool {
            guard let (text, piece, ordinal) = number(item), ordinal == nil, text.count <= 2, let value = Int(text) else { return false }
            month = value
            pieces[piece] = .month(.number(padded: padding(text)))
            return true
        }
        func setYear(_ item: Item) -> Bool {
            guard let (text, piece, ordinal) = number(item), ordinal == nil, text.count == 2 || text.count == 4,
                let value = Int(text)
            else { return false }
            year = text.count == 2 ? fullYear(twoDigits: value) : value
            pieces[piece] = .year(digits: text.count)
            return true
        }
        func setName(_ item: Item) -> Bool {
            guard case .name(let value, _) = item else { return false }
            month = value
            return true
        }
        func isYearLike(_ item: Item) -> Bool { number(item).map { $0.0.count == 4 } ?? false }

        var ok: Bool
        switch items.count {
        case 3:
            if isYearLike(items[0]) {
                ok = setYear(items[0]) && setMonthNumber(items[1]) && setDay(items[2])
            } else if case .name = items[0] {
                ok = setName(items[0]) && setDay(items[1]) && setYear(items[2])
            } else if case .name = items[1] {
                ok = setDay(items[0]) && setName(items[1]) && setYear(items[2])
            } else {
                ok = setMonthNumber(items[0]) && setDay(items[1]) && setYear(items[2])
            }
        case 2:
            if case .name = items[0] {
                ok = setName(items[0]) && (isYearLike(items[1]) ? setYear(items[1]) : setDay(items[1]))
            } else if case .name = items[1] {
                ok = setDay(items[0]) && setName(items[1])
            } else {
                ok = setMonthNumber(items[0]) && setDay(items[1])
            }
        default:
            ok = false
        }
        guard ok, (1...12).contains(month) else { return nil }
        if let day {
            // Without a year, February 29 exists (in a leap year).
            guard CivilDate(year: year ?? 2012, month: month, day: day) != nil else { return nil }
        } else if year == nil {
            return nil
        }
        // A field whose padding cannot be told (`12`) follows the other numeric field.
        var known: Bool? = nil
        for piece in pieces {
            if case .month(.number(let padded?)) = piece { known = padded }
            if case .day(.number(let padded?)) = piece { known = known ?? padded }
        }
        for index in pieces.indices {
            if case .month(.number(nil)) = pieces[index] { pieces[index] = .month(.number(padded: known ?? false)) }
            if case .day(.number(nil)) = pieces[index] { pieces[index] = .day(.number(padded: known ?? false)) }
        }
        return WrittenDate(pieces: pieces, month: month, day: day, year: year)
    }

    private static func padding(_ digits: String) -> Bool? {
        if digits.count == 1 { return false }
        return digits.first == "0" ? true : nil
    }

    private static func letterCase(of word: String) -> LetterCase {
        if word.allSatisfy({ $0.isUppercase }) && word.count > 1 { return .upper }
        if word.allSatisfy({ $0.isLowercase }) { return .lower }
        return .title
    }

    /// A month name or abbreviation: the month and the abbreviation length (0 for a full name).
    private static func monthName(_ lower: String) -> (Int, Int)? {
        if let index = monthNames.firstIndex(of: lower) { return (index + 1, 0) }
        if lower == "sept" { return (9, 4) }
        if lower.count == 3, let index = monthNames.firstIndex(where: { $0.hasPrefix(lower) }) { return (index + 1, 3) }
        return nil
    }

    // MARK: Values

    /// The date this text names. A date without a year is placed in `referenceYear` (in the
    /// leap year before it for February 29); a month-precision date on the 15th.
    public func civilDate(referenceYear: Int) -> CivilDate {
        var useYear = year ?? referenceYear
        let useDay = day ?? 15
        if month == 2 && useDay == 29 { while !CivilDate.isLeap(useYear) { useYear -= 1 } }
        // Parsing checked the day exists in this year (or in a leap year when none is written).
        return CivilDate(year: useYear, month: month, day: useDay) ?? CivilDate(dayNumber: 0)
    }

    // MARK: Writing

    /// `date` written in this form (a form without a year writes none, one at month
    /// precision writes no day).
    public func render(_ date: CivilDate) -> String {
        var out = ""
        for piece in pieces {
            switch piece {
            case .literal(let text): out += text
            case .month(.number(let padded)): out += Self.number(date.month, padded: padded ?? false)
            case .month(.name(let abbreviation, let letterCase)):
                var name = Self.monthNames[date.month - 1]
                if abbreviation == 4 && date.month == 9 {
                    name = "sept"
                } else if abbreviation > 0 {
                    name = String(name.prefix(3))
                }
                out += Self.apply(letterCase, to: name)
            case .day(.number(let padded)): out += Self.number(date.day, padded: padded ?? false)
            case .day(.ordinal(let suffixCase)):
                out += String(date.day) + Self.apply(suffixCase == .upper ? .upper : .lower, to: Self.ordinalSuffix(date.day))
            case .year(let digits): out += digits == 2 ? Self.number(date.year % 100, padded: true) : String(date.year)
            }
        }
        return out
    }

    /// This date `days` later, in the same form.
    public func shifted(by days: Int, referenceYear: Int) -> String {
        render(civilDate(referenceYear: referenceYear).adding(days: days))
    }

    static func number(_ value: Int, padded: Bool) -> String { padded && value < 10 ? "0\(value)" : String(value) }

    static func ordinalSuffix(_ day: Int) -> String {
        if (11...13).contains(day % 100) { return "th" }
        switch day % 10 {
        case 1: return "st"
        case 2: return "nd"
        case 3: return "rd"
        default: return "th"
        }
    }

    static func apply(_ letterCase: LetterCase, to lower: String) -> String {
        switch letterCase {
        case .upper: return lower.uppercased()
        case .lower: return lower
        case .title: return lower.prefix(1).uppercased() + lower.dropFirst()
        }
    }
}
