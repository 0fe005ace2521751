import Foundation
import IMRRedactKit

#if canImport(Glibc)
    import Glibc
#endif

/// Writing and reading the corpus as JSON Lines, `{"id":"bench-000001","text":"..."}` per line.
enum JSONLines {
    /// `bench-000001` ...: six digits at least, so ids sort as the letters were made.
    static func corpusID(_ number: Int) -> String { "bench-" + padded(number, width: 6) }
    /// `stream-0000001` ...: a prefix of its own, so stream ids never repeat a corpus id.
    static func streamID(_ number: Int) -> String { "stream-" + padded(number, width: 7) }

    static func padded(_ number: Int, width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Appends one record and its newline.
    static func appendRecord(id: String, text: [UInt8], to out: inout [UInt8]) {
        out += Array(#"{"id":"#.utf8)
        JSONOutput.appendString(Array(id.utf8), to: &out)
        out += Array(#","text":"#.utf8)
        JSONOutput.appendString(text, to: &out)
        out += Array("}\n".utf8)
    }

    /// Every letter's text, decoded from the corpus file with Foundation's `JSONDecoder` (as the
    /// tool decodes it), back to back in one buffer.
    struct Loaded {
        var texts: [UInt8]
        var textRanges: [Range<Int>]
    }

    private struct Record: Decodable {
        let id: String
        let text: String
    }

    /// Reads and decodes `path` (not timed: the reference scan measures matching only).
    static func load(path: String) throws -> Loaded {
        let file: [UInt8]
        do {
            file = try FileReader.contents(ofPath: path, chunkSize: 1 << 20)
        } catch {
            throw BenchError("cannot read the corpus \(path): \(error)")
        }
        let decoder = JSONDecoder()
        var loaded = Loaded(texts: [], textRanges: [])
        loaded.texts.reserveCapacity(file.count)
        var start = 0
        var lineNumber = 0
        while start < file.count {
            let end = file[start...].firstIndex(of: 0x0A) ?? file.count
            lineNumber += 1
            defer { start = end + 1 }
            if end == start { continue }
            let record: Record
            do {
                record = try decoder.decode(Record.self, from: Data(file[start..<end]))
            } catch {
                throw BenchError("corpus line \(lineNumber) does not decode: \(error)")
            }
            let textStart = loaded.texts.count
            loaded.texts += Array(record.text.utf8)
            loaded.textRanges.append(textStart..<loaded.texts.count)
        }
        return loaded
    }

    /// Copies the lines of `path` into two files, `first` taking the lines that start in the
    /// first half of its bytes and `second` the rest (not timed). Read and written in 1 MiB
    /// pieces, so the benchmark stays small.
    /// - Returns: the bytes of each part.
    static func split(path: String, into first: String, and second: String) throws -> (Int, Int) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw BenchError("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw BenchError("cannot stat \(path): \(String(cString: strerror(errno)))") }
        let half = Int(info.st_size) / 2
        let parts = [try OutputFile(path: first), try OutputFile(path: second)]
        var sizes = [0, 0]
        var part = 0
        var offset = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let got = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if got < 0 && errno == EINTR { continue }
            guard got >= 0 else { throw BenchError("cannot read \(path): \(String(cString: strerror(errno)))") }
            if got == 0 { break }
            var from = 0
            if part == 0, offset + got > half {
                // The line that holds byte `half` ends the first part.
                let searchFrom = max(0, half - offset)
                if let newline = chunk[searchFrom..<got].firstIndex(of: 0x0A) {
                    try parts[0].write(Array(chunk[0...newline]))
                    sizes[0] += newline + 1
                    from = newline + 1
                    part = 1
                }
            }
            try parts[part].write(Array(chunk[from..<got]))
            sizes[part] += got - from
            offset += got
        }
        for file in parts { try file.close() }
        return (sizes[0], sizes[1])
    }

    static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from: Int, to: Int) -> Int? {
        guard to - from >= needle.count else { return nil }
        var index = from
        while index + needle.count <= to {
            if haystack[index] == needle[0] && haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }
}

/// A file written through a 1 MiB buffer with `write(2)`.
final class OutputFile {
    private let fd: Int32
    private let path: String
    private var buffer: [UInt8] = []

    init(path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 { throw BenchError("cannot create \(path): \(String(cString: strerror(errno)))") }
        buffer.reserveCapacity(1 << 20)
    }

    func write(_ bytes: [UInt8]) throws {
        buffer += bytes
        if buffer.count >= 1 << 20 { try flush() }
    }

    func flush() throws {
        do {
            try writeAll(fd: fd, buffer[...])
        } catch {
            throw BenchError("cannot write \(path): \(error)")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        if Glibc.close(fd) != 0 { throw BenchError("cannot close \(path): \(String(cString: strerror(errno)))") }
    }
}

/// Writes all of `bytes` to `fd`, retrying short writes and `EINTR`.
/// - Throws: `BenchError` with `strerror` (`EPIPE` when a child closed its stdin early).
func writeAll(fd: Int32, _ bytes: ArraySlice<UInt8>) throws {
    try bytes.withUnsafeBytes { raw in
        guard let base = raw.baseAddress else { return }
        var offset = 0
        while offset < raw.count {
            let written = Glibc.write(fd, base + offset, raw.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw BenchError(String(cString: strerror(errno)))
            }
            offset += written
        }
    }
}
