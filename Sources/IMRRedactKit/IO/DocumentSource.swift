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
