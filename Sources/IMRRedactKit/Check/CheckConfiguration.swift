import Foundation

/// Settings of `check` from `.imr-redact.toml` at the repository root:
///
/// ```toml
/// [check]
/// exclude = ["fixtures/raw/**", "*.pdf.txt"]   # more exclude patterns (see Glob)
/// baseline = ".imr-redact-baseline.json"       # used as if --baseline were given
/// key-file = "~/.config/imr-redact/key"        # used when neither --key-file nor IMR_REDACT_KEY is
/// ```
///
/// Paths are relative to the folder holding the file (`~/` is the home folder). Every key is
/// optional; an unknown table or key, or a value of the wrong type, is an error (exit 2).
public struct CheckConfiguration: Sendable, Equatable {
    public static let fileName = ".imr-redact.toml"

    public var exclude: [String] = []
    /// Absolute path of the baseline to apply.
    public var baseline: String?
    /// Absolute path of the key file.
    public var keyFile: String?
    /// The file the settings came from, `nil` when there is none.
    public var file: String?

    public init() {}

    /// Reads `root/.imr-redact.toml`; no file means default settings.
    /// - Throws: `CheckError.configuration` naming the file and the line.
    public static func discover(root: String) throws(CheckError) -> CheckConfiguration {
        let path = InputLister.join(root, fileName)
        guard FileManager.default.fileExists(atPath: path) else { return CheckConfiguration() }
        return try load(path: path)
    }

    /// Reads one settings file.
    public static func load(path: String) throws(CheckError) -> CheckConfiguration {
        let bytes: [UInt8]
        do {
            bytes = try FileReader.contents(ofPath: path)
        } catch {
            throw .configuration(file: path, line: 0, message: error.description)
        }
        if let offset = bytes.withUnsafeBufferPointer({ UTF8Validation.firstInvalidOffset($0) }) {
            let line = bytes[..<offset].filter { $0 == 0x0A }.count + 1
            throw .configuration(file: path, line: line, message: "not valid UTF-8")
        }
        let document = try TOMLSubsetReader.parse(String(decoding: bytes, as: UTF8.self), file: path)
        return try CheckConfiguration(document: document, file: path)
    }

    /// Takes the settings out of a parsed document; `file` names it and anchors relative paths.
    public init(document: TOMLDocument, file: String) throws(CheckError) {
        self.file = file
        let folder = (file as NSString).deletingLastPathComponent
        let tables = document.tables.sorted {
            document.tableLines[$0.key, default: 0] < document.tableLines[$1.key, default: 0]
        }
        for (table, entries) in tables {
            if table.isEmpty {
                if let first = entries.min(by: { $0.value.line < $1.value.line }) {
                    throw .configuration(
                        file: file,
                        line: first.value.line,
                        message: "key '\(first.key)' must be under [check]"
                    )
                }
                continue
            }
            guard table == "check" else {
                throw .configuration(
                    file: file,
                    line: document.tableLines[table] ?? 0,
                    message: "unknown table [\(table)]; only [check] is read"
                )
            }
            for (key, entry) in entries.sorted(by: { $0.value.line < $1.value.line }) {
                switch (key, entry.value) {
                case ("exclude", .stringArray(let patterns)): exclude = patterns
                case ("baseline", .string(let path)): baseline = Self.resolve(path, in: folder)
                case ("key-file", .string(let path)): keyFile = Self.resolve(path, in: folder)
                case ("exclude", _):
                    throw .configuration(
                        file: file,
                        line: entry.line,
                        message: "'exclude' must be an array of strings, not \(entry.value.kind)"
                    )
                case ("baseline", _), ("key-file", _):
                    throw .configuration(
                        file: file,
                        line: entry.line,
                        message: "'\(key)' must be a string, not \(entry.value.kind)"
                    )
                default:
                    throw .configuration(
                        file: file,
                        line: entry.line,
                        message: "unknown key '\(key)' in [check] (known: exclude, baseline, key-file)"
                    )
                }
            }
        }
    }

    /// `~/x` from the home folder, a relative path from `folder`.
    static func resolve(_ path: String, in folder: String) -> String {
        if path.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] {
            return InputLister.join(home, String(path.dropFirst(2)))
        }
        return InputLister.standardized(path, in: folder)
    }
}
