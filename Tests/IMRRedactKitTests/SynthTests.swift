import Foundation
import IMRRedactKit
import IMRTestSupport
import Testing

@Suite struct SynthTests {
    /// 200 letters, written once and read back through the gold reader (score.py's checks).
    static let letters: [GoldDocument] = {
        do {
            let generated = try Synthesizer(seed: 424242).letters(count: 200)
            let folder = try Fixtures.temporaryDirectory()
            let url = folder.appendingPathComponent("synth.jsonl")
            try Data(generated.map { $0.jsonLine() + "\n" }.joined().utf8).write(to: url)
            return try GoldSet.load(path: url.path).letters
        } catch {
            Issue.record("synthetic letters could not be generated or read back: \(error)")
            return []
        }
    }()

    func spanText(_ letter: GoldDocument, _ start: Int, _ end: Int) -> String {
        String(decoding: letter.text[start..<end], as: UTF8.self)
    }

    @Test func theSameSeedWritesTheSameBytesAndAnotherSeedOthers() throws {
        let first = try Synthesizer(seed: 99).letters(count: 25).map { $0.jsonLine() }
        let again = try Synthesizer(seed: 99).letters(count: 25).map { $0.jsonLine() }
        let other = try Synthesizer(seed: 100).letters(count: 25).map { $0.jsonLine() }
        #expect(first == again)
        // The ids carry the seed, so compare the letters' text: every letter changes with the seed.
        let firstTexts = try Synthesizer(seed: 99).letters(count: 25).map(\.text)
        let otherTexts = try Synthesizer(seed: 100).letters(count: 25).map(\.text)
        #expect(zip(firstTexts, otherTexts).allSatisfy { $0 != $1 })
        _ = other
        // Letter i does not depend on how many letters are asked for.
        let prefix = try Synthesizer(seed: 99).letters(count: 5).map { $0.jsonLine() }
        #expect(prefix == Array(first.prefix(5)))
        #expect(try Synthesizer(seed: 99).letter(17).jsonLine() == first[17])
        // The letters of one seed differ from one another.
        #expect(Set(first.map { String($0.dropFirst(30).prefix(400)) }).count == first.count)
    }

    @Test func spansPassTheSelfCheckOn200Letters() throws {
        let letters = Self.letters
        try #require(letters.count == 200)
        for letter in letters {
            #expect(String(validating: letter.text, as: UTF8.self) != nil && !letter.text.contains(0))
            var previousEnd = 0
            for span in letter.spans {
                #expect(span.start >= previousEnd, "\(letter.id): spans overlap at \(span.start)")
                previousEnd = span.end
                let text = spanText(letter, span.start, span.end)
                #expect(!text.isEmpty && text.first?.isWhitespace == false && text.last?.isWhitespace == false,
                        "\(letter.id): span at \(span.start) starts or ends with a space")
                #expect(!text.contains("\u{0C}"), "\(letter.id): a page break inside a span at \(span.start)")
            }
            for protected in letter.protected {
                #expect(!letter.spans.contains { $0.start < protected.end && protected.start < $0.end },
                        "\(letter.id): protected \(protected.kind) at \(protected.start) overlaps an identifier")
            }
            #expect(!letter.items.isEmpty)
            #expect(letter.items.allSatisfy { ["Upheld", "Overturned", "Modified"].contains($0.decision) })
            #expect(LetterLayout(rawValue: letter.layout) != nil)
        }
    }

    @Test func everyLayoutCategoryAndProtectedKindIsPresent() throws {
        let letters = Self.letters
        #expect(Set(letters.map(\.layout)) == Set(LetterLayout.allCases.map(\.rawValue)))
        #expect(Set(letters.flatMap { $0.spans.map(\.category) }) == Set(Category.allCases))
        #expect(Set(letters.flatMap { $0.protected.map(\.kind) }) == Set(ClinicalKind.allCases))
        // Every layout opens as the spec describes it.
        for letter in letters {
            let head = String(decoding: letter.text.prefix(200), as: UTF8.self)
            switch LetterLayout(rawValue: letter.layout) {
            case .caseNumber: #expect(head.hasPrefix("Case Number:") || head.hasPrefix(" Case Number:"))
            case .maximus: #expect(head.contains("MAXIMUS FEDERAL SERVICES, INC.") && !head.contains("Notice of"))
            case .notice: #expect(head.contains("Notice of Independent Medical Review Determination"))
            case .professionalReview: #expect(head.contains("MEDICAL PROFESSIONAL REVIEW"))
            default: #expect(!head.contains("Case Number:") && !head.contains("MAXIMUS FEDERAL"))
            }
        }
    }

    @Test func lettersCarryTheDamageAndTheNamesTheyShould() throws {
        let letters = Self.letters
        func any(_ predicate: (GoldDocument) -> Bool) -> Bool { letters.contains(where: predicate) }
        func text(_ letter: GoldDocument) -> String { String(decoding: letter.text, as: UTF8.self) }
        #expect(any { text($0).contains("\r\n") })
        #expect(any { text($0).contains("\u{0C}") })
        #expect(any { text($0).range(of: #"Page \d+ of \d+"#, options: .regularExpression) != nil })
        #expect(any { text($0).hasPrefix(" ") || text($0).contains("\n ") })
        #expect(any { text($0).contains(" \n\n") || text($0).contains(" \r\n\r\n") })
        let spanTexts = letters.flatMap { letter in letter.spans.map { (spanText(letter, $0.start, $0.end), $0.category) } }
        // A name broken across lines, with and without a hyphen, is still one span.
        #expect(spanTexts.contains { $0.1 == .PROVIDER && $0.0.contains("\n") })
        #expect(spanTexts.contains { $0.0.range(of: #"\w-\r?\n"#, options: .regularExpression) != nil })
        // Names of many origins: accents, particles, apostrophes, hyphens, words that are names.
        let people = spanTexts.filter { [.PATIENT, .PROVIDER, .PERSON].contains($0.1) }.map(\.0)
        #expect(people.contains { $0.unicodeScalars.contains { $0.value > 0x7F } })
        #expect(people.contains { $0.contains("'") })
        #expect(people.contains { $0.range(of: #"[A-Za-z]-[A-Za-z]"#, options: .regularExpression) != nil })
        #expect(people.contains { ["De La ", "Del ", "Van ", "Dela ", "De ", "St. ", "Der "].contains(where: $0.contains) })
        let words: Set<String> = ["Young", "King", "Long", "Payne", "Hope", "Wise", "Price", "Bell", "Strong", "May", "Day"]
        #expect(people.contains { words.contains($0) })
        // Every date form of the spec.
        let dates = spanTexts.filter { $0.1 == .DATE }.map(\.0)
        for pattern in [
            #"^\d{1,2}/\d{1,2}/\d{2}$"#, #"^\d{2}/\d{2}/\d{4}$"#, #"^[A-Z][a-z]+ \d{1,2}, \d{4}$"#, #"^\d{4}-\d{2}-\d{2}$"#,
            #"^\d{1,2}-[A-Z][a-z]{2}-\d{2}$"#, #"^\d{1,2}/\d{1,2}$"#, #"^[A-Z][a-z]+\.? \d{4}$"#, #"^\d+\w\w of [A-Z]"#,
        ] {
            #expect(dates.contains { $0.range(of: pattern, options: .regularExpression) != nil }, "no date of the form \(pattern)")
        }
        // Ages over 89 and the trap of a decade (not an identifier) both occur.
        #expect(spanTexts.contains { $0.1 == .AGE && (Int($0.0) ?? 0) >= 90 })
        #expect(any { text($0).contains("early sixties") || text($0).contains("mid-fifties") || text($0).contains("late thirties") })
        // A guideline citation that holds a date is protected, not a date.
        let protectedTexts = letters.flatMap { letter in letter.protected.map { (spanText(letter, $0.start, $0.end), $0.kind) } }
        #expect(protectedTexts.contains { $0.1 == .GUIDELINE && $0.0.contains("updated") })
    }
}
