#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered writer to a file descriptor (`write(2)`), flushed when the buffer fills and on `flush()`.
public final class ByteSink {
    public let fd: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8] = []
    private let capacity: Int

    public init(fd: Int32, ownsDescriptor: Bool = false, capacity: Int = 1 << 16) {
        self.fd = fd
        self.ownsDescriptor = ownsDescriptor
        self.capacity = capacity
        buffer.reserveCapacity(capacity)
    }

    /// Opens `path` for writing (created with `mode`, truncated).
    public convenience init(path: String, mode: mode_t = 0o644) throws(DocumentError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        if fd < 0 { throw .outputFailed(reason: "\(path): \(String(cString: strerror(errno)))") }
        self.init(fd: fd, ownsDescriptor: true)
    }

    deinit {
        try? flush()
        if ownsDescriptor { close(fd) }
    }

    @inline(__always)
    public func write<C: Collection>(_ bytes: C) throws(DocumentError) where C.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { try flush() }
    }

    /// Writes out everything buffered.
    public func flush() throws(DocumentError) {
        guard !buffer.isEmpty else { return }
        var failure: Int32 = 0
        buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
        if failure != 0 { throw .outputFailed(reason: String(cString: strerror(failure))) }
    }
}
