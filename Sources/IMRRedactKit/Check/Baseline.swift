import Foundation

/// Findings accepted on purpose (fictional values in fixtures), as detect-secrets keeps them:
/// `check --write-baseline FILE` records the current findings, `check --baseline FILE` then
/// fails only on findings the baseline does not hold.
///
/// An entry is the file (relative to the repository root), the rule, the category and the
/// keyed digest of the rule id and the value (`FileChecker.digestInput`); there is no line
/// number, so moving a line does not change the baseline, and no identifier text. The digest
/// is HMAC-SHA256 under the `DigestKey`: a baseline cannot be written or used without a key,
/// because an unkeyed hash of a name could be checked against guessed names by anyone.
/// `key_check` (an HMAC of a constant) tells a wrong key apart from new findings.
public struct Baseline: Sendable, Equatable {
    public struct Entry: Codable, Sendable, Hashable, Comparable {
        public var path: String
        public var rule: String
        public var category: String
        public var digest: String

        public init(path: String, rule: String, category: String, digest: String) {
            self.path = path
            self.rule = rule
            self.category = category
            self.digest = digest
        }

        public static func < (lhs: Entry, rhs: Entry) -> Bool {
            (lhs.path, lhs.rule, lhs.category, lhs.digest) < (rhs.path, rhs.rule, rhs.category, rhs.digest)
        }
    }

    /// The file's layout version.
    public static let formatVersion = 1
    public var keyCheck: String
    public var entries: Set<Entry>

    /// On-disk shape.
    private struct File: Codable {
        var version: Int
        var tool: String
        var digest: String
        var keyCheck: String
        var findings: [Entry]

        enum CodingKeys: String, CodingKey {
            case version, tool, digest, findings
            case keyCheck = "key_check"
        }
    }

    /// A baseline of `findings`, which must carry digests made with `key`.
    public init(findings: [CheckFinding], key: DigestKey) {
        keyCheck = Self.keyCheck(key)
        entries = Set(
            findings.compactMap { finding in
                finding.digest.map {
                    Entry(
                        path: finding.relativePath,
                        rule: finding.ruleID,
                        category: finding.category.rawValue,
                        digest: $0
                    )
                }
            }
        )
    }

    /// Whether the baseline accepts `finding`.
    public func contains(_ finding: CheckFinding) -> Bool {
        guard let digest = finding.digest else { return false }
        return entries.contains(
            Entry(path: finding.relativePath, rule: finding.ruleID, category: finding.category.rawValue, digest: digest)
        )
    }

    /// Reads a baseline and checks that it was written with `key`.
    /// - Throws: `CheckError.baseline` when it cannot be read or parsed, or the key differs.
    public static func load(path: String, key: DigestKey) throws(CheckError) -> Baseline {
        let bytes: [UInt8]
        do { bytes = try FileReader.contents(ofPath: path) } catch {
            throw .baseline(path: path, message: error.description)
        }
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: Data(bytes))
        } catch {
            throw .baseline(path: path, message: "not a baseline written by imr-redact check --write-baseline")
        }
        guard file.version == formatVersion, file.digest == "hmac-sha256" else {
            throw .baseline(
                path: path,
                message:
                    "version \(file.version) with digest '\(file.digest)' is not supported (expected version \(formatVersion), hmac-sha256)"
            )
        }
        guard file.keyCheck == keyCheck(key) else {
            throw .baseline(
                path: path,
                message: "written with another key; use the key it was written with, or write it again"
            )
        }
        return Baseline(keyCheck: file.keyCheck, entries: Set(file.findings))
    }

    private init(keyCheck: String, entries: Set<Entry>) {
        self.keyCheck = keyCheck
        self.entries = entries
    }

    /// The file's bytes: sorted entries, one field per line, so that diffs stay readable.
    public func encoded() -> Data {
        let file = File(
            version: Self.formatVersion,
            tool: "imr-redact",
            digest: "hmac-sha256",
            keyCheck: keyCheck,
            findings: entries.sorted()
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings and integers cannot fail.
        return ((try? encoder.encode(file)) ?? Data()) + Data("\n".utf8)
    }

    /// Writes the baseline (to a temporary name, then renamed into place).
    public func write(to path: String) throws(CheckError) {
        do {
            try encoded().write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .baseline(path: path, message: "cannot write: \(error.localizedDescription)")
        }
    }

    /// The first 16 hex digits of an HMAC of a fixed text: identifies the key, reveals nothing.
    static func keyCheck(_ key: DigestKey) -> String {
        String(key.digester().hex(Array("imr-redact baseline key check v1".utf8)).prefix(16))
    }
}
