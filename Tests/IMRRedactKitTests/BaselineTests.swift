import Foundation
import IMRRedactKit
import IMRTestSupport
import Testing

@Suite struct BaselineTests {
    let key = DigestKey(bytes: Array("baseline-key".utf8), origin: "file")

    func findings(_ text: String, path: String = "fixtures/a.txt") throws -> [CheckFinding] {
        let checker = FileChecker(ruleSet: Fixtures.ruleSet, key: key)
        return try checker.check(try textInput(text), path: path, relativePath: path).findings
    }

    @Test func holdsFindingsByPathRuleAndDigestWhereverTheyMove() throws {
        let original = try findings("Seen by Dr. Alan Chu on 3/5/12.\n")
        let baseline = Baseline(findings: original, key: key)
        #expect(baseline.entries.count == 2)
        let moved = try findings("New first line.\n\n  Seen by Dr. Alan Chu on 3/5/12.\n")
        #expect(moved.allSatisfy(baseline.contains))
        let other = try findings("Seen by Dr. Rita Moss on 3/5/12.\n")
        #expect(other.map(baseline.contains) == [false, true])
        let elsewhere = try findings("Seen by Dr. Alan Chu on 3/5/12.\n", path: "fixtures/b.txt")
        #expect(!elsewhere.contains(where: baseline.contains))
    }

    @Test func roundTripsAndHoldsNoIdentifierText() throws {
        let baseline = Baseline(findings: try findings("Seen by Dr. Alan Chu on 3/5/12.\n"), key: key)
        let folder = try Fixtures.temporaryDirectory()
        let path = folder.appendingPathComponent("baseline.json").path
        try baseline.write(to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for value in ["Alan", "Chu", "3/5/12", "A*** C**"] { #expect(!text.contains(value)) }
        #expect(text.contains("\"rule\" : \"provider.dr-title\"") || text.contains("\"rule\":\"provider.dr-title\""))
        #expect(try Baseline.load(path: path, key: key) == baseline)
        // The same findings give the same bytes: a baseline does not churn.
        #expect(
            Baseline(findings: try findings("\n\nSeen by Dr. Alan Chu on 3/5/12.\n"), key: key).encoded()
                == baseline.encoded()
        )
    }

    @Test func anotherKeyOrAnotherFileIsAnError() throws {
        let folder = try Fixtures.temporaryDirectory()
        let path = folder.appendingPathComponent("baseline.json").path
        try Baseline(findings: [], key: key).write(to: path)
        let other = DigestKey(bytes: Array("other".utf8), origin: "file")
        #expect(
            throws: CheckError.baseline(
                path: path,
                message: "written with another key; use the key it was written with, or write it again"
            )
        ) { try Baseline.load(path: path, key: other) }
        try Data("{\"findings\": 3}".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: CheckError.self) { try Baseline.load(path: path, key: key) }
    }
}
