import IMRRedactKit

/// Dates as the letters write them, parsed to a day number so that the generator can move them
/// and write them back in their own format.
///
/// Every date of a letter moves by the same per-letter offset (plus a few days of jitter per
/// distinct date), so the order of injury, request, denial and decision stays believable.
struct LetterDate {
    /// How the date was written; the separators are kept from the original so that a date split
    /// across a line break ("March 18,\n2012") stays split.
    enum Format {
        /// `3/5/12`, `09/26/2013`.
        case slashed(padded: Bool, fourDigitYear: Bool)
        /// `2016-06-09`.
        case iso
        /// `14-Apr-14`.
        case dayMonthYear(paddedDay: Bool)
        /// `February 20, 2014`, `Jan. 8, 2015`.
        case monthDayYear(fullName: Bool, dot: Bool, separator1: String, separator2: String)
        /// `Jun 09 2016`.
        case monthDayYearNoComma
        /// `January 2014` (day 15 stands for the month).
        case monthYear(separator: String)
    }

    var format: Format
    /// Days since 1970-01-01.
    var days: Int

    static let fullMonths = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]
    static let shortMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// 1-based month of a full or abbreviated English month name (`Sept` too), or `nil`.
    static func month(named name: String) -> Int? {
        if let index = fullMonths.firstIndex(of: name) { return index + 1 }
        if name == "Sept" { return 9 }
        if let index = shortMonths.firstIndex(of: name) { return index + 1 }
        return nil
    }

    /// Two-digit years pivot at 50, as the letters (2012–2017) need.
    static func fullYear(_ year: Int, digits: Int) -> Int {
        guard digits == 2 else { return year }
        return year < 50 ? 2000 + year : 1900 + year
    }

    /// The date moved to `days`, written in this date's format.
    func render(days: Int) -> String {
        let date = CivilDate(dayNumber: days)
        let (year, month, day) = (date.year, date.month, date.day)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        switch format {
        case .slashed(let padded, let fourDigitYear):
            let yearText = fourDigitYear ? "\(year)" : two(year % 100)
            return padded ? "\(two(month))/\(two(day))/\(yearText)" : "\(month)/\(day)/\(yearText)"
        case .iso:
            return "\(year)-\(two(month))-\(two(day))"
        case .dayMonthYear(let paddedDay):
            return "\(paddedDay ? two(day) : "\(day)")-\(Self.shortMonths[month - 1])-\(two(year % 100))"
        case .monthDayYear(let fullName, let dot, let separator1, let separator2):
            let name = fullName ? Self.fullMonths[month - 1] : Self.shortMonths[month - 1]
            // "May." is not an abbreviation; every other short name keeps the original's dot.
            let period = dot && !fullName && month != 5 ? "." : ""
            return "\(name)\(period)\(separator1)\(day),\(separator2)\(year)"
        case .monthDayYearNoComma:
            return "\(Self.shortMonths[month - 1]) \(two(day)) \(year)"
        case .monthYear(let separator):
            return "\(Self.fullMonths[month - 1])\(separator)\(year)"
        }
    }
}
