#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a review report of a run as its documents finish (`RedactRunner.finished`): one page
/// per letter under `letters/` (named by input position, `000001.html`), then the batch's
/// `index.html` and `SHA256SUMS`. A static folder that loads nothing: it opens from a file URL
/// and still works zipped and mailed.
///
/// By default a page holds only what the redacted letter shows. With `withOriginal`, it shows
/// the original beside it: every page then says so in its title and header, and the folder and
/// its files are created owner-only (0700, 0600).
///
/// Memory grows with the largest letter, not with the batch: each page is written once the
/// next letter is known (its link to the next), and the index keeps a few counts per letter.
public final class ReviewReport {
    public let directory: String
    public let context: ReviewHTML.Context
    private let parser = LetterParser()
    private var reviews: [LetterReview] = []
    /// The numbers of the letters whose residue the run's summary counts (`FinishedDocument.residueCounted`).
    private var redacted = Set<Int>()
    /// The letter whose page waits for the next one (its "next" link).
    private var pending: (document: FinishedDocument, review: LetterReview)?
    private var previousNumber: Int?
    /// Bytes of every file written.
    public private(set) var bytesWritten = 0
    public private(set) var filesWritten = 0

    private var folderMode: mode_t { context.withOriginal ? 0o700 : 0o755 }
    private var fileMode: mode_t { context.withOriginal ? 0o600 : 0o644 }

    /// Checks the report folder before any work: it may be missing (it is created, its parent
    /// must exist) or a folder that takes a new file; nil when it will do.
    public static func checkDirectory(_ path: String) -> String? {
        let path = withoutTrailingSlashes(path)
        var info = stat()
        if stat(path, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else { return "review path '\(path)' is not a folder" }
            return RedactRunner.checkOutputDirectory(path)
        }
        let parent = RedactRunner.splitPath(path).0
        guard stat(parent, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            return "the folder of review path '\(path)' does not exist"
        }
        return nil
    }

    /// Creates the folder (and `letters/`), owner-only with `withOriginal`, and removes the pages,
    /// index and digest listing of an earlier report there (so that no page of another batch,
    /// or with originals, is left behind).
    /// - Throws: `DocumentError.outputFailed` when the folder cannot be made or made owner-only.
    public init(directory: String, context: ReviewHTML.Context) throws(DocumentError) {
        self.directory = Self.withoutTrailingSlashes(directory)
        self.context = context
        try makeFolder(self.directory)
        try makeFolder(self.directory + "/letters")
        removeEarlierReport()
    }

    /// `review/` as `review` (the folder's parent is then found by its last slash).
    static func withoutTrailingSlashes(_ path: String) -> String {
        var path = path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path
    }

    private func makeFolder(_ path: String) throws(DocumentError) {
        var info = stat()
        if stat(path, &info) != 0 {
            guard mkdir(path, folderMode) == 0 else {
                throw .outputFailed(reason: "cannot create the review folder '\(path)': \(String(cString: strerror(errno)))")
            }
        } else if (info.st_mode & S_IFMT) != S_IFDIR {
            throw .outputFailed(reason: "review path '\(path)' is not a folder")
        }
        // A report with originals holds identifiers: its folder is the owner's only, whatever it was.
        if context.withOriginal, chmod(path, 0o700) != 0 {
            throw .outputFailed(reason: "cannot make the review folder '\(path)' owner-only: \(String(cString: strerror(errno)))")
        }
    }

    private func removeEarlierReport() {
        unlink(directory + "/index.html")
        unlink(directory + "/SHA256SUMS")
        guard let folder = opendir(directory + "/letters") else { return }
        defer { closedir(folder) }
        var names: [String] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            // Only what a report writes: six digits and `.html`.
            if name.utf8.count == 11, name.hasSuffix(".html"), name.utf8.prefix(6).allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                names.append(name)
            }
        }
        for name in names { unlink(directory + "/letters/" + name) }
    }

    /// Adds one finished document: its page is written when the next one arrives (or at `finish`).
    public func add(_ document: FinishedDocument) throws(DocumentError) {
        let review = LetterReview(document, parser: parser)
        reviews.append(review)
        if document.residueCounted { redacted.insert(document.number) }
        try writePending(next: document.number)
        pending = (document, review)
    }

    private func writePending(next: Int?) throws(DocumentError) {
        guard let (document, review) = pending else { return }
        let page = ReviewHTML.letterPage(
            review, document: document, context: context,
            neighbours: ReviewHTML.Neighbours(previous: previousNumber, next: next))
        try write(page, to: "letters/" + ReviewHTML.pageName(review.number))
        previousNumber = review.number
        pending = nil
    }

    /// Writes the last letter's page, `SHA256SUMS` and `index.html`.
    /// - Returns: the batch digest (hex SHA-256 of `SHA256SUMS`).
    @discardableResult
    public func finish(summary: RunSummary) throws(DocumentError) -> String {
        try writePending(next: nil)
        var sums: [UInt8] = []
        for review in reviews {
            guard let digest = review.digest else { continue }
            sums += Array("\(digest)  \(review.outputName ?? review.name)\n".utf8)
        }
        let digest = LetterReview.sha256(sums)
        try write(sums, to: "SHA256SUMS")
        let batch = ReviewHTML.Batch(summary: summary, digest: digest, sums: sums)
        try write(ReviewHTML.indexPage(reviews, redacted: redacted, batch: batch, context: context), to: "index.html")
        return digest
    }

    /// Writes `bytes` to `name` in the folder under a temporary name, then renames it into place.
    private func write(_ bytes: [UInt8], to name: String) throws(DocumentError) {
        let (folder, file) = RedactRunner.splitPath(directory + "/" + name)
        let pending = try PendingFile(directory: folder, name: file, mode: fileMode)
        try pending.write(bytes)
        try pending.commit()
        bytesWritten += bytes.count
        filesWritten += 1
    }
}
