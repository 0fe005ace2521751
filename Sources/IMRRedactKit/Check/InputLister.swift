import Foundation

/// One file `check` will read.
public struct InputFile: Sendable, Hashable {
    /// As shown in findings and messages: the argument, or the folder argument joined with the
    /// file's path inside it.
    public var path: String
    /// Absolute, with `.` and `..` removed.
    public var absolutePath: String
    /// Relative to the repository root with `/` (the absolute path when outside the root).
    public var relativePath: String
}

/// Turns `check`'s arguments into the files to read.
///
/// A file argument is always read (pre-commit passes file names), even when `.gitignore`
/// ignores it. A folder is listed with `git ls-files --cached --others --exclude-standard`
/// when it lies in a git work tree, so `.gitignore` is honoured; outside one it is walked
/// (without following symbolic links, and skipping `.git` folders). Exclude patterns apply to
/// every file, given or found, matched against its path relative to the root.
public struct InputLister: Sendable {
    /// The repository root: relative paths and exclude patterns start here.
    public let root: String
    public let currentDirectory: String
    public let excludes: [Glob]

    public init(root: String, currentDirectory: String, excludes: [Glob]) {
        self.root = Self.standardized(root, in: currentDirectory)
        self.currentDirectory = currentDirectory
        self.excludes = excludes
    }

    /// What `list` found.
    public struct Listing: Sendable {
        /// Each file once, in argument order and in name order inside a folder.
        public var files: [InputFile] = []
        /// Arguments that do not exist.
        public var errors: [CheckError] = []
        /// Folder arguments that git ignores as a whole, so that none of their files is read.
        public var ignoredFolders: [String] = []
    }

    /// The files of `arguments` (the current folder when empty).
    public func list(_ arguments: [String]) -> Listing {
        var listing = Listing()
        var seen = Set<String>()
        func add(_ display: String, _ absolute: String) {
            guard seen.insert(absolute).inserted else { return }
            let file = InputFile(path: display, absolutePath: absolute, relativePath: relative(absolute))
            if excludes.contains(where: { $0.matches(file.relativePath) }) { return }
            listing.files.append(file)
        }
        for argument in arguments.isEmpty ? ["."] : arguments {
            let absolute = Self.standardized(argument, in: currentDirectory)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
                listing.errors.append(.unreadable(path: argument, reason: "cannot read: No such file or directory"))
                continue
            }
            guard isDirectory.boolValue else {
                add(argument, absolute)
                continue
            }
            let listed = Git.listFiles(in: absolute)
            if let listed, listed.isEmpty, Git.ignores(absolute) { listing.ignoredFolders.append(argument) }
            let names = listed ?? walk(absolute)
            for name in Set(names).sorted() {
                let path = Self.join(absolute, name)
                // git lists tracked files deleted from the work tree, submodules and symlinks too.
                guard Self.isRegularFile(path) else { continue }
                add(Self.join(argument, name), path)
            }
        }
        return listing
    }

    /// The root of the git work tree holding `directory`, or `directory` itself outside one.
    public static func repositoryRoot(containing directory: String) -> String {
        Git.topLevel(of: directory) ?? directory
    }

    /// `absolute` relative to the root, or itself when outside the root.
    public func relative(_ absolute: String) -> String {
        if absolute == root { return "." }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : absolute
    }

    /// Regular files under `directory`, relative to it; no symbolic links followed, `.git` skipped.
    private func walk(_ directory: String) -> [String] {
        let base = URL(fileURLWithPath: directory, isDirectory: true)
        guard
            let enumerator = FileManager.default.enumerator(
                at: base,
                includingPropertiesForKeys: [.isRegularFileKey, .isDirectoryKey, .isSymbolicLinkKey]
            )
        else { return [] }
        var names: [String] = []
        let prefix =
            base.standardizedFileURL.path.hasSuffix("/")
            ? base.standardizedFileURL.path : base.standardizedFileURL.path + "/"
        for case let url as URL in enumerator {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isDirectoryKey, .isSymbolicLinkKey])
            if values?.isDirectory == true && url.lastPathComponent == ".git" {
                enumerator.skipDescendants()
                continue
            }
            guard values?.isRegularFile == true, values?.isSymbolicLink != true else { continue }
            let path = url.standardizedFileURL.path
            names.append(path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path)
        }
        return names
    }

    private static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// `folder/name`, without a leading `./` for the current folder.
    static func join(_ folder: String, _ name: String) -> String {
        if folder == "." || folder == "./" { return name }
        return folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// The absolute form of `path` (relative paths start at `directory`), `.` and `..` removed.
    static func standardized(_ path: String, in directory: String) -> String {
        let url =
            path.hasPrefix("/")
            ? URL(fileURLWithPath: path)
            : URL(fileURLWithPath: directory, isDirectory: true).appendingPathComponent(path)
        var result = url.standardizedFileURL.path
        while result.count > 1 && result.hasSuffix("/") { result.removeLast() }
        return result
    }
}
