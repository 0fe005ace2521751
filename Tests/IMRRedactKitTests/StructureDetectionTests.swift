import Foundation
import IMRRedactKit
import IMRTestSupport
import Testing

@Suite struct StructureDetectionTests {
    /// `text` with every identifier span replaced by `#`.
    func masked(_ text: String) throws -> String {
        let engine = RedactionEngine(ruleSet: Fixtures.ruleSet)
        var bytes = Array(text.utf8)
        let resolution = try bytes.withUnsafeBufferPointer { try engine.analyze($0) }
        for span in resolution.identifiers.reversed() { bytes.replaceSubrange(span.start..<span.end, with: [UInt8(ascii: "#")]) }
        return String(decoding: bytes, as: UTF8.self)
    }

    func spans(_ text: String, structure: Bool = true, known: [KnownIdentifier] = []) throws -> [(String, Category, String)] {
        let engine = RedactionEngine(ruleSet: Fixtures.ruleSet)
        engine.usesStructure = structure
        let bytes = Array(text.utf8)
        let resolution = try bytes.withUnsafeBufferPointer { buffer in try engine.analyze(buffer, known: known) }
        return resolution.identifiers.map { (String(decoding: bytes[$0.start..<$0.end], as: UTF8.self), $0.category, $0.ruleID) }
    }

    @Test func realLettersHaveNoPersonOrganisationOrAddressFindings() throws {
        let engine = RedactionEngine(ruleSet: Fixtures.ruleSet)
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixtures.realLetters.path).filter { $0.hasSuffix(".txt") }
        #expect(names.count == 150)
        var falseFindings: [String: Int] = [:]
        for name in names {
            let bytes = Array(try Data(contentsOf: Fixtures.realLetters.appendingPathComponent(name)))
            let resolution = try bytes.withUnsafeBufferPointer { try engine.analyze($0) }
            for span in resolution.identifiers where [.PATIENT, .PROVIDER, .PERSON, .ORG, .LOCATION].contains(span.category) {
                falseFindings[span.ruleID, default: 0] += 1
            }
        }
        print("false person/organisation/address findings on 150 real letters: \(falseFindings.values.reduce(0, +)) \(falseFindings)")
        #expect(falseFindings.isEmpty)
    }

    /// Leak recall per category on the dev gold set, with and without the parse.
    @Test func theParseRaisesLeakRecallOnTheDevSet() throws {
        let letters = try GoldLetter.loadDev()
        func recall(structure: Bool) throws -> [String: (caught: Int, total: Int)] {
            let engine = RedactionEngine(ruleSet: Fixtures.ruleSet)
            engine.usesStructure = structure
            var table: [String: (caught: Int, total: Int)] = [:]
            for letter in letters {
                let bytes = Array(letter.text.utf8)
                let masked = try bytes.withUnsafeBufferPointer { try engine.analyze($0) }.identifiers.map { $0.start..<$0.end }
                for span in letter.spans {
                    let caught = Self.alphanumericOffsets(bytes, span.start..<span.end).allSatisfy { offset in
                        masked.contains { $0.contains(offset) }
                    }
                    table[span.category, default: (0, 0)].total += 1
                    if caught { table[span.category, default: (0, 0)].caught += 1 }
                }
            }
            return table
        }
        let with = try recall(structure: true)
        let without = try recall(structure: false)
        for category in ["PATIENT", "PROVIDER", "ORG", "PERSON"] {
            let a = with[category] ?? (0, 1)
            let b = without[category] ?? (0, 1)
            print(String(format: "leak recall %@: %.3f with the parse, %.3f without", category,
                         Double(a.caught) / Double(a.total), Double(b.caught) / Double(b.total)))
            #expect(a.caught >= b.caught)
        }
        #expect((with["PATIENT"]?.caught ?? 0) > (without["PATIENT"]?.caught ?? 0))
        let caught = with.values.map(\.caught).reduce(0, +)
        let total = with.values.map(\.total).reduce(0, +)
        #expect(Double(caught) / Double(total) >= 0.98)
    }

    /// Byte offsets of the letters and digits of `range` (UTF-8 characters of several bytes count whole).
    static func alphanumericOffsets(_ bytes: [UInt8], _ range: Range<Int>) -> [Int] {
        var offsets: [Int] = []
        var index = range.lowerBound
        while index < range.upperBound {
            var width = 1
            while index + width < range.upperBound && bytes[index + width] & 0xC0 == 0x80 { width += 1 }
            let character = String(decoding: bytes[index..<(index + width)], as: UTF8.self)
            if character.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0.properties.numericType != nil }) {
                offsets += Array(index..<(index + width))
            }
            index += width
        }
        return offsets
    }

    @Test func headerValuesAreClassifiedByTheirLabel() throws {
        let found = try spans(
            """
            Employee:             NGUYEN VAN THANH                Claim Number:        05-77831-A
            Employer:             GOLDEN BASIN PACKING CO.
            Claims Administrator: Keystone Mutual Insurance Company, Adjuster: Joy Rivers
            Requesting Provider:  ANA M. REYES, L.AC. (ACUPUNCTURE)

            """)
        let byText = Dictionary(found.map { ($0.0, $0.1) }, uniquingKeysWith: { first, _ in first })
        #expect(byText["NGUYEN VAN THANH"] == .PATIENT)
        #expect(byText["05-77831-A"] == .ID)
        #expect(byText["GOLDEN BASIN PACKING CO."] == .ORG)
        #expect(byText["Keystone Mutual Insurance Company"] == .ORG)
        #expect(byText["Joy Rivers"] == .PERSON)
        #expect(byText["ANA M. REYES"] == .PROVIDER)
    }

    @Test func aNameFoundOnceIsMaskedEverywhereInTheLetter() throws {
        let text = """
            Employee:      Ling-Mei Chen-Harutyunyan
            Dear Ms. Chen-Harutyunyan: CHEN-HARUTYUNYAN reported pain. Chen-Harutyunyan's therapist, and
            Harutyunyan, Ling-Mei signed. The note of Dr. Kalay-
            djian, and Kalaydjian's plan. Initials L.C. on the form.
            Requesting Physician: Anahit Kalaydjian, MD

            """
        let found = try spans(text)
        let maskedTexts = found.map(\.0)
        let output = try masked(text)
        #expect(!output.contains("Chen") && !output.contains("CHEN") && !output.contains("Harutyunyan"))
        #expect(!output.contains("Kalay") && !output.contains("djian"))
        #expect(output.contains("'s therapist") && output.contains("'s plan"), "the possessive stays")
        #expect(maskedTexts.contains("L.C.") || maskedTexts.contains("L.C"), "the patient's initials")
        #expect(found.first { $0.0.hasPrefix("Kalay-") }?.1 == .PROVIDER)
    }

    @Test func aSurnameThatIsAWordNeedsContext() throws {
        let text = """
            Employee:      Faith A. Long
            Ms. Long has long-term pain. Long walks help. The Long report and LONG's notes.

            """
        let found = try spans(text)
        let maskedTexts = found.map { $0.0 }
        #expect(maskedTexts.contains("Faith A. Long"))
        let output = try masked(text)
        #expect(output.contains("long-term"), "a word in lower case is never a name")
        #expect(output.contains("Long walks"), "nor a capitalised word that opens a sentence")
        #expect(output.contains("The # report") && output.contains("#'s notes"))
    }

    @Test func knownIdentifiersAreMaskedWhereverTheyOccur() throws {
        let found = try spans(
            "Seen by Zebulon Quartermaine; file xq-778812; QUARTERMAINE agreed.\n", structure: false,
            known: [.init(category: .PATIENT, value: "Zebulon Quartermaine"), .init(category: .ID, value: "XQ-778812")])
        #expect(found.map(\.0) == ["Zebulon Quartermaine", "xq-778812", "QUARTERMAINE"])
        #expect(found.map(\.1) == [.PATIENT, .ID, .PATIENT])
    }

    @Test func copyListEntriesTakeThePatientsAndProvidersCategory() throws {
        let found = try spans(
            """
            Employee:      Shannon O'Rourke
            Requesting Provider:   Ravinder Dhillon, MD
            Her husband, Kevin O'Rourke, reported it.

            cc:  Shannon M. O'Rourke, 318 Tallgrass Bend, Roseville, CA 95747
                 Sierra Pacific Comp Services, Attn: Gail Huffington, P.O. Box 3089, Rancho Cordova, CA 95741
                 Ravinder Dhillon, MD, Foothill Spine & Pain Institute, 6120 Quarry Ridge Road, Rocklin, CA 95765

            """)
        let categories = Dictionary(found.map { ($0.0, $0.1) }, uniquingKeysWith: { first, _ in first })
        #expect(categories["Shannon M. O'Rourke"] == .PATIENT)
        #expect(categories["Sierra Pacific Comp Services"] == .ORG)
        #expect(categories["Gail Huffington"] == .PERSON)
        #expect(categories["Foothill Spine & Pain Institute"] == .ORG)
        #expect(found.contains { $0.0 == "Kevin O'Rourke" || $0.0 == "Kevin" })
    }
}
