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

    static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        return day <= daysIn(year: year, month: month)
    }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Howard Hinnant's `days_from_civil`.
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Howard Hinnant's `civil_from_days`.
    static func civil(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The date moved to `days`, written in this date's format.
    func render(days: Int) -> String {
        let (year, month, day) = Self.civil(days: days)
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
