import Foundation

extension CheckReport {
    /// The SARIF schema `$schema` names.
    public static let sarifSchema =
        "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    /// Where a code-scanning service links the tool's name. The project has no public home yet.
    public static let informationURI = "https://example.invalid/imr-redact"
    /// The `partialFingerprints` key of the value digest.
    public static let fingerprintKey = "imrRedactValueDigest/v1"

    /// `--format sarif`: a SARIF 2.1.0 log with one run. The driver lists every identifier rule
    /// of `ruleSet`, structural ones included (id and category only: rule descriptions quote example names); each result has the rule, level `error`, a message with the category and the
    /// masked value, one physical location (URI relative to the repository root, region in
    /// code points: `columnKind` is `unicodeCodePoints`), and, with a key, the value digest as a
    /// partial fingerprint.
    public func sarifData(ruleSet: RuleSet, version: String) -> Data {
        var rules: [SARIF.Rule] = []
        var ruleIndex: [String: Int] = [:]
        // Every rule a finding can name: the pattern rules and the structural ones (parse.*,
        // propagate.*, known.*, lexicon.person).
        for descriptor in ruleSet.descriptors {
            guard case .identifier(let category) = descriptor.target else { continue }
            ruleIndex[descriptor.id] = rules.count
            // Not the rule file's description: its examples are names and dates too.
            rules.append(
                SARIF.Rule(
                    id: descriptor.id,
                    name: descriptor.id,
                    shortDescription: .init(text: "\(category.rawValue) identifier (\(descriptor.id))"),
                    fullDescription: .init(
                        text: "Rule \(descriptor.id) of imr-redact finds \(category.rawValue) identifiers; "
                            + "`imr-redact patterns list` and the README describe it."
                    ),
                    defaultConfiguration: .init(level: "error"),
                    properties: .init(category: category.rawValue)
                )
            )
        }
        let results = findings.map { finding in
            SARIF.Result(
                ruleId: finding.ruleID,
                ruleIndex: ruleIndex[finding.ruleID],
                level: "error",
                message: .init(
                    text: "\(finding.category.rawValue) identifier \(finding.masked) (masked): redact it, mark a "
                        + "fictional value with imr-redact:allow, or record it in a baseline."
                ),
                locations: [
                    .init(
                        physicalLocation: .init(
                            artifactLocation: Self.artifactLocation(finding.relativePath),
                            region: .init(
                                startLine: finding.start.line,
                                startColumn: finding.start.column,
                                endLine: finding.end.line,
                                endColumn: finding.end.column
                            )
                        )
                    )
                ],
                partialFingerprints: finding.digest.map { [Self.fingerprintKey: $0] },
                properties: .init(category: finding.category.rawValue)
            )
        }
        let log = SARIF.Log(
            schema: Self.sarifSchema,
            version: "2.1.0",
            runs: [
                SARIF.Run(
                    tool: .init(
                        driver: .init(
                            name: "imr-redact",
                            informationUri: Self.informationURI,
                            version: version,
                            rules: rules
                        )
                    ),
                    columnKind: "unicodeCodePoints",
                    results: results
                )
            ]
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Strings, integers and dictionaries of strings always encode.
        return ((try? encoder.encode(log)) ?? Data()) + Data("\n".utf8)
    }

    /// A path relative to the repository root as a URI relative to `%SRCROOT%`; a file outside
    /// the root (its path is absolute) as a `file:` URI.
    static func artifactLocation(_ path: String) -> SARIF.ArtifactLocation {
        if path.hasPrefix("/") { return .init(uri: "file://" + uriReference(path), uriBaseId: nil) }
        return .init(uri: uriReference(path), uriBaseId: "%SRCROOT%")
    }

    /// A relative path as a URI reference: `/` kept, anything outside RFC 3986's path characters
    /// percent-encoded (a space becomes `%20`).
    static func uriReference(_ path: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(
            CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(0x80))
        )
        allowed.insert(charactersIn: "-._~/!$&'()*+,;=:@")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }
}

/// The SARIF 2.1.0 objects `check` writes (property names as the specification spells them).
enum SARIF {
    struct Log: Encodable {
        let schema: String
        let version: String
        let runs: [Run]

        enum CodingKeys: String, CodingKey {
            case schema = "$schema", version, runs
        }
    }

    struct Run: Encodable {
        let tool: Tool
        let columnKind: String
        let results: [Result]
    }

    struct Tool: Encodable {
        let driver: Driver
    }

    struct Driver: Encodable {
        let name: String
        let informationUri: String
        let version: String
        let rules: [Rule]
    }

    struct Text: Encodable {
        let text: String
    }

    struct Configuration: Encodable {
        let level: String
    }

    struct Properties: Encodable {
        let category: String
    }

    struct Rule: Encodable {
        let id: String
        let name: String
        let shortDescription: Text
        let fullDescription: Text
        let defaultConfiguration: Configuration
        let properties: Properties
    }

    struct Result: Encodable {
        let ruleId: String
        let ruleIndex: Int?
        let level: String
        let message: Text
        let locations: [Location]
        let partialFingerprints: [String: String]?
        let properties: Properties
    }

    struct Location: Encodable {
        let physicalLocation: PhysicalLocation
    }

    struct PhysicalLocation: Encodable {
        let artifactLocation: ArtifactLocation
        let region: Region
    }

    struct ArtifactLocation: Encodable {
        let uri: String
        let uriBaseId: String?
    }

    struct Region: Encodable {
        let startLine: Int
        let startColumn: Int
        let endLine: Int
        let endColumn: Int
    }
}
