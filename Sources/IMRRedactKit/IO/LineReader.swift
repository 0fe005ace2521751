#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file descriptor line by line (`\n`-terminated; the `\n` is not returned, a `\r`
/// before it is kept), with a fixed-size read buffer. Memory grows with the longest line only.
public struct LineReader {
    private let fd: Int32
    private let chunkSize: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var eof = false
    /// 1-based number of the line last returned.
    public private(set) var lineNumber = 0

    /// Whether `next()` returns without another `read(2)`: a whole line, or the end, is buffered.
    public var hasBufferedLine: Bool { eof || buffer[start...].contains(0x0A) }

    /// The descriptor read.
    public var descriptor: Int32 { fd }

    /// - Parameters:
    ///   - fd: an open descriptor; the reader does not close it.
    ///   - chunkSize: bytes per `read(2)` call.
    public init(fd: Int32, chunkSize: Int = 1 << 16) {
        self.fd = fd
        self.chunkSize = max(1, chunkSize)
    }

    /// The next line, `nil` at the end of input. The last line may lack its `\n`.
    /// - Throws: `DocumentError.unreadable` when `read(2)` fails.
    public mutating func next() throws(DocumentError) -> [UInt8]? {
        var searchFrom = start
        while true {
            if let newline = buffer[searchFrom...].firstIndex(of: 0x0A) {
                let line = Array(buffer[start..<newline])
                start = newline + 1
                lineNumber += 1
                return line
            }
            if eof {
                guard start < buffer.count else { return nil }
                let line = Array(buffer[start...])
                start = buffer.count
                lineNumber += 1
                return line
            }
            // Drop consumed bytes, then read more.
            if start > 0 {
                buffer.removeFirst(start)
                start = 0
            }
            searchFrom = buffer.count
            let old = buffer.count
            buffer.reserveCapacity(old + chunkSize)
            var readError: Int32 = 0
            let got: Int = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: chunkSize) { scratch in
                while true {
                    let n = read(fd, scratch.baseAddress, chunkSize)
                    if n < 0 && errno == EINTR {
                        if Interruption.requested { readError = EINTR; return n }
                        continue
                    }
                    if n > 0 { buffer.append(contentsOf: scratch[0..<n]) }
                    if n < 0 { readError = errno }
                    return n
                }
            }
            if got < 0 {
                throw readError == EINTR ? .interrupted : .unreadable(reason: String(cString: strerror(readError)))
            }
            if got == 0 { eof = true }
        }
    }
}

/// Whole-file reading for plain-text documents.
public enum FileReader {
    /// Reads all of `fd` with `read(2)` calls of `chunkSize` bytes.
    public static func readAll(fd: Int32, chunkSize: Int = 1 << 16) throws(DocumentError) -> [UInt8] {
        var result: [UInt8] = []
        let size = max(1, chunkSize)
        var readError: Int32 = 0
        let ok = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: size) { scratch -> Bool in
            while true {
                let n = read(fd, scratch.baseAddress, size)
                if n < 0 && errno == EINTR {
                    if Interruption.requested { readError = EINTR; return false }
                    continue
                }
                if n < 0 { readError = errno; return false }
                if n == 0 { return true }
                result.append(contentsOf: scratch[0..<n])
            }
        }
        if !ok { throw readError == EINTR ? .interrupted : .unreadable(reason: String(cString: strerror(readError))) }
        return result
    }

    /// Reads the file at `path`.
    public static func contents(ofPath path: String, chunkSize: Int = 1 << 16) throws(DocumentError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw .unreadable(reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR { throw .unreadable(reason: "is a directory") }
        return try readAll(fd: fd, chunkSize: chunkSize)
    }
}
