import CPCRE2
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Facts about the machine and the files the benchmark uses, printed so that figures from
/// different machines are not compared blindly.
enum Machine {
    /// CPUs this process may run on, as `nproc` counts them: `Cpus_allowed_list` of
    /// `/proc/self/status` (the affinity mask; `sched_getaffinity` is not imported without
    /// `_GNU_SOURCE`), else the online CPUs.
    static func processorCount() -> Int {
        if let data = FileManager.default.contents(atPath: "/proc/self/status") {
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n")
            where line.hasPrefix("Cpus_allowed_list:") {
                var count = 0
                for part in line.dropFirst("Cpus_allowed_list:".count).split(separator: ",") {
                    let bounds = part.split(separator: "-").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
                    if bounds.count == 2 { count += bounds[1] - bounds[0] + 1 } else if bounds.count == 1 { count += 1 }
                }
                if count > 0 { return count }
            }
        }
        return sysconf(Int32(_SC_NPROCESSORS_ONLN))
    }

    /// The first `model name` line of `/proc/cpuinfo` (without the key), or "unknown".
    static func cpuModel() -> String {
        guard let data = FileManager.default.contents(atPath: "/proc/cpuinfo") else { return "unknown" }
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where line.hasPrefix("model name") {
            if let colon = line.firstIndex(of: ":") {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return "unknown"
    }

    /// PCRE2's version string and JIT target (`pcre2_config`).
    static func pcre2() -> String {
        func config(_ what: Int32) -> String? {
            var buffer = [UInt8](repeating: 0, count: 128)
            let length = buffer.withUnsafeMutableBytes { pcre2_config_8(UInt32(what), $0.baseAddress) }
            guard length > 1 else { return nil }
            return String(decoding: buffer.prefix(Int(length) - 1), as: UTF8.self)
        }
        let version = config(PCRE2_CONFIG_VERSION) ?? "unknown version"
        let jit = config(PCRE2_CONFIG_JITTARGET).map { "JIT \($0)" } ?? "no JIT"
        return "\(version), \(jit)"
    }

    /// The nearest folder at or above `start` that holds `Package.swift`.
    static func packageRoot(from start: String) -> String? {
        var url = URL(fileURLWithPath: start).standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url.path
            }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
        }
    }

    /// The package root: found from the working directory, else from this executable's path
    /// (`.build/<triple>/release/imr-bench` sits inside the package).
    static func packageRoot() -> String? {
        if let root = packageRoot(from: FileManager.default.currentDirectoryPath) { return root }
        if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return packageRoot(from: (executable as NSString).deletingLastPathComponent)
        }
        return nil
    }

    /// The first executable `name` in a folder of `PATH`, or nil.
    static func executable(named name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = "\(folder)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// `path` with symbolic links resolved, for printing which binary ran.
    static func resolved(_ path: String) -> String {
        guard let pointer = realpath(path, nil) else { return path }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}
