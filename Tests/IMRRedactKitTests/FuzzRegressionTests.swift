import IMRRedactKit
import IMRTestSupport
import Testing

/// Inputs the fuzz target (`Fuzz/imr-fuzz`, `scripts/fuzz.sh`) found to break a property, made
/// into fictional letters: each must now pass every property of `RedactionProperties`.
@Suite struct FuzzRegressionTests {
    let engine = RedactionEngine(ruleSet: Fixtures.ruleSet)

    /// Redacts `text`, checks every property, and returns the output.
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
    /// name, so the second redaction no longer saw where the organisation ended.
    @Test func aRoleWordBeforeANameStaysOutOfIt() throws {
        let output = try redactChecked(
            "MEDICAL PROFESSIONAL REVIEW\n\nClaims Administrator:    Keystone Mutual Insurance Company, Examiner Joy Rivers"
                + "Treating Provider:       Alan Chu, MD (Orthopedic Surgery)\nEmployee:                Dana Whitfield\n")
        #expect(output.contains("[ORG], Examiner [PERSON]"))
        #expect(try redactChecked(output) == output)
        for role in ["Examiner", "Adjuster", "Attention", "Contact"] {
            let line = try redactChecked("Claims Administrator:    Keystone Mutual Insurance Company, \(role) Joy Rivers\n")
            #expect(line.contains(", \(role) [PERSON]"), "\(role)")
        }
    }
}
