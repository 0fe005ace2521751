import Foundation
import IMRTestSupport
import Testing

/// The sanitizer runs (`scripts/sanitizers.sh`) depend on `CommandRunner` failing the test whose
/// `imr-redact` child wrote a sanitizer report, whatever else that test checks.
@Suite struct SanitizerReportTests {
    static let said = "imr-redact: 2 documents in, 2 written, 0 rejected\n"

    /// The first words of each sanitizer's report, split so that the test log (which shows the
    /// arguments) never holds a marker a reader might take for a real report.
    @Test(arguments: [
        ("WARNING: Thread", ": data race (pid=4242)\n  Write of size 8 at 0x7b04 by thread T2:\n"),
        ("ERROR: Address", ": heap-use-after-free on address 0x6020\n"),
        ("ERROR: Leak", ": detected memory leaks\n\nDirect leak of 32 byte(s) in 1 object(s)\n"),
    ])
    func aReportInAChildsStderrFailsTheTest(sanitizer: String, rest: String) {
        let report = "==4242==" + sanitizer + "Sanitizer" + rest
        withKnownIssue {
            CommandRunner.recordSanitizerReport(in: Self.said + report, of: CommandRunner.binary, echo: false)
        } matching: { issue in
            issue.comments.contains { $0.rawValue == "imr-redact reported a sanitizer error (the report is in the test log)" }
        }
    }

    @Test func aCleanStderrRecordsNothing() {
        // A recorded issue would fail this test.
        CommandRunner.recordSanitizerReport(in: Self.said + "imr-redact: sanitizer words in a message are not a report\n", of: CommandRunner.binary, echo: false)
        CommandRunner.recordSanitizerReport(in: "", of: CommandRunner.binary, echo: false)
    }

    @Test func aTestsOwnEnvironmentForAChildKeepsItsValuesAndGainsTheSanitizerVariables() {
        let own = ProcessInfo.processInfo.environment
        let given = CommandRunner.withSanitizerSettings(["ASAN_OPTIONS": "given", "LC_ALL": "C"])
        #expect(given["ASAN_OPTIONS"] == "given")
        #expect(given["LC_ALL"] == "C")
        for name in CommandRunner.sanitizerVariables where name != "ASAN_OPTIONS" {
            #expect(given[name] == own[name], "\(name)")
        }
        #expect(given.count == 2 + CommandRunner.sanitizerVariables.filter { $0 != "ASAN_OPTIONS" && own[$0] != nil }.count)
    }
}
