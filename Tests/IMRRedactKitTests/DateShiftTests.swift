import IMRRedactKit
import Testing

@Suite struct DateShiftTests {
    @Test func dayNumbersRoundTripAcrossLeapYearsAndCenturies() throws {
        for (year, month, day, number) in [(1970, 1, 1, 0), (2000, 2, 29, 11_016), (2012, 3, 5, 15_404), (1900, 3, 1, -25_508)] {
            let date = try #require(CivilDate(year: year, month: month, day: day))
            #expect(date.dayNumber == number)
            #expect(CivilDate(dayNumber: number) == date)
        }
        #expect(CivilDate(year: 2013, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2000, month: 2, day: 29) != nil)
        #expect(CivilDate(year: 2014, month: 4, day: 31) == nil)
        var date = try #require(CivilDate(year: 1999, month: 12, day: 31))
        for _ in 0..<800 {
            let next = date.adding(days: 1)
            #expect(next.dayNumber == date.dayNumber + 1)
            #expect(CivilDate(year: next.year, month: next.month, day: next.day) == next)
            date = next
        }
    }

    @Test(arguments: [
        // (written, days, expected): the form is kept, only the values change.
        ("3/5/12", 10, "3/15/12"),
        ("02/11/2011", 30, "03/13/2011"),
        ("05-18-15", -20, "04-28-15"),
        ("04.01.2014", 1, "04.02.2014"),
        ("2012-03-05", 365, "2013-03-05"),
        ("2015/04/17", -17, "2015/03/31"),
        ("March 5, 2012", 31, "April 5, 2012"),
        ("Mar. 5, 2012", 31, "Apr. 5, 2012"),
        ("Sept. 30, 2014", 1, "Oct. 1, 2014"),
        ("Aug. 31, 2014", 30, "Sep. 30, 2014"),
        ("MARCH 5, 2012", -5, "FEBRUARY 29, 2012"),
        ("Dec. 30,\n2014", 3, "Jan. 2,\n2015"),
        ("5 March 2012", 40, "14 April 2012"),
        ("March 5th, 2012", -4, "March 1st, 2012"),
        ("2nd of March", 20, "22nd of March"),
        ("12-Feb-15", 30, "14-Mar-15"),
        ("17-JAN-2014", 1, "18-JAN-2014"),
        ("March 2012", 31, "April 2012"),
        ("10/05/12", 100, "01/13/13"),
        ("12/25/99", 10, "1/4/00"),  // padding unknown on both sides: none
    ])
    func shiftingKeepsTheForm(written: String, days: Int, expected: String) throws {
        let date = try #require(WrittenDate.parse(written))
        #expect(date.shifted(by: days, referenceYear: 2013) == expected)
    }

    @Test func leapDaysShiftToValidDates() throws {
        let leap = try #require(WrittenDate.parse("2/29/12"))
        #expect(leap.shifted(by: 365, referenceYear: 0) == "2/28/13")
        #expect(leap.shifted(by: -366, referenceYear: 0) == "2/28/11")
        #expect(leap.shifted(by: 1, referenceYear: 0) == "3/1/12")
        // Without a year, February 29 is placed in a leap year.
        let yearless = try #require(WrittenDate.parse("2/29"))
        #expect(yearless.shifted(by: 1, referenceYear: 2013) == "3/1")
        #expect(WrittenDate.parse("2/29/13") == nil)
        #expect(WrittenDate.parse("February 29, 2016") != nil)
        // Every shift of every leap day lands on a real date.
        for days in [-360, -200, -31, 30, 59, 300, 360] {
            let text = leap.shifted(by: days, referenceYear: 0)
            #expect(WrittenDate.parse(text) != nil, "\(text)")
        }
    }

    @Test func yearlessDatesChangeWithEveryAllowedShift() throws {
        let date = try #require(WrittenDate.parse("7/22"))
        #expect(!date.hasYear)
        for days in Array(30...360) + Array(-360 ... -30) {
            #expect(date.shifted(by: days, referenceYear: 2014) != "7/22")
        }
    }

    @Test func randomShiftsStayInRangeInBothDirections() {
        let shifts = (0..<2000).map { _ in MemoryStore.randomShift() }
        #expect(shifts.allSatisfy { (30...360).contains(abs($0)) })
        #expect(shifts.contains { $0 < 0 } && shifts.contains { $0 > 0 })
    }

    @Test(arguments: ["13/5/12", "3/5/123", "L4-5", "March", "Monday", "2012", "10/325", "CM13-0041187", "5 pounds"])
    func notDates(text: String) {
        #expect(WrittenDate.parse(text) == nil)
    }

    @Test func valuesAndPrecision() throws {
        let full = try #require(WrittenDate.parse("March 5, 2012"))
        #expect(full.year == 2012 && full.month == 3 && full.day == 5 && full.precision == .day)
        let month = try #require(WrittenDate.parse("Feb. 2014"))
        #expect(month.precision == .month && month.year == 2014 && month.day == nil)
        let two = try #require(WrittenDate.parse("3/5/61"))
        #expect(two.year == 1961)
    }
}
