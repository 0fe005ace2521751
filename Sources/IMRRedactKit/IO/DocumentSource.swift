import Foundation

/// One input document.
public struct Document: Sendable {
    /// The id shown in audits and messages: the path as given, `<stdin>`, or the JSONL `id`.
    public var id: String
    /// The id as a JSON value (string or number), echoed in JSONL output.
    public var jsonID: [UInt8]
    /// Where the document came from, for messages: `path` or `path:LINE`.
    public var location: String
    /// The input path, when the document is a whole file (names `--out` files).
    public var path: String?
    public var text: [UInt8]
    /// Bytes of input it took: the file, or the JSON line with its newline (for progress).
    public var inputSize: Int
    /// For a PDF input: its pages and metadata (`text` is the PDF's text; the letter's own
    /// `text` is left empty here).
    public var pdf: PDFLetter? = nil
}

/// An input that could not become a document (it fails closed: nothing is written for it).
public struct InputFailure: Error, Sendable {
    public var location: String
    public var id: String?
    public var error: DocumentError
}

/// Streams documents from files, stdin, or JSON Lines, one at a time.
public struct DocumentSource: IteratorProtocol {
    public static let stdinName = "<stdin>"

    private var paths: [String]
    private let jsonl: Bool
    private let chunkSize: Int
    private var pathIndex = 0
    private var lineReader: LineReader?
    private var lineFile: String = ""
    private var openFD: Int32 = -1
    private var duplicates = DuplicateIDs()

    /// - Parameters:
    ///   - paths: input files; empty or `-` means standard input.
    ///   - jsonl: each line is a JSON object with `id` and `text`.
    ///   - chunkSize: read buffer size in bytes (output never depends on it).
    public init(paths: [String], jsonl: Bool, chunkSize: Int = 1 << 16) {
        self.paths = paths.isEmpty ? ["-"] : paths
        self.jsonl = jsonl
        self.chunkSize = chunkSize
    }

    /// Whether `next()` can return without waiting for a writer: false only when the input is a
    /// pipe or terminal with nothing to read yet (a run then writes what it has finished first).
    public func inputReady() -> Bool {
        let fd: Int32
        if jsonl, let reader = lineReader {
            if reader.hasBufferedLine { return true }
            fd = reader.descriptor
        } else if pathIndex < paths.count && paths[pathIndex] == "-" {
            fd = 0
        } else {
            // A named file (regular files never wait), or the end.
            return true
        }
        var request = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&request, 1, 0) != 0
    }

    /// The next document, decoded and checked for a duplicate id.
    public mutating func next() -> Result<Document, InputFailure>? {
        guard let pending = nextPending() else { return nil }
        return jsonl ? duplicates.check(pending.decoded()) : pending.decoded()
    }

    /// The next input as read, its JSON not decoded yet: a run decodes it on a worker thread
    /// (`PendingDocument.decoded()`) and checks ids in input order (`DuplicateIDs`).
    public mutating func nextPending() -> PendingDocument? {
        if jsonl { return nextJSONLine() }
        guard let item = nextFile() else { return nil }
        // A PDF (by its first bytes, or by its name: a file named .pdf that is no PDF is rejected
        // as such) is read on a worker thread.
        if case .success(let document) = item, PDFReader.isPDF(document.text) || document.path.map(PDFReader.isNamedPDF) == true {
            return .pdf(document)
        }
        return .ready(item)
    }

    private mutating func nextFile() -> Result<Document, InputFailure>? {
        guard pathIndex < paths.count else { return nil }
        let path = paths[pathIndex]
        pathIndex += 1
        do {
            let text: [UInt8]
            let id: String
            if path == "-" {
                text = try FileReader.readAll(fd: 0, chunkSize: chunkSize)
                id = Self.stdinName
            } else {
                text = try FileReader.contents(ofPath: path, chunkSize: chunkSize)
                id = path
            }
            var jsonID: [UInt8] = []
            JSONOutput.appendString(id, to: &jsonID)
            return .success(Document(
                id: id, jsonID: jsonID, location: id, path: path == "-" ? nil : path, text: text, inputSize: text.count))
        } catch {
            return .failure(InputFailure(location: path == "-" ? Self.stdinName : path, id: nil, error: error))
        }
    }

    private mutating func nextJSONLine() -> PendingDocument? {
        while true {
            if lineReader == nil {
                guard pathIndex < paths.count else { return nil }
                let path = paths[pathIndex]
                pathIndex += 1
                if path == "-" {
                    lineFile = Self.stdinName
                    lineReader = LineReader(fd: 0, chunkSize: chunkSize)
                } else {
                    lineFile = path
                    let fd = open(path, O_RDONLY | O_CLOEXEC)
                    if fd < 0 {
                        let reason = String(cString: strerror(errno))
                        return .ready(.failure(InputFailure(location: path, id: nil, error: .unreadable(reason: reason))))
                    }
                    openFD = fd
                    lineReader = LineReader(fd: fd, chunkSize: chunkSize)
                }
            }
            let line: [UInt8]?
            do {
                line = try lineReader!.next()
            } catch {
                let location = "\(lineFile):\(lineReader!.lineNumber + 1)"
                closeCurrent()
                return .ready(.failure(InputFailure(location: location, id: nil, error: error)))
            }
            guard let line else {
                closeCurrent()
                continue
            }
            let location = "\(lineFile):\(lineReader!.lineNumber)"
            // Blank lines separate nothing in JSON Lines; skip them.
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            return .jsonLine(line, location: location)
        }
    }

    private mutating func closeCurrent() {
        if openFD >= 0 { close(openFD) }
        openFD = -1
        lineReader = nil
    }
}

/// An input read but not yet decoded: a whole document (or why it could not be read), or a JSON
/// line, which `decoded()` turns into a document (it may run on any thread).
public enum PendingDocument: Sendable {
    case ready(Result<Document, InputFailure>)
    case jsonLine([UInt8], location: String)
    /// A PDF file as read: `text` holds the file's bytes until `decoded()` extracts its text.
    case pdf(Document)

    public func decoded() -> Result<Document, InputFailure> {
        switch self {
        case .ready(let result): return result
        case .jsonLine(let line, let location): return Self.decode(line, location: location)
        case .pdf(let file): return Self.extract(file)
        }
    }

    /// The document of a PDF file: its text, and its pages and metadata in `pdf`.
    static func extract(_ file: Document) -> Result<Document, InputFailure> {
        do throws(DocumentError) {
            var letter = try PDFReader.read(file.text)
            var document = file
            document.text = letter.text
            letter.text = []
            document.pdf = letter
            return .success(document)
        } catch {
            return .failure(InputFailure(location: file.location, id: file.id, error: error))
        }
    }

    private struct Record: Decodable {
        enum ID { case string(String), number(String) }
        let id: ID
        let text: String

        enum Keys: String, CodingKey { case id, text }

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            if let string = try? container.decode(String.self, forKey: .id) {
                id = .string(string)
            } else if let number = try? container.decode(Int64.self, forKey: .id) {
                id = .number(String(number))
            } else if container.contains(.id) {
                throw RecordError.badID
            } else {
                throw RecordError.missingID
            }
            guard container.contains(.text) else { throw RecordError.missingText }
            guard let text = try? container.decode(String.self, forKey: .text) else { throw RecordError.textNotString }
            self.text = text
        }
    }

    private enum RecordError: Error {
        case missingID, badID, missingText, textNotString

        var reason: String {
            switch self {
            case .missingID: return "no \"id\""
            case .badID: return "\"id\" is neither a string nor an integer"
            case .missingText: return "no \"text\""
            case .textNotString: return "\"text\" is not a string"
            }
        }
    }

    static func decode(_ line: [UInt8], location: String) -> Result<Document, InputFailure> {
        if let fast = FastRecord(line) {
            let id = String(decoding: fast.id, as: UTF8.self)
            var jsonID: [UInt8] = []
            if fast.idIsNumber { jsonID = fast.id } else { JSONOutput.appendString(id, to: &jsonID) }
            return .success(Document(id: id, jsonID: jsonID, location: location, path: nil, text: fast.text, inputSize: line.count + 1))
        }
        let record: Record
        do {
            record = try JSONDecoder().decode(Record.self, from: Data(line))
        } catch {
            // A line that is not UTF-8 says so (the decoder would call its text "not a string").
            if let offset = line.withUnsafeBufferPointer({ UTF8Validation.firstInvalidOffset($0) }) {
                return .failure(InputFailure(location: location, id: nil, error: .malformedJSON(reason: "invalid UTF-8 at byte \(offset) of the line")))
            }
            if let error = error as? RecordError {
                return .failure(InputFailure(location: location, id: nil, error: .malformedJSON(reason: error.reason)))
            }
            let reason = line.first == 0x7B && line.last != 0x7D ? "truncated or not a JSON object" : "not a JSON object"
            return .failure(InputFailure(location: location, id: nil, error: .malformedJSON(reason: reason)))
        }
        var jsonID: [UInt8] = []
        let id: String
        switch record.id {
        case .string(let value):
            id = value
            JSONOutput.appendString(value, to: &jsonID)
        case .number(let value):
            id = value
            jsonID = Array(value.utf8)
        }
        return .success(Document(
            id: id, jsonID: jsonID, location: location, path: nil, text: Array(record.text.utf8), inputSize: line.count + 1))
    }
}

/// The common JSON Lines record read straight from its bytes: an object whose members are all
/// strings, with one `id` (a string, or an integer) and one `text`. Anything else (another kind
/// of value, a repeated key, a raw control character, a lone surrogate, invalid UTF-8, a number
/// `Int64` cannot hold) gives nil, and the line goes to `JSONDecoder`, which reads it or says
/// why not: what this reads, it reads as `JSONDecoder` does.
struct FastRecord {
    var id: [UInt8] = []
    var idIsNumber = false
    var text: [UInt8] = []

    init?(_ line: [UInt8]) {
        let parsed: FastRecord? = line.withUnsafeBufferPointer { bytes in
            var record = FastRecord(empty: ())
            var at = 0
            func skipSpace() { while at < bytes.count, bytes[at] == 0x20 || bytes[at] == 0x09 || bytes[at] == 0x0D || bytes[at] == 0x0A { at += 1 } }
            skipSpace()
            guard at < bytes.count, bytes[at] == UInt8(ascii: "{") else { return nil }
            at += 1
            var sawID = false
            var sawText = false
            var key: [UInt8] = []
            var value: [UInt8] = []
            skipSpace()
            if at < bytes.count, bytes[at] == UInt8(ascii: "}") { return nil }
            while true {
                skipSpace()
                key.removeAll(keepingCapacity: true)
                guard Self.string(bytes, &at, into: &key) else { return nil }
                skipSpace()
                guard at < bytes.count, bytes[at] == UInt8(ascii: ":") else { return nil }
                at += 1
                skipSpace()
                guard at < bytes.count else { return nil }
                let isID = key == Self.idKey
                let isText = key == Self.textKey
                if (isID && sawID) || (isText && sawText) { return nil }
                if bytes[at] == UInt8(ascii: "\"") {
                    if isText {
                        record.text.reserveCapacity(bytes.count)
                        guard Self.string(bytes, &at, into: &record.text) else { return nil }
                    } else if isID {
                        guard Self.string(bytes, &at, into: &record.id) else { return nil }
                    } else {
                        value.removeAll(keepingCapacity: true)
                        guard Self.string(bytes, &at, into: &value) else { return nil }
                    }
                } else if isID {
                    // An integer: -?(0|[1-9][0-9]*), within Int64.
                    let start = at
                    if bytes[at] == UInt8(ascii: "-") { at += 1 }
                    let digits = at
                    while at < bytes.count, bytes[at] >= 0x30, bytes[at] <= 0x39 { at += 1 }
                    guard at > digits, at - digits <= 18, bytes[digits] != 0x30 || at - digits == 1 else { return nil }
                    if at < bytes.count, bytes[at] == UInt8(ascii: ".") || bytes[at] | 0x20 == UInt8(ascii: "e") { return nil }
                    record.id = Array(bytes[start..<at])
                    if record.id == [UInt8(ascii: "-"), 0x30] { return nil }
                    record.idIsNumber = true
                } else {
                    return nil
                }
                if isID { sawID = true }
                if isText { sawText = true }
                skipSpace()
                guard at < bytes.count else { return nil }
                if bytes[at] == UInt8(ascii: ",") {
                    at += 1
                    continue
                }
                guard bytes[at] == UInt8(ascii: "}") else { return nil }
                at += 1
                skipSpace()
                guard at == bytes.count, sawID, sawText else { return nil }
                return record
            }
        }
        guard let parsed else { return nil }
        self = parsed
    }

    private init(empty: Void) {}

    static let idKey = Array("id".utf8)
    static let textKey = Array("text".utf8)

    /// Reads the JSON string at `at` (its opening quote) into `out`, unescaped; false when it is
    /// not one this reader takes (see the type).
    static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ at: inout Int, into out: inout [UInt8]) -> Bool {
        guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else { return false }
        at += 1
        while at < bytes.count {
            let byte = bytes[at]
            if byte == UInt8(ascii: "\"") {
                at += 1
                return true
            }
            if byte < 0x20 { return false }
            if byte == UInt8(ascii: "\\") {
                guard at + 1 < bytes.count else { return false }
                let escaped = bytes[at + 1]
                at += 2
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escaped)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard var scalar = hex4(bytes, at) else { return false }
                    at += 4
                    if scalar >= 0xD800 && scalar <= 0xDBFF {
                        guard at + 6 <= bytes.count, bytes[at] == UInt8(ascii: "\\"), bytes[at + 1] == UInt8(ascii: "u"),
                            let low = hex4(bytes, at + 2), low >= 0xDC00, low <= 0xDFFF
                        else { return false }
                        at += 6
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
                        return false
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { return false }
                    out.append(contentsOf: UTF8.encode(unicode)!)
                default: return false
                }
                continue
            }
            if byte < 0x80 {
                out.append(byte)
                at += 1
                continue
            }
            // A UTF-8 sequence, checked.
            guard let length = UTF8Validation.sequenceLength(bytes, at) else { return false }
            out.append(contentsOf: bytes[at..<(at + length)])
            at += length
        }
        return false
    }

    static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt32? {
        guard at + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for index in at..<(at + 4) {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: return nil
            }
            value = value << 4 | digit
        }
        return value
    }
}

/// Rejects a JSON Lines document whose id an earlier one had, in input order. It keeps a hash of
/// every id (8 bytes a document), the one thing a run keeps that grows with the stream.
public struct DuplicateIDs {
    private var seen = Set<Int>()

    public init() {}

    public mutating func check(_ item: Result<Document, InputFailure>) -> Result<Document, InputFailure> {
        guard case .success(let document) = item else { return item }
        var hasher = Hasher()
        hasher.combine(document.id)
        guard seen.insert(hasher.finalize()).inserted else {
            return .failure(InputFailure(location: document.location, id: document.id, error: .duplicateID))
        }
        return item
    }
}
