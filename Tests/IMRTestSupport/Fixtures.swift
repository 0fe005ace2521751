import Foundation
import IMRRedactKit

/// Paths of the fixtures the tests read: the package's Samples/ and the shared folder beside the
/// checkout (`../shared`: seeds, real letters, the dev gold set).
public enum Fixtures {
    /// The package root, found from this file's path.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared` beside the checkout.
    public static let shared: URL = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

    public static let samples: URL = packageRoot.appendingPathComponent("Samples")

    /// The sanitizer the suite runs under, `address` or `thread` (`IMR_SANITIZER`, set by
    /// `scripts/sanitizers.sh`), or nil. The few tests whose input is large for an instrumented
    /// build scale it down when it is set.
    public static let sanitizer: String? = {
        guard let name = ProcessInfo.processInfo.environment["IMR_SANITIZER"], !name.isEmpty else { return nil }
        return name
    }()

    public static func sample(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: samples.appendingPathComponent(name)))
    }

    public static var seedFiles: [URL] {
        let folder = shared.appendingPathComponent("seeds")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".txt") }.sorted().map { folder.appendingPathComponent($0) }
    }

    public static let devGold: URL = shared.appendingPathComponent("eval/dev/gold.jsonl")
    /// The second development set (`eval/dev2/gold.jsonl`), written by other hands.
    public static let dev2Gold: URL = shared.appendingPathComponent("eval/dev2/gold.jsonl")
    public static let realLetters: URL = shared.appendingPathComponent("realdata/dwc")
    /// The PDFs the real letters' text was extracted from (`realdata/pdf/<CASE>.pdf`).
    public static let realPDFs: URL = shared.appendingPathComponent("realdata/pdf")

    /// The case names of the real PDF letters (`CM16-0213037` ...), sorted.
    public static var realPDFNames: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: realPDFs.path)) ?? []
        return names.filter { $0.hasSuffix(".pdf") }.map { String($0.dropLast(4)) }.sorted()
    }

    /// Where two byte strings first differ, or nil when they are equal (so that a test failure
    /// names an offset, never the letters' text).
    public static func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> Int? {
        if a == b { return nil }
        return zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
    }

    /// Runs a program found on PATH (`pdftotext`, `qpdf`, `pdfinfo`).
    public static func tool(_ name: String, _ arguments: [String]) throws -> CommandRunner.Output {
        try CommandRunner.execute(URL(fileURLWithPath: "/usr/bin/env"), [name] + arguments)
    }

    /// The default rule set, loaded once.
    public static let ruleSet: RuleSet = {
        do { return try RuleSet.load() } catch { fatalError("default rules do not load: \(error)") }
    }()

    /// A fresh temporary folder.
    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("imr-redact-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// One gold letter of `eval/dev/gold.jsonl`.
public struct GoldLetter: Decodable, Sendable {
    public struct Span: Decodable, Sendable {
        public let start: Int
        public let end: Int
        public let category: String
    }
    public struct Protected: Decodable, Sendable {
        public let start: Int
        public let end: Int
        public let kind: String
    }
    public let id: String
    public let text: String
    public let spans: [Span]
    public let protected: [Protected]

    public static func loadDev() throws -> [GoldLetter] {
        let data = try String(contentsOf: Fixtures.devGold, encoding: .utf8)
        return try data.split(separator: "\n").map { try JSONDecoder().decode(GoldLetter.self, from: Data($0.utf8)) }
    }
}
