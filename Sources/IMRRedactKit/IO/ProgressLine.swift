#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One progress line on a terminal's stderr: documents done, megabytes, rate, and an ETA when the
/// total size is known in advance. Redrawn in place at most five times a second and cleared by
/// `finish()`. It carries counts only, never a document's name or text.
public final class ProgressLine {
    private let fd: Int32
    private let totalBytes: Int?
    private let noun: String
    private let start: Double
    private var lastDraw = 0.0
    private var drawn = false

    /// A progress line when `fd` is a terminal and the user did not ask for quiet; nil otherwise.
    /// - Parameter noun: what is counted (`document`, `file`, `letter`).
    public static func forTerminal(fd: Int32 = 2, quiet: Bool, totalBytes: Int?, noun: String = "document") -> ProgressLine? {
        guard !quiet, isatty(fd) == 1 else { return nil }
        return ProgressLine(fd: fd, totalBytes: totalBytes, noun: noun)
    }

    public init(fd: Int32, totalBytes: Int?, noun: String = "document") {
        self.fd = fd
        self.totalBytes = totalBytes
        self.noun = noun
        self.start = Self.now()
    }

    /// Redraws the line when the last drawing is over 0.2 s old.
    public func update(documents: Int, bytes: Int) {
        let now = Self.now()
        guard now - lastDraw >= 0.2 else { return }
        lastDraw = now
        write("\r\u{1B}[K" + Self.text(documents: documents, bytes: bytes, seconds: now - start, totalBytes: totalBytes, noun: noun))
        drawn = true
    }

    /// Clears the line (the summary follows on a clean line).
    public func finish() {
        guard drawn else { return }
        write("\r\u{1B}[K")
        drawn = false
    }

    /// `1,204 documents, 6.1 MB, 9.8 MB/s, ETA 0:42` (ETA only with a known total).
    public static func text(documents: Int, bytes: Int, seconds: Double, totalBytes: Int?, noun: String = "document") -> String {
        let megabytes = Double(bytes) / 1_000_000
        let rate = seconds > 0 ? megabytes / seconds : 0
        var line = "\(grouped(documents)) \(noun)\(documents == 1 ? "" : "s"), \(oneDecimal(megabytes)) MB"
        if let totalBytes, totalBytes > 0 {
            line += " of \(oneDecimal(Double(totalBytes) / 1_000_000)) MB"
        }
        line += ", \(oneDecimal(rate)) MB/s"
        if let totalBytes, totalBytes > bytes, rate > 0 {
            line += ", ETA " + clock(Double(totalBytes - bytes) / 1_000_000 / rate)
        }
        return line
    }

    static func grouped(_ value: Int) -> String {
        let digits = String(value)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += "," }
            out.append(character)
        }
        return out
    }

    static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// `0:42`, `12:05`, `1:02:03`.
    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60)
        let twoDigits = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return hours > 0 ? "\(hours):\(twoDigits(minutes)):\(twoDigits(secs))" : "\(minutes):\(twoDigits(secs))"
    }

    private func write(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                offset += n
            }
        }
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// The total size of `paths` when every one is a regular file (stdin: when it is one), else nil.
    public static func totalSize(of paths: [String]) -> Int? {
        var total = 0
        for path in paths.isEmpty ? ["-"] : paths {
            var info = stat()
            let ok = path == "-" ? fstat(0, &info) == 0 : stat(path, &info) == 0
            guard ok, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
            total += Int(info.st_size)
        }
        return total
    }
}
