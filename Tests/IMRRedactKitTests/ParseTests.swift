import Foundation
import IMRRedactKit
import IMRTestSupport
import Testing

@Suite struct ParseTests {
    let parser = LetterParser()

    func parse(_ bytes: [UInt8]) -> LetterStructure { bytes.withUnsafeBufferPointer { parser.parse($0) } }
    func parse(_ text: String) -> LetterStructure { parse(Array(text.utf8)) }

    @Test func seedZeroHasTwoItemsCitingMTUSAndItsReviewer() throws {
        let seed = parse(Array(try Data(contentsOf: try #require(Fixtures.seedFiles.first))))
        #expect(seed.items.map(\.service.value) == [
            "Acupuncture sessions 1x6 for cervical and thoracic", "Chiropractic sessions 1x6 for cervical and thoracic",
        ])
        #expect(seed.items.map { $0.decision?.value } == ["Overturned", "Upheld"])
        for item in seed.items {
            #expect(item.claimsAdministratorGuideline?.value.contains("MTUS") == true)
            #expect(item.reviewerGuideline?.value.contains("MTUS") == true)
            #expect(item.rationale != nil)
        }
        #expect(seed.reviewer.specialty?.value == "Physical Medicine and Rehabilitation")
        #expect(seed.reviewer.subspecialty?.value == "Interventional Spine")
        #expect(seed.reviewer.licensure.map(\.value) == ["California"])
        #expect(seed.age?.value == "43" && seed.sex?.value == "F")
    }

    /// The lines read by column: a label broken over two lines (`Application` above `Received:`)
    /// and the two lines below it. A header of columns without one reads no column.
    @Test func theWrappedApplicationLabelIsTheOnlyReadingByColumn() {
        let lines = [
            "Case Number:          CM19-0123456",
            "Decision Date:        05/06/2019                      Application          04/02/2019",
            "",
            "Injured Worker:       Tomasz Wielgus                  Received:",
            "Claim Number:         7731-5520",
        ]
        let text = lines.joined(separator: "\n") + "\n"
        let structure = parse(text)
        #expect(structure.fields["application_received"]?.value == "04/02/2019")
        // Byte offset of each line's start: the Application line and the two non-blank lines below.
        let lineStarts = lines.indices.map { index in lines[..<index].reduce(0) { $0 + $1.utf8.count + 1 } }
        #expect(structure.columnLines.map(\.lowerBound) == [lineStarts[1], lineStarts[3], lineStarts[4]])

        let plain = "Employee:             Tomasz Wielgus          Employer:       Brine Lake Dairy\n"
            + "Date of Injury:       03/04/2015              Claim Number:   7731-5520\n"
        #expect(parse(plain).columnLines.isEmpty)
    }

    @Test func seedOneHasOneUpheldItem() throws {
        let seed = parse(Array(try Data(contentsOf: Fixtures.seedFiles[1])))
        #expect(seed.items.map(\.service.value) == ["12 Acupuncture sessions"])
        #expect(seed.items.map { $0.decision?.value } == ["Upheld"])
    }

    @Test(arguments: [
        ("letter-case-number.txt", Layout.caseNumber, ["Overturned", "Upheld", "Modified"]),
        ("letter-maximus.txt", .maximus, ["Overturned", "Upheld", "Upheld"]),
        ("letter-professional-review.txt", .professionalReview, ["Upheld", "Upheld"]),
        ("letter-notice.txt", .notice, ["Upheld", "Upheld", "Upheld"]),
        ("letter-fax-cover.txt", .unknown, ["Overturned", "Modified"]),
    ])
    func samplesParseToTheirLayout(name: String, layout: Layout, decisions: [String]) throws {
        let bytes = try Fixtures.sample(name)
        let letter = parse(bytes)
        #expect(letter.layout == layout)
        #expect(letter.items.map { $0.decision?.value } == decisions)
        // Every value's range holds exactly its text (CRLF, form feeds and all).
        for entry in letter.labelled {
            #expect(String(decoding: bytes[entry.span.range], as: UTF8.self) == entry.span.value)
        }
        #expect(letter.fields["employee"] != nil)
    }

    /// The manifest of the 150 real letters: header fields, item and decision counts, reviewer.
    @Test func realLettersMatchTheirManifest() throws {
        let manifest = try String(contentsOf: Fixtures.shared.appendingPathComponent("realdata/dwc_manifest.csv"), encoding: .utf8)
        let rows = CSV.rows(manifest)
        let header = try #require(rows.first)
        var columns: [String: Int] = [:]
        for (index, name) in header.enumerated() { columns[name] = index }
        func column(_ name: String) -> Int { columns[name] ?? 0 }
        try #require(columns.count >= 12)
        let keys = ["case_number", "date_assigned", "date_of_injury", "decision_date", "ur_denial_date", "application_received", "priority"]
        var checked = 0
        var mismatches: [String] = []
        for row in rows.dropFirst() where row.count == header.count {
            let id = row[column("case_number")]
            let letter = parse(Array(try Data(contentsOf: Fixtures.realLetters.appendingPathComponent(id + ".txt"))))
            for key in keys where letter.fields[key]?.value != row[column(key)] { mismatches.append("\(id) \(key)") }
            let decisions = letter.items.compactMap { $0.decision?.value }
            if letter.items.count != Int(row[column("n_issues")])
                || decisions.filter({ $0 == "Upheld" }).count != Int(row[column("n_upheld")])
                || decisions.filter({ $0 == "Overturned" }).count != Int(row[column("n_overturned")])
            {
                mismatches.append("\(id) items")
            }
            let states = row[column("reviewer_licensure")].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if letter.reviewer.licensure.map(\.value) != states { mismatches.append("\(id) licensure") }
            // The manifest cuts a specialty at its line end; the parse joins the wrapped line.
            if !(letter.reviewer.specialty?.value.hasPrefix(row[column("reviewer_specialty")]) ?? false) {
                mismatches.append("\(id) specialty")
            }
            if letter.layout != .caseNumber { mismatches.append("\(id) layout") }
            checked += 1
        }
        #expect(checked == 150)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    /// Every letter of a gold file has its gold layout, and its gold items (service and decision)
    /// in order. A failure names the letter and the item's place, never the letter's text.
    func expectGoldLayoutAndItems(_ url: URL, count: Int) throws {
        struct Gold: Decodable {
            struct Item: Decodable { let service: String; let decision: String }
            let id: String
            let layout: String
            let text: String
            let items: [Item]
        }
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == count)
        for line in lines {
            let gold = try JSONDecoder().decode(Gold.self, from: Data(line.utf8))
            let letter = parse(gold.text)
            let layoutMatches = letter.layout.rawValue == gold.layout
            #expect(layoutMatches, "\(gold.id): layout \(letter.layout.rawValue), gold \(gold.layout)")
            let countMatches = letter.items.count == gold.items.count
            #expect(countMatches, "\(gold.id): \(letter.items.count) items, gold \(gold.items.count)")
            for (index, (found, expected)) in zip(letter.items, gold.items).enumerated() {
                let serviceMatches = found.service.value == expected.service
                #expect(serviceMatches, "\(gold.id) item \(index + 1): service at byte \(found.service.range.lowerBound) differs")
                let decisionMatches = found.decision?.value == expected.decision
                #expect(decisionMatches, "\(gold.id) item \(index + 1): decision \(found.decision?.value ?? "none"), gold \(expected.decision)")
            }
        }
    }

    @Test func devLettersHaveTheGoldLayoutAndItems() throws {
        try expectGoldLayoutAndItems(Fixtures.devGold, count: 12)
    }

    /// The second set, written by other hands: fax stamps, decisions tables with a rule, items
    /// decided in their rationale's text, issue lists, summary tables, cover memos.
    @Test func dev2LettersHaveTheGoldLayoutAndItems() throws {
        try expectGoldLayoutAndItems(Fixtures.dev2Gold, count: 16)
    }

    @Test func labelsThenValuesWrappedLabelsCRLFAndFormFeeds() {
        let text = [
            "Case Number:", "Date Assigned:", "Date of Injury:", "", "CM15-0012345", "03/02/2015", "11/20/2014", "",
            "Decision Date:        04/01/2015                      Application          02/20/2015",
            "                                                      Received:",
            "Priority:             Expedited", "\u{0C}", "  IMR ISSUES, DECISIONS", "  AND RATIONALES",
            "Lumbar support brace: Upheld", "Claims Administrator guideline: Decision based on ACOEM.",
            "MAXIMUS guideline: Decision based on ACOEM Chapter 12.", "Decision rationale: Not necessary.",
            "CM15-0012345                    Page 2 of 2",
        ].joined(separator: "\r\n")
        let letter = parse(text)
        #expect(letter.layout == .caseNumber)
        #expect(letter.fields["case_number"]?.value == "CM15-0012345")
        #expect(letter.fields["date_assigned"]?.value == "03/02/2015")
        #expect(letter.fields["date_of_injury"]?.value == "11/20/2014")
        #expect(letter.fields["decision_date"]?.value == "04/01/2015")
        #expect(letter.fields["application_received"]?.value == "02/20/2015")
        #expect(letter.fields["priority"]?.value == "Expedited")
        #expect(letter.sections.map(\.value) == ["IMR ISSUES, DECISIONS AND RATIONALES"])
        #expect(letter.items.map(\.service.value) == ["Lumbar support brace"])
        #expect(letter.items.first?.reviewerGuideline?.value == "Decision based on ACOEM Chapter 12.")
    }

    @Test func aServiceWrappedOverTwoLinesIsOneItem() {
        let letter = parse(
            "IMR ISSUES, DECISIONS AND RATIONALES\n\nRetrospective request for Norco 10/325mg #60 for the\nlumbar spine: Upheld\n\nDecision rationale: No.\n")
        #expect(letter.items.map(\.service.value) == ["Retrospective request for Norco 10/325mg #60 for the lumbar spine"])
    }

    @Test func flatTextMapsEveryByteBackToTheOriginal() {
        let text = Array("  Board Certified in\r\n\r\n   Physical Medicine and  Rehabilitation, has a\u{0C}\nsubspecialty in Spine. ".utf8)
        text.withUnsafeBufferPointer { buffer in
            let flat = FlatText(buffer, range: 0..<buffer.count)
            #expect(flat.string(0..<flat.bytes.count) == "Board Certified in Physical Medicine and Rehabilitation, has a subspecialty in Spine.")
            for index in flat.bytes.indices where flat.bytes[index] != 0x20 {
                #expect(text[flat.original(index..<(index + 1)).lowerBound] == flat.bytes[index])
            }
            let phrase = flat.bytes.firstRange(of: Array("in Physical".utf8))!
            #expect(String(decoding: text[flat.original(phrase)], as: UTF8.self) == "in\r\n\r\n   Physical")
        }
    }

    @Test func anythingElseIsUnknownAndNeverFails() {
        for text in ["", "\n\n\n", "Hello", String(repeating: "Employee:\n", count: 500), "1. : Upheld", "cc:\n, ,\n"] {
            let letter = parse(text)
            #expect(letter.layout == .unknown)
        }
    }
}

/// A small CSV reader for the manifest (quoted fields with commas, no embedded newlines).
enum CSV {
    static func rows(_ text: String) -> [[String]] {
        text.split(whereSeparator: \.isNewline).map { line in
            var fields: [String] = []
            var field = ""
            var quoted = false
            for character in line {
                if character == "\"" {
                    quoted.toggle()
                } else if character == "," && !quoted {
                    fields.append(field)
                    field = ""
                } else {
                    field.append(character)
                }
            }
            fields.append(field)
            return fields
        }
    }
}
