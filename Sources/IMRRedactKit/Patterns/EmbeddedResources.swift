import Foundation

/// The files of the package's `Patterns/` folder, built into the binary by the EmbedPatterns plugin.
public enum EmbeddedResources {
    private static let decoded: [(path: String, text: String)] = EmbeddedPatterns.files.map { entry in
        let data = Data(base64Encoded: entry.base64) ?? Data()
        return (entry.path, String(decoding: data, as: UTF8.self))
    }

    /// Files whose relative path starts with `prefix` and ends with `.ext`, in path order.
    public static func files(under prefix: String, extension ext: String) -> [(path: String, text: String)] {
        decoded.filter { $0.path.hasPrefix(prefix) && $0.path.hasSuffix("." + ext) }
    }

    /// One embedded file by its path relative to `Patterns/`.
    public static func file(_ path: String) -> String? {
        decoded.first { $0.path == path }?.text
    }
}
