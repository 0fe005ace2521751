import Foundation
import IMRRedactKit
import IMRTestSupport
import Testing

/// Residue: what redaction leaves that no safe lexicon knows (`Residue`), on made-up text.
@Suite struct ResidueTests {
    /// The residue of `text` after the engine's redaction, as (token, reason) pairs.
    func residue(_ text: String) throws -> [(String, ResidueToken.Reason)] {
        let engine = RedactionEngine(ruleSet: Fixtures.ruleSet)
        let bytes = Array(text.utf8)
        let result = try engine.redact(bytes)
        return result.residue.map { (String(decoding: bytes[$0.start..<$0.end], as: UTF8.self), $0.reason) }
    }

    @Test func anUnknownCapitalisedWordAndALongNumberAreResidue() throws {
        // No rule names the interpreter (no role word, no title); the words are in no lexicon.
        let found = try residue("The visit went well and Quolleth Zandravi translated for him, and 88412907 was written on the form.\n")
        #expect(found.contains { $0.0 == "Quolleth" && $0.1 == .unknownWord }, "\(found.map(\.1))")
        #expect(found.contains { $0.0 == "Zandravi" && $0.1 == .unknownWord })
        #expect(found.contains { $0.0 == "88412907" && $0.1 == .number })
    }

    @Test func ordinaryClinicalAndDrugWordsAbbreviationsCodesAndYearsAreNot() throws {
        let text = """
            Physical Therapy notes from 2014 document Lumbar stiffness. Gabapentin helped. MRIs and ESIs
            were reviewed per MTUS and ODG; ICD 729.1 and CCR 9792.24.1 apply. Postsurgical Rehabilitation
            followed. Voltaren® gel was tried.

            """
        let found = try residue(text)
        #expect(found.isEmpty, "\(found.map(\.1))")
    }

    @Test func aProductTheLetterDosesIsNotResidueAnywhereInIt() throws {
        let found = try residue("Trelvoxa 2.4 mg weekly was requested. Trelvoxa is not on the formulary.\n")
        #expect(found.isEmpty, "\(found.map(\.1))")
    }

    @Test func whatTheRulesMaskIsNeverResidue() throws {
        let found = try residue("Dr. Quolleth Zandravi saw the patient on 3/5/12, claim 88412907.\n")
        #expect(!found.contains { $0.0 == "Quolleth" || $0.0 == "Zandravi" })
    }
}
