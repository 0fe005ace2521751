import Foundation
import IMRRedactKit

#if canImport(Glibc)
    import Glibc
#endif

/// The PDF figures (`--pdf-only`, or after the text figures when the PDF folder exists): over the
/// real PDF letters, per letter,
///
/// - extraction in this process (`PDFReader.read`: poppler-cpp, the file read from disk
///   included) against a `pdftotext -layout FILE -` subprocess per letter (spawned, its stdout
///   read through a pipe, waited for), the ratio of the two;
/// - redaction of the extracted text (the default rules and placeholders, the metadata's
///   findings masked too, as `redact` does), PDF writing (`PDFWriter.write` on the redacted text)
///   and verification of the PDF written (`PDFVerification.check`);
/// - the round trip: the written PDF read by `pdftotext -layout` gives the redacted text byte for
///   byte, or word for word (the same words, runs of whitespace aside).
///
/// Medians over runs of each run's mean per letter (the machine is noisy); the two extractions
/// take turns within each run, so that a slow stretch falls on both. Nothing is printed of a
/// letter's text or name: counts and times only.
enum PDFBench {
    /// One letter as prepared (not timed): where it is, its redaction, and what the writer made of it.
    struct Letter {
        var path: String
        var text: [UInt8]
        var known: [KnownIdentifier]
        var redacted: [UInt8]
        var identifiers: [(text: [UInt8], category: IMRRedactKit.Category, line: Int)]
        var written: PDFWriter.Output
    }

    /// Timings of one measurement: each run's mean seconds per letter.
    struct Series {
        var label: String
        var perLetter: [Double] = []
        var note = ""
    }

    /// - Returns: whether every step ran (a letter the tool rejects is counted, not a failure).
    static func run(directory: String, runs: Int, workdir: String) throws -> Bool {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
                .filter { PDFReader.isNamedPDF($0) }.sorted()
        } catch {
            throw BenchError("cannot list the PDFs in \(directory): \(error.localizedDescription)")
        }
        guard !names.isEmpty else { throw BenchError("no *.pdf in \(directory)") }
        guard let pdftotext = Machine.executable(named: "pdftotext") else {
            throw BenchError("no pdftotext on PATH (Debian: poppler-utils; sh scripts/ensure-deps.sh installs it)")
        }
        let paths = names.map { directory + "/" + $0 }
        let ruleSet: RuleSet
        do {
            ruleSet = try RuleSet.load()
        } catch {
            throw BenchError("RuleSet.load(): \(error)")
        }
        let engine = RedactionEngine(ruleSet: ruleSet)
        let verification = PDFVerification(engine: engine)

        // Preparation (not timed): every letter read, redacted and written once.
        Output.progress("PDF: reading, redacting and writing \(paths.count) letters once (not timed) ...")
        var letters: [Letter] = []
        var rejected: [String: Int] = [:]
        var inputBytes = 0
        var pages = 0
        for path in paths {
            do throws(DocumentError) {
                let bytes = try FileReader.contents(ofPath: path)
                inputBytes += bytes.count
                let letter = try PDFReader.read(bytes)
                pages += letter.pageCount
                let metadata = try MetadataFindings(engine: engine).findings(letter.metadata)
                let known = Set(metadata.map { KnownIdentifier(category: $0.category, value: $0.value) })
                    .sorted { ($0.category, $0.value) < ($1.category, $1.value) }
                let result = try letter.text.withUnsafeBufferPointer { text throws(DocumentError) in
                    try engine.redact(text, known: known)
                }
                let identifiers = result.substitutions.map {
                    (text: Array(letter.text[$0.start..<$0.end]), category: $0.category, line: $0.line)
                } + metadata.map { (text: Array($0.value.utf8), category: $0.category, line: 0) }
                letters.append(Letter(
                    path: path, text: letter.text, known: known, redacted: result.output, identifiers: identifiers,
                    written: try PDFWriter.write(result.output)))
            } catch {
                rejected[reason(error), default: 0] += 1
            }
        }
        guard !letters.isEmpty else { throw BenchError("no PDF of \(directory) could be read, redacted and written") }

        // 1. Extraction, in-process and by subprocess, taking turns.
        var inProcess = Series(label: "extraction in-process: PDFReader.read (poppler-cpp), file read included")
        var subprocess = Series(label: "extraction by subprocess: pdftotext -layout FILE - per letter")
        var sameText = 0
        var subprocessFailures = 0
        for run in 1...runs {
            Output.progress("PDF: extraction run \(run)/\(runs) ...")
            var start = monotonicSeconds()
            for letter in letters {
                _ = try? PDFReader.read(try FileReader.contents(ofPath: letter.path))
            }
            inProcess.perLetter.append((monotonicSeconds() - start) / Double(letters.count))
            start = monotonicSeconds()
            for letter in letters {
                let captured = try ChildProcess.capture(binary: pdftotext, arguments: ["-layout", letter.path, "-"])
                if run == 1 {
                    if captured.exitCode != 0 { subprocessFailures += 1 }
                    if captured.stdout == letter.text { sameText += 1 }
                }
            }
            subprocess.perLetter.append((monotonicSeconds() - start) / Double(letters.count))
        }
        inProcess.note = "\(pages) pages, \(String(format: "%.1f", Double(inputBytes) / 1e6)) MB of PDF"
        subprocess.note = "spawn, stdout through a pipe, wait; its text = the in-process text for \(sameText) of \(letters.count)"
            + (subprocessFailures > 0 ? "; \(subprocessFailures) FAILED" : "")

        // 2. Redaction, writing, verification.
        var redaction = Series(label: "redaction of the extracted text (engine.redact, metadata findings known)")
        var writing = Series(label: "PDF writing: PDFWriter.write on the redacted text")
        var verifying = Series(label: "PDF verification: PDFVerification.check of the PDF written")
        var verified = 0
        var outputBytes = 0
        for run in 1...runs {
            Output.progress("PDF: redaction, writing and verification run \(run)/\(runs) ...")
            var start = monotonicSeconds()
            for letter in letters {
                _ = try? letter.text.withUnsafeBufferPointer { text throws(DocumentError) in
                    try engine.redact(text, known: letter.known)
                }
            }
            redaction.perLetter.append((monotonicSeconds() - start) / Double(letters.count))
            start = monotonicSeconds()
            for letter in letters {
                _ = try? PDFWriter.write(letter.redacted)
            }
            writing.perLetter.append((monotonicSeconds() - start) / Double(letters.count))
            start = monotonicSeconds()
            var passed = 0
            for letter in letters {
                let report = try? verification.check(
                    pdf: letter.written.pdf, written: letter.written.layoutText, identifiers: letter.identifiers)
                if report?.passed == true { passed += 1 }
            }
            verifying.perLetter.append((monotonicSeconds() - start) / Double(letters.count))
            verified = passed
        }
        outputBytes = letters.reduce(0) { $0 + $1.written.pdf.count }
        redaction.note = "default rules, placeholders"
        writing.note = "\(String(format: "%.1f", Double(outputBytes) / 1e6)) MB of PDF written"
        verifying.note = "passed for \(verified) of \(letters.count)"

        // 3. Round trip through pdftotext (not timed).
        Output.progress("PDF: round trip of the written PDFs through pdftotext -layout ...")
        let folder = workdir + "/pdf-roundtrip"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw BenchError("cannot create \(folder): \(error.localizedDescription)")
        }
        var byteExact = 0
        var wordExact = 0
        var roundTripFailures = 0
        for (index, letter) in letters.enumerated() {
            let path = folder + "/letter-\(index + 1).pdf"
            try Bench.writeFile(path, letter.written.pdf)
            let captured = try ChildProcess.capture(binary: pdftotext, arguments: ["-layout", path, "-"])
            unlink(path)
            guard captured.exitCode == 0 else {
                roundTripFailures += 1
                continue
            }
            let comparison = RoundTrip.compare(captured.stdout, letter.redacted)
            if comparison == .bytes { byteExact += 1 }
            if comparison != .different { wordExact += 1 }
        }
        rmdir(folder)

        // Report.
        Output.line("")
        Output.line(
            "PDF letters: \(paths.count) PDFs of \(directory); \(letters.count) read, redacted and written"
                + (rejected.isEmpty ? "" : "; rejected: " + rejected.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))
        var rows: [[String]] = [["PDF measurement", "runs", "median ms/letter", "min ms/letter", "notes"]]
        for series in [inProcess, subprocess, redaction, writing, verifying] {
            rows.append([
                series.label, "\(series.perLetter.count)",
                Bench.median(series.perLetter).map { Bench.format($0 * 1000, 2) } ?? "-",
                series.perLetter.min().map { Bench.format($0 * 1000, 2) } ?? "-", series.note,
            ])
        }
        Bench.printTable(rows)
        if let own = Bench.median(inProcess.perLetter), let other = Bench.median(subprocess.perLetter), own > 0 {
            let pairs = zip(subprocess.perLetter, inProcess.perLetter).map { $0 / $1 }
            Output.line(
                "PDF ratio  pdftotext subprocess / in-process = \(Bench.format(other * 1000, 2)) ms / \(Bench.format(own * 1000, 2)) ms "
                    + "per letter: \(Bench.format(other / own, 2))x (run by run: \(pairs.map { Bench.format($0, 2) }.joined(separator: " ")))")
        }
        Output.line(
            "PDF round trip (written PDF -> pdftotext -layout -> compared with the redacted text): "
                + "byte for byte \(byteExact) of \(letters.count); word for word \(wordExact) of \(letters.count)"
                + (roundTripFailures > 0 ? "; pdftotext FAILED on \(roundTripFailures)" : ""))
        return subprocessFailures == 0 && roundTripFailures == 0
    }

    /// A rejection's reason without its numbers (`damaged PDF`, `rule ... reached a match limit`).
    static func reason(_ error: DocumentError) -> String {
        switch error {
        case .unreadable(let reason): return reason.split(separator: "(").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? reason
        case .outputFailed: return "the PDF writer"
        case .limitReached(let rule, _): return "match limit (\(rule))"
        default: return "\(error)".split(separator: " ").prefix(3).joined(separator: " ")
        }
    }
}

/// How a text read back from a written PDF compares with the text written.
enum RoundTrip: Equatable {
    /// The same bytes.
    case bytes
    /// The same words in the same order (runs of whitespace, form feeds included, aside).
    case words
    case different

    static func compare(_ read: [UInt8], _ written: [UInt8]) -> RoundTrip {
        if read == written { return .bytes }
        return words(read) == words(written) ? .words : .different
    }

    static func words(_ text: [UInt8]) -> [ArraySlice<UInt8>] {
        text.split { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0B || $0 == 0x0C || $0 == 0x0D }
    }
}
