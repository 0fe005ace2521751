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
        let output = try redactChecked(
            "MEDICAL PROFESSIONAL REVIEW\n\nClaims Administrator:    Keystone Mutual Insurance Company, Examiner Joy Rivers\n"
                + "Employee:                Dana Whitfield\n")
        #expect(output.contains("Claims Administrator:    [ORG], [PERSON]"))
        let again = try redactChecked(output)
        #expect(again == output)
        // Text made of placeholders is left as it is, whatever the rule that finds it.
        for redacted in ["Claims Administrator:    [ORG], [PERSON]\n", "Employer: [ORG] [ORG]\n", "Employee: [PATIENT-2]\n",
                         "Claim Number: [ID-3A3WC9YR]\n"] {
            #expect(try redactChecked(redacted) == redacted)
        }
    }
}
