import ArgumentParser
import IMRRedactKit

extension IMRRedact {
    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the structure of letters as JSON Lines: layout, header fields, sections, demographics, reviewer, disputed items.",
            discussion: """
                One JSON object per letter on stdout, with UTF-8 byte offsets into the letter. It holds \
                the letter's own values (names, dates, numbers), so treat stdout like the letters \
                themselves; stderr never carries them. A letter that cannot be read is reported on \
                stderr and the exit status is 1; the others are still parsed.
                """)

        @Argument(help: ArgumentHelp("Letters to parse; none or '-' reads stdin.", valueName: "file"))
        var files: [String] = []

        @Flag(help: "Each input line is a JSON object with \"id\" and \"text\" (as for redact --jsonl).")
        var jsonl = false

        func run() throws {
            var source = DocumentSource(paths: files, jsonl: jsonl)
            let parser = LetterParser()
            let stdout = ByteSink(fd: 1)
            var rejected = 0
            var out: [UInt8] = []
            while let item = source.next() {
                switch item {
                case .failure(let failure):
                    rejected += 1
                    Diagnostics.error("\(failure.location): \(failure.error); not parsed")
                case .success(let document):
                    let structure = document.text.withUnsafeBufferPointer { text -> LetterStructure? in
                        do throws(DocumentError) {
                            try Detector.validate(text)
                        } catch {
                            rejected += 1
                            Diagnostics.error("\(document.location): \(error); not parsed")
                            return nil
                        }
                        return parser.parse(text)
                    }
                    guard let structure else { continue }
                    out.removeAll(keepingCapacity: true)
                    structure.appendJSON(id: document.jsonID, to: &out)
                    do { try stdout.write(out) } catch {
                        Diagnostics.error("cannot write to stdout: \(error)")
                        throw ExitCode(ExitStatus.failure)
                    }
                }
            }
            do { try stdout.flush() } catch {
                Diagnostics.error("cannot write to stdout: \(error)")
                throw ExitCode(ExitStatus.failure)
            }
            if rejected > 0 { throw ExitCode(ExitStatus.failure) }
        }
    }
}
