import Foundation

/// An identifier the user already holds (`--known`): it is masked wherever it occurs, as a
/// found identifier is propagated.
public struct KnownIdentifier: Sendable, Hashable {
    public var category: Category
    public var value: String

    public init(category: Category, value: String) {
        self.category = category
        self.value = value
    }
}

/// Identifiers a user already holds, as a claims office keeps them (`--known FILE`): JSON Lines,
/// each `{"id": "DOCUMENT-ID", "identifiers": [{"category": "PATIENT", "value": "..."}]}`. A line
/// without `id` applies to every document. The values seed propagation: they are masked wherever
/// they occur and never appear in any output.
public struct KnownIdentifiers: Sendable {
    private var everywhere: [KnownIdentifier] = []
    private var byDocument: [String: [KnownIdentifier]] = [:]

    public init() {}

    /// The identifiers for the document `id`.
    public func identifiers(for id: String) -> [KnownIdentifier] {
        everywhere + (byDocument[id] ?? [])
    }

    public var isEmpty: Bool { everywhere.isEmpty && byDocument.isEmpty }

    private struct Line: Decodable {
        struct Entry: Decodable {
            var category: String
            var value: String
        }
        var id: String?
        var identifiers: [Entry]
    }

    /// An error that names the file and line, never a value.
    public struct LoadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads a `--known` file.
    public static func load(path: String) throws(LoadError) -> KnownIdentifiers {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LoadError(description: "\(path): cannot read the file")
        }
        var result = KnownIdentifiers()
        let decoder = JSONDecoder()
        for (number, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            guard line.contains(where: { $0 != 0x20 && $0 != 0x0D && $0 != 0x09 }) else { continue }
            let parsed: Line
            do {
                parsed = try decoder.decode(Line.self, from: Data(line))
            } catch {
                throw LoadError(
                    description: "\(path):\(number + 1): expected {\"id\": ..., \"identifiers\": [{\"category\": ..., \"value\": ...}]}")
            }
            var entries: [KnownIdentifier] = []
            for entry in parsed.identifiers {
                guard let category = Category(rawValue: entry.category) else {
                    throw LoadError(
                        description: "\(path):\(number + 1): unknown category (known: \(Category.allCases.map(\.rawValue).joined(separator: " ")))")
                }
                let value = entry.value.trimmingCharacters(in: .whitespacesAndNewlines)
                if !value.isEmpty { entries.append(KnownIdentifier(category: category, value: value)) }
            }
            if let id = parsed.id { result.byDocument[id, default: []] += entries } else { result.everywhere += entries }
        }
        return result
    }
}
