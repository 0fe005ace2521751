import Foundation
import IMRRedactKit
import IMRTestSupport
import Testing

/// Inputs the fuzz target (`Fuzz/imr-fuzz`, `scripts/fuzz.sh`) found to break a property, made
/// into fictional letters: each must now pass every property of `RedactionProperties`.
@Suite struct FuzzRegressionTests {
    let engine = RedactionEngine(ruleSet: Fixtures.ruleSet)

    /// Redacts `text`, checks every property (a second redaction changing nothing among them), and
    /// returns the output.
    @discardableResult
    func redactChecked(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let bytes = Array(text.utf8)
        let result = try engine.redact(bytes)
        let violations = bytes.withUnsafeBufferPointer { RedactionProperties.check($0, result: result, engine: engine) }
        #expect(violations.isEmpty, "\(violations)", sourceLocation: sourceLocation)
        return String(decoding: result.output, as: UTF8.self)
    }

    /// A dev letter: `Claims Administrator: Org, Examiner Person` became `[ORG], [PERSON]`, which
    /// the header rule then took as one organisation.
    @Test func placeholdersAfterAHeaderLabelAreNotOneOrganisation() throws {
        // Text made of placeholders is left as it is, whatever the rule that finds it.
        for redacted in ["Claims Administrator:    [ORG], [PERSON]\n", "Employer: [ORG] [ORG]\n", "Employee: [PATIENT-2]\n",
                         "Claim Number: [ID-3A3WC9YR]\n"] {
            #expect(try redactChecked(redacted) == redacted)
        }
    }

    /// The same letter fuzzed (the line end after the name gone): `Examiner` was taken into the
    /// name, so the second redaction no longer saw where the organisation ended. (Written as
    /// `Claims Examiner`, the organisation's propagated mention went on over `, Claims`.)
    @Test func aRoleWordBeforeANameStaysOutOfIt() throws {
        let output = try redactChecked(
            "MEDICAL PROFESSIONAL REVIEW\n\nClaims Administrator:    Keystone Mutual Insurance Company, Examiner Joy Rivers"
                + "Treating Provider:       Alan Chu, MD (Orthopedic Surgery)\nEmployee:                Dana Whitfield\n")
        #expect(output.contains("[ORG], Examiner [PERSON]"))
        #expect(try redactChecked(output) == output)
        for role in ["Examiner", "Adjuster", "Claims Examiner"] {
            let line = try redactChecked("Claims Administrator:    Keystone Mutual Insurance Company, \(role) Joy Rivers\n")
            #expect(line.contains(", \(role) [PERSON]"), "\(role)")
        }
    }

    /// A fuzzed real letter: a date glued to a name (`Attn: Joy Rivers3/29/2016`, the line end
    /// between them lost) was left in the output, and found by the next redaction once the name
    /// was a placeholder. The re-scan masks it the first time.
    @Test func aDateGluedToANameIsMaskedTheFirstTime() throws {
        for text in ["Employer:  Keystone Mutual Insurance Company\nAttn: Joy Rivers3/29/2016; note of Dr. Alan Chu\n",
                     "The report was sent to Mr. Joy Rivers3/29/2016 by fax.\n"] {
            let output = try redactChecked(text)
            #expect(!output.contains("3/29/2016") && output.contains("[DATE]"))
            #expect(try redactChecked(output) == output)
        }
        // Spans that touch no letter or digit are not analysed again: the analysis is the same.
        let plain = Array("The report dated 7/31/13 by Dr. Alan Chu noted pain 6/10.".utf8)
        let spans = try plain.withUnsafeBufferPointer { try engine.analyze($0) }.identifiers
        #expect(spans.map(\.category) == [.DATE, .PROVIDER])
    }

    /// A fuzzed real letter: `Claims Administrator:` with no value took the next column's label
    /// (`Received:`) as the organisation, and the header read differently once it was gone.
    @Test func anEmptyOrganisationLabelTakesNoLabel() throws {
        let output = try redactChecked(
            "Priority:          Standard      Claims Administrator:                 Received:\n"
                + "Employee:                Dana Whitfield\n")
        #expect(output.contains("Claims Administrator:                 Received:\n"))
        #expect(output.contains("Employee:                [PATIENT]"))
    }

    /// Fuzzed real letters: an organisation propagated over a line break (`Keystone Mutual
    /// Insurance` / `Company`) joined two lines once replaced, and the rest of the second line
    /// became part of the `Employer:` value, masked by the next redaction. The re-scan masks
    /// it the first time.
    @Test func aSpanOverALineBreakIsRescanned() throws {
        let output = try redactChecked(
            "Employer:             Keystone Mutual Insurance\nCompany, Westside branch office.\n\n"
                + "The claims administrator, Keystone Mutual Insurance Company, denied the request.\n")
        #expect(output.hasPrefix("Employer:             [ORG], [ORG]\n"))
        #expect(try redactChecked(output) == output)
    }

    /// The CI fuzz run on a real letter: a word before a date at a line start (`Staten
    /// 11-22-16,`) reads as a name once the date is `[DATE]`. A re-scan that analysed only the
    /// lines around the spans touching text missed it (that line had none); the whole letter is
    /// analysed again, so the first redaction masks it.
    @Test func aWordBeforeADatePlaceholderIsMaskedTheFirstTime() throws {
        let output = try redactChecked(
            "Employer:             Keystone Mutual Insurance\nCompany, Westside branch office.\n\n"
                + "The Expert Reviewer has the following credentials:\nMarlow 10-14-16, request for chiropractic care.\n")
        #expect(output.contains("[PERSON] [DATE], request"))
    }

    /// A fuzzed real letter: an organisation propagated over a column gap (`Keystone  Mutual`)
    /// took the gap with it, and what stood in the next column became part of the `Employer:`
    /// value. The re-scan masks it the first time.
    @Test func aSpanOverAColumnGapIsRescanned() throws {
        let output = try redactChecked(
            "Employer:             Keystone  Mutual Insurance Company 1234\n\n"
                + "The claims administrator, Keystone Mutual Insurance Company, denied the request.\n")
        #expect(output.hasPrefix("Employer:             [ORG] [ORG]\n"))
    }

    /// A fuzzed real letter: a value shaped like a label (`Seen Mr. Whitfield:`) is no
    /// organisation, and neither is it once the name in it is a placeholder.
    @Test func aLabelShapedValueStaysOneOnceRedacted() throws {
        let output = try redactChecked("Employer:             Seen Mr. Whitfield: \n")
        #expect(output == "Employer:             Seen Mr. [PATIENT]: \n")
    }

    /// A fuzzed header: a two-line label (`Application` ... `Received:`) read by columns. Once the
    /// ID under it became `[ID]`, `Received:` moved left, and a second redaction read the label
    /// the other way and masked `00/2/17021` as its date. A span with text after a column gap on
    /// its line is now re-scanned, so the first redaction masks it.
    @Test func textAfterAColumnGapIsRescannedOnceItsColumnMoves() throws {
        let output = try redactChecked(
            "Case Number:          CM17-0008479\n"
                + "Date Assigned:        01/18/2017                      Date of Injury:      10/18/2016\n"
                + "Priority:             Standard                        Application          00/2/17021\n"
                + "        CM17-0009840                                              Received:\n\n")
        #expect(!output.contains("00/2/17021"))
    }

    /// A letter no span of which touches text is not read again, so a placeholder must read as
    /// what it replaced: a name-only word before a date was taken for a product before its model
    /// number (`Kowalczyk 3/4/2015`), but as a name before `[DATE]`, so the second redaction
    /// masked what the first had left. A date is no model number; an ID's placeholder still
    /// reads as one (`Zoll [ID]`).
    @Test func aPlaceholderReadsAsWhatItReplaced() throws {
        let output = try redactChecked("The reviewer noted:\nKowalczyk 3/4/2015, follow-up visit.\n")
        #expect(output == "The reviewer noted:\n[PERSON] [DATE], follow-up visit.\n")
        for kept in ["The device:\nZoll 4471 was fitted.\n", "The device:\nZoll [ID] was fitted.\n", "The device:\nLibre 3 sensor.\n"] {
            #expect(try redactChecked(kept) == kept)
        }
    }

    /// A fuzzed real letter: a name glued to a phone's parenthesis (`Velasco(559) 555-0188`).
    /// The phone's look-behind saw a letter and did not match; once the name was `[PERSON]` it
    /// saw `]` and matched, so a second redaction masked the phone. A phone in parentheses now
    /// matches whatever stands before it, and a bracket or sign after a span calls for the
    /// re-scan as a letter or digit does.
    @Test func aPhoneGluedToANameIsMaskedTheFirstTime() throws {
        let output = try redactChecked(
            "Employer:             Keystone Mutual\n\nFor the records call Velasco(559) 555-0188 - Fax 559-555-0189.\n")
        #expect(output.hasSuffix("call [PERSON][CONTACT] - Fax [CONTACT].\n"))
    }

    /// A span before a column gap is re-scanned only on the lines the parse reads by column; on
    /// any other line the text after the gap moves, the gap stays, and nothing reads otherwise:
    /// the first redaction is already the last.
    @Test func textAfterAColumnGapElsewhereNeedsNoSecondReading() throws {
        let letter = "Employee:             Tomasz Wielgus          Employer:       Brine Lake Dairy\n"
            + "Date of Injury:       03/04/2015              Claim Number:   7731-5520\n"
            + "Treating Provider:    Ines Valdarno, MD       Phone:          (559) 555-0143\n\n"
            + "The patient, Mr. Wielgus, reports pain of 6/10 at L4-5.\n"
        let output = try redactChecked(letter)
        for secret in ["Tomasz", "Wielgus", "Brine", "03/04/2015", "7731-5520", "Valdarno", "555-0143"] {
            #expect(!output.contains(secret), "left: \(secret.count) bytes")
        }
        #expect(output.contains("6/10") && output.contains("L4-5"))
    }

    /// Found while making the fuzzer's PDF seeds (a seed's page enlarged; the one-second limit of
    /// the fuzz target): a page without text is rendered to tell a blank page from a scan, and a
    /// blank page of 200 by 200 inches (the largest PDF allows) took 2 s and 150 MB to render. A
    /// page too large to render quickly is now taken as painted, so the letter fails closed.
    @Test func anOversizedPageWithoutTextIsNotRenderedAndFailsClosed() throws {
        #expect(throws: DocumentError.unreadable(reason: "PDF without text (its pages are blank)")) {
            try PDFReader.read(TestPDF.onePage())
        }
        let start = Date()
        #expect(throws: DocumentError.unreadable(reason: "PDF without a text layer (a scan?); its text cannot be read")) {
            try PDFReader.read(TestPDF.onePage(width: 14400, height: 14400))
        }
        #expect(Date().timeIntervalSince(start) < 1)
        let (_, violations) = PDFProperties.read(TestPDF.onePage(width: 14400, height: 14400))
        #expect(violations.isEmpty)
    }
}
