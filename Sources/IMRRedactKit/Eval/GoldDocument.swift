/// A gold identifier span: half-open UTF-8 byte offsets into the letter, and its category.
public struct GoldSpan: Sendable, Hashable {
    public var start: Int
    public var end: Int
    public var category: Category

    public init(start: Int, end: Int, category: Category) {
        self.start = start
        self.end = end
        self.category = category
    }
}

/// A gold protected clinical span: it must survive redaction byte for byte.
public struct GoldProtected: Sendable, Hashable {
    public var start: Int
    public var end: Int
    public var kind: ClinicalKind

    public init(start: Int, end: Int, kind: ClinicalKind) {
        self.start = start
        self.end = end
        self.kind = kind
    }
}

/// A disputed item of a letter and its decision (`Upheld`, `Overturned` or `Modified`).
public struct GoldItem: Sendable, Hashable {
    public var service: String
    public var decision: String

    public init(service: String, decision: String) {
        self.service = service
        self.decision = decision
    }
}

/// The layouts of the annotation guide (`spec/identifiers.md`).
public enum LetterLayout: String, CaseIterable, Sendable {
    case caseNumber = "case-number"
    case maximus
    case professionalReview = "professional-review"
    case notice
    case unknown
}

/// One letter of a gold file (`eval/dev/gold.jsonl` format): its exact bytes, identifier spans,
/// protected clinical spans, layout and disputed items.
public struct GoldDocument: Sendable {
    public var id: String
    /// The layout name as written in the file (`""` when absent).
    public var layout: String
    public var text: [UInt8]
    /// Sorted by start, end, category name (as `score.py` sorts them).
    public var spans: [GoldSpan]
    /// Sorted by start, end, kind name.
    public var protected: [GoldProtected]
    public var items: [GoldItem]

    public init(
        id: String, layout: String, text: [UInt8], spans: [GoldSpan], protected: [GoldProtected],
        items: [GoldItem] = []
    ) {
        self.id = id
        self.layout = layout
        self.text = text
        self.spans = spans.sorted { ($0.start, $0.end, $0.category.rawValue) < ($1.start, $1.end, $1.category.rawValue) }
        self.protected = protected.sorted { ($0.start, $0.end, $0.kind.rawValue) < ($1.start, $1.end, $1.kind.rawValue) }
        self.items = items
    }

    /// The letter as one line of a gold file (no trailing newline): `id`, `layout`, `text`,
    /// `spans` (with each span's `text`), `protected`, `items`.
    public func jsonLine() -> String {
        let spanValues: [EvalJSON] = spans.map { span in
            .object([
                ("start", .int(span.start)), ("end", .int(span.end)), ("category", .string(span.category.rawValue)),
                ("text", .string(String(decoding: text[span.start..<span.end], as: UTF8.self))),
            ])
        }
        let protectedValues: [EvalJSON] = protected.map { span in
            .object([("start", .int(span.start)), ("end", .int(span.end)), ("kind", .string(span.kind.rawValue))])
        }
        let itemValues: [EvalJSON] = items.map { item in
            .object([("service", .string(item.service)), ("decision", .string(item.decision))])
        }
        let object = EvalJSON.object([
            ("id", .string(id)), ("layout", .string(layout)), ("text", .string(String(decoding: text, as: UTF8.self))),
            ("spans", .array(spanValues)), ("protected", .array(protectedValues)), ("items", .array(itemValues)),
        ])
        return object.compact()
    }
}

/// A gold or prediction file that cannot be scored: unreadable, not JSON Lines, or holding a
/// span that is empty, out of range or of an unknown category. The message names the file and
/// line (as `score.py`'s does), never letter text.
public struct EvalInputError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// The letters of a gold file, in file order.
public struct GoldSet: Sendable {
    public var letters: [GoldDocument]

    public init(letters: [GoldDocument]) { self.letters = letters }

    /// Reads a gold file with `score.py`'s checks: one object per non-blank line with a string
    /// `id` (unique) and a `text`; `spans` and `protected` lists of objects with integer
    /// `start`/`end`, `0 <= start < end <= bytes of text`, and a known category or kind.
    /// - Throws: `EvalInputError` naming `path` and the line.
    public static func load(path: String) throws(EvalInputError) -> GoldSet {
        var letters: [GoldDocument] = []
        var seen = Set<String>()
        for (line, object) in try JSONLines.records(path: path) {
            guard case .string(let id) = object["id"] ?? .null else {
                throw EvalInputError("\(path):\(line): each line must be an object with a string id")
            }
            guard seen.insert(id).inserted else { throw EvalInputError("\(path):\(line): duplicate id '\(id)'") }
            guard case .string(let text) = object["text"] ?? .null else {
                throw EvalInputError("\(path):\(line): gold letter needs a text")
            }
            let bytes = Array(text.utf8)
            let spans = try JSONLines.spans(object, key: "spans", label: "category", path: path, line: line, size: bytes.count) {
                Category(rawValue: $0)
            }.map { GoldSpan(start: $0.start, end: $0.end, category: $0.label) }
            let protected = try JSONLines.spans(object, key: "protected", label: "kind", path: path, line: line, size: bytes.count) {
                ClinicalKind(rawValue: $0)
            }.map { GoldProtected(start: $0.start, end: $0.end, kind: $0.label) }
            var items: [GoldItem] = []
            if case .array(let values) = object["items"] ?? .null {
                for value in values {
                    if let service = value["service"]?.stringValue, let decision = value["decision"]?.stringValue {
                        items.append(GoldItem(service: service, decision: decision))
                    }
                }
            }
            letters.append(
                GoldDocument(
                    id: id, layout: object["layout"]?.stringValue ?? "", text: bytes, spans: spans,
                    protected: protected, items: items))
        }
        return GoldSet(letters: letters)
    }
}

/// Reading JSON Lines the way `score.py` does.
enum JSONLines {
    /// The objects of a file (`-`: standard input) with their 1-based line numbers; blank lines
    /// are skipped.
    static func records(path: String) throws(EvalInputError) -> [(Int, EvalJSON)] {
        let data: [UInt8]
        do {
            data = path == "-" ? try FileReader.readAll(fd: 0) : try FileReader.contents(ofPath: path)
        } catch {
            let reason: String
            if case .unreadable(let why) = error { reason = why } else { reason = error.description }
            throw EvalInputError("\(path): cannot read: \(reason)")
        }
        let invalid: Int? = data.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset($0) }
        if let invalid { throw EvalInputError("\(path): invalid UTF-8 at byte \(invalid)") }
        var out: [(Int, EvalJSON)] = []
        var line = 0
        var start = 0
        while start <= data.count {
            line += 1
            let end = data[start...].firstIndex(of: 0x0A) ?? data.count
            let slice = data[start..<end]
            start = end + 1
            if slice.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0B || $0 == 0x0C }) { continue }
            let value: EvalJSON
            do {
                value = try EvalJSON.parse(slice)
            } catch {
                throw EvalInputError("\(path):\(line): bad JSON: \(error.message) at column \(error.column)")
            }
            guard case .object = value, case .string = value["id"] ?? .null else {
                throw EvalInputError("\(path):\(line): each line must be an object with a string id")
            }
            out.append((line, value))
        }
        return out
    }

    /// The `key` list of `object` as (start, end, label), sorted as `score.py` sorts them.
    static func spans<Label>(
        _ object: EvalJSON, key: String, label labelKey: String, path: String, line: Int, size: Int,
        parse: (String) -> Label?
    ) throws(EvalInputError) -> [(start: Int, end: Int, label: Label)] {
        guard let list = object[key] else { return [] }
        guard case .array(let values) = list else { throw EvalInputError("\(path):\(line): \(key) must be a list") }
        var out: [(start: Int, end: Int, label: Label, name: String)] = []
        for (position, value) in values.enumerated() {
            let n = position + 1
            guard case .object = value else { throw EvalInputError("\(path):\(line): \(key)[\(n)] must be an object") }
            guard case .int(let start) = value["start"] ?? .null, case .int(let end) = value["end"] ?? .null else {
                throw EvalInputError("\(path):\(line): \(key)[\(n)] needs integer start and end")
            }
            guard 0 <= start, start < end, end <= size else {
                throw EvalInputError(
                    "\(path):\(line): \(key)[\(n)] [\(start), \(end)) is empty or outside the letter's \(size) bytes")
            }
            guard case .string(let name) = value[labelKey] ?? .null, let label = parse(name) else {
                throw EvalInputError("\(path):\(line): \(key)[\(n)] has unknown \(labelKey)")
            }
            out.append((start, end, label, name))
        }
        out.sort { ($0.start, $0.end, $0.name) < ($1.start, $1.end, $1.name) }
        return out.map { ($0.start, $0.end, $0.label) }
    }
}
