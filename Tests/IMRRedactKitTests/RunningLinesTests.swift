import Foundation
import IMRRedactKit
import IMRTestSupport
import Testing

/// Running headers, footers and fax banners (`RunningLines`): recognised as lines the letter
/// repeats with a page number or reference, their `LAST, First` names masked on every page, and
/// what one copy masks carried to the others. Every example is made up for the test.
@Suite struct RunningLinesTests {
    func spans(_ text: String) throws -> [(String, Category, String)] {
        let engine = RedactionEngine(ruleSet: Fixtures.ruleSet)
        let bytes = Array(text.utf8)
        let resolution = try bytes.withUnsafeBufferPointer { try engine.analyze($0) }
        return resolution.identifiers.map { (String(decoding: bytes[$0.start..<$0.end], as: UTF8.self), $0.category, $0.ruleID) }
    }

    func groups(_ text: String) -> [[String]] {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            RunningLines.groups(in: buffer).map { $0.map { String(decoding: buffer[$0], as: UTF8.self) } }
        }
    }

    static let letter = """
        Re: BACK, Lorna J.          Case CM16-0000123          Page 1 of 2

        The reviewer considered the request for physical therapy. She reports 6/10 pain.
        Claims Administrator guideline: Decision based on MTUS Low Back Complaints.

        \u{0C}Re: BACK, Lorna J.          Case CM16-0000123          Page 2 of 2

        Low back pain persists at L4-5. Back pain is worse on standing.
        Claims Administrator guideline: Decision based on MTUS Low Back Complaints.

        """

    @Test func aRepeatedLineWithAPageNumberIsARunningLineAndBoilerplateIsNot() {
        let found = groups(Self.letter)
        #expect(found.count == 1, "\(found.count) groups")
        #expect(found.first?.count == 2)
        #expect(found.first?.allSatisfy { $0.hasPrefix("Re: BACK, Lorna J.") && $0.hasSuffix("of 2") } == true)
    }

    @Test func theParseListsTheRunningLinesAndACaseNumberMarksOne() {
        let text = "VELASCO, Ana R. / CM16-0042217\nThe request was reviewed.\n\u{0C}VELASCO, Ana R. / CM16-0042217\nIt is upheld.\n"
        let bytes = Array(text.utf8)
        let structure = bytes.withUnsafeBufferPointer { LetterParser().parse($0) }
        #expect(structure.runningLines.map(\.count) == [2])
        #expect(structure.runningLines.first?.first == 0..<30)
    }

    @Test func aNameWrittenLastFirstInARunningHeaderIsThePatientsOnEveryPage() throws {
        let found = try spans(Self.letter)
        let names = found.filter { $0.0 == "BACK, Lorna J." }
        #expect(names.count == 2 && names.allSatisfy { $0.1 == .PATIENT }, "\(names.map(\.2))")
        // The English word in the body, and the clinical measures, are left alone.
        #expect(!found.contains { $0.0.lowercased() == "back" || $0.0 == "6/10" || $0.0 == "L4-5" }, "\(found.map(\.2))")
    }

    @Test func aFaxBannersSenderIsAPerson() throws {
        let banner = "03/02/2016 09:15    FROM: Delacroix-Ames, T.   (555) 010-0199    P.00%d/004\n"
        let text = (1...3).map { String(format: banner, $0) + "\nThe request is reviewed on page \($0).\n\u{0C}" }.joined()
        let found = try spans(text).filter { $0.0 == "Delacroix-Ames, T." }
        #expect(found.count == 3 && found.allSatisfy { $0.1 == .PERSON }, "\(found.map(\.2))")
    }

    @Test func aSenderAfterTheLabelAndItsBlanksIsStillAPerson() throws {
        let banner = "11/04/2016 14:02  FROM:   Whitcombe-Ray, D.    P.00%d/003\n"
        let text = (1...2).map { String(format: banner, $0) + "\nThe reviewer considered page \($0).\n\u{0C}" }.joined()
        let found = try spans(text).filter { $0.0 == "Whitcombe-Ray, D." }
        #expect(found.count == 2 && found.allSatisfy { $0.1 == .PERSON }, "\(found.map(\.2))")
    }

    @Test func townsWithTheirStateAndLinesWithoutAPageMarkAreNoNames() throws {
        let text = """
            Fresno, California          Page 1 of 2
            The worker lives in the valley.
            \u{0C}Fresno, California          Page 2 of 2
            Okafor, Grace
            Okafor, Grace
            Sacramento, CA   Page 1
            Sacramento, CA   Page 2
            Visalia, Calif.   p. 1
            Visalia, Calif.   p. 2

            """
        #expect(groups(text).count == 3)
        #expect(!(try spans(text)).contains { $0.2.hasPrefix("parse.running") })
    }

    @Test func whatOneCopyMasksIsMaskedOnEveryCopy() {
        let text = Array("Page 1 of 10   WESTLAKE ADJUSTING   claim 44-7\nbody\nPage 10 of 10   WESTLAKE ADJUSTING   claim 44-7\n".utf8)
        text.withUnsafeBufferPointer { buffer in
            let groups = RunningLines.groups(in: buffer)
            #expect(groups.count == 1)
            // The organisation and the claim number found on the first copy only.
            let firstOrg = 15..<33
            let firstClaim = 42..<46
            #expect(String(decoding: buffer[firstOrg], as: UTF8.self) == "WESTLAKE ADJUSTING")
            let spans = [
                IdentifierSpan(start: firstOrg.lowerBound, end: firstOrg.upperBound, category: .ORG, ruleID: "test"),
                IdentifierSpan(start: firstClaim.lowerBound, end: firstClaim.upperBound, category: .ID, ruleID: "test"),
            ]
            let unified = RunningLines.unified(spans, groups: groups, guarded: [], in: buffer)
            let carried = unified.filter { $0.ruleID == "parse.running.copy" }
            #expect(carried.map { String(decoding: buffer[$0.start..<$0.end], as: UTF8.self) } == ["WESTLAKE ADJUSTING", "44-7"])
            #expect(carried.map(\.category) == [.ORG, .ID])
            // A span that takes the blanks after its word on one copy ends at the word on another.
            let padded = Array("Page 1 of 10   WESTLAKE ADJUSTING      claim 44-7\nbody\nPage 10 of 10 WESTLAKE ADJUSTING claim 44-7".utf8)
            padded.withUnsafeBufferPointer { padded in
                let groups = RunningLines.groups(in: padded)
                let span = IdentifierSpan(start: 15, end: 39, category: .ORG, ruleID: "test")
                let carried = RunningLines.unified([span], groups: groups, guarded: [], in: padded).filter { $0.ruleID == "parse.running.copy" }
                #expect(carried.map { String(decoding: padded[$0.start..<$0.end], as: UTF8.self) } == ["WESTLAKE ADJUSTING"])
            }
            // A protected stretch on the other copy is never masked.
            let second = groups[0][1]
            let guarded = RunningLines.unified(spans, groups: groups, guarded: [second], in: buffer)
            #expect(guarded.count == 2)
        }
    }
}
