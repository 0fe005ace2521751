import ArgumentParser
import Foundation
import IMRRedactKit

extension IMRRedact {
    struct Vault: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-link pseudonyms to the identifiers of original letters, or rotate a vault's key.",
            discussion: """
                A vault holds random values under keyed digests and no identifier, so both need the \
                original letters (and the key): the identifiers are found in them again and looked up. \
                Exit status: 0 ok; 1 a letter could not be read; 2 a usage error or a vault or key that \
                cannot be opened.
                """,
            subcommands: [Relink.self, Rotate.self])

        struct VaultOptions: ParsableArguments {
            @Option(help: ArgumentHelp("The vault (SQLite).", valueName: "file"))
            var vault: String

            @Option(name: .customLong("key-file"), help: ArgumentHelp("The vault's key (else $IMR_REDACT_KEY, else FILE.key beside the vault).", valueName: "file"))
            var keyFile: String?

            func open() throws -> PseudonymVault {
                guard FileManager.default.fileExists(atPath: vault) else {
                    Diagnostics.error("--vault: \(vault) does not exist")
                    throw ExitCode(ExitStatus.usage)
                }
                do {
                    let given = try DigestKey.load(keyFile: keyFile)
                    let key = try PseudonymVault.key(forVault: vault, given: given) { Diagnostics.error($0) }
                    return try PseudonymVault(path: vault, key: key)
                } catch {
                    Diagnostics.error("--vault: \(error)")
                    throw ExitCode(ExitStatus.usage)
                }
            }
        }

        /// Runs detection over letters and calls `body` with each letter's lookups.
        static func eachLetter(
            _ files: [String], patterns: PatternOptions,
            _ body: (_ id: String, _ text: [UInt8], _ lookups: (entries: [VaultLookup], patient: String?, ages: [Int])) throws -> Void
        ) throws -> Int {
            let engine = RedactionEngine(ruleSet: try patterns.load())
            var source = DocumentSource(paths: files, jsonl: false)
            var failed = 0
            while let item = source.next() {
                switch item {
                case .failure(let failure):
                    failed += 1
                    Diagnostics.error("\(failure.location): \(failure.error)")
                case .success(let document):
                    let result: (entries: [VaultLookup], patient: String?, ages: [Int])? = document.text.withUnsafeBufferPointer { text in
                        do throws(DocumentError) {
                            let resolution = try engine.analyze(text)
                            let structure = engine.lastStructure ?? engine.parser.parse(text)
                            return PolicyTransformer.lookups(for: resolution.identifiers, in: text, structure: structure)
                        } catch {
                            Diagnostics.error("\(document.location): \(error)")
                            return nil
                        }
                    }
                    guard let result else {
                        failed += 1
                        continue
                    }
                    try body(document.id, document.text, result)
                }
            }
            return failed
        }

        struct Relink: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Print, for each identifier of the original letters, the pseudonym or surrogate the vault gave it.",
                discussion: """
                    For the vault's authorised holder: stdout carries identifiers in clear (tab-separated: \
                    letter, line, category, identifier, value kinds and values; and each letter's date \
                    shift in days). Find a pseudonym in it to re-link it.
                    """)

            @OptionGroup var vaultOptions: VaultOptions

            @Argument(help: ArgumentHelp("The original letters.", valueName: "file"))
            var files: [String] = []

            @OptionGroup var patterns: PatternOptions

            func run() throws {
                let vault = try vaultOptions.open()
                var out = ""
                let failed = try Vault.eachLetter(files, patterns: patterns) { id, text, lookups in
                    let lines = TextPositions(text)
                    for entry in lookups.entries {
                        var values: [String] = []
                        for kind in entry.kinds {
                            if let value = try? vault.existingValue(kind: kind, identifier: entry.identifier) { values.append("\(kind)=\(value)") }
                        }
                        guard !values.isEmpty else { continue }
                        let line = lines.line(of: entry.range.lowerBound)
                        let mention = String(decoding: text[entry.range], as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
                        out += "\(id)\t\(line)\t\(entry.category.rawValue)\t\(mention)\t\(values.joined(separator: " "))\n"
                    }
                    if let patient = lookups.patient, let days = try? vault.existingShift(patient: patient) {
                        out += "\(id)\t-\tDATE-SHIFT\t\(patient)\t\(days) days\n"
                    }
                }
                FileHandle.standardOutput.write(Data(out.utf8))
                if failed > 0 { throw ExitCode(ExitStatus.failure) }
            }
        }

        struct Rotate: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Copy a vault's entries under a new key into a new vault, for the identifiers of the original letters.",
                discussion: """
                    The vault holds no identifier, so it cannot re-key itself: the letters it was used on \
                    are read again, each identifier is looked up under the old key and its value stored \
                    under the new one, so that pseudonyms, surrogates and date shifts stay the same. \
                    Entries of identifiers not met in the letters are not copied (the count is printed).
                    """)

            @OptionGroup var vaultOptions: VaultOptions

            @Option(name: .customLong("to"), help: ArgumentHelp("The new vault (must not exist).", valueName: "file"))
            var newVault: String

            @Option(name: .customLong("new-key-file"), help: ArgumentHelp("The new key (else a random one is created as NEW.key).", valueName: "file"))
            var newKeyFile: String?

            @Argument(help: ArgumentHelp("The original letters the vault was used on.", valueName: "file"))
            var files: [String] = []

            @OptionGroup var patterns: PatternOptions

            func run() throws {
                let old = try vaultOptions.open()
                guard !FileManager.default.fileExists(atPath: newVault) else {
                    Diagnostics.error("--to: \(newVault) already exists")
                    throw ExitCode(ExitStatus.usage)
                }
                let new: PseudonymVault
                do {
                    let given = try DigestKey.load(keyFile: newKeyFile, environment: [:])
                    let key = try PseudonymVault.key(forVault: newVault, given: given) { Diagnostics.error($0) }
                    new = try PseudonymVault(path: newVault, key: key)
                } catch {
                    Diagnostics.error("--to: \(error)")
                    throw ExitCode(ExitStatus.usage)
                }
                var copied = 0
                var shifts = 0
                let failed = try Vault.eachLetter(files, patterns: patterns) { _, _, lookups in
                    for entry in lookups.entries {
                        for kind in entry.kinds {
                            if let value = try old.existingValue(kind: kind, identifier: entry.identifier),
                                try new.insert(kind: kind, identifier: entry.identifier, value: value)
                            {
                                copied += 1
                            }
                        }
                    }
                    if let patient = lookups.patient {
                        if let days = try old.existingShift(patient: patient), try new.insertShift(patient: patient, days: days) { shifts += 1 }
                        for age in lookups.ages {
                            let identifier = patient + "\u{0}" + String(age)
                            if let value = try old.existingValue(kind: "age-surrogate", identifier: identifier),
                                try new.insert(kind: "age-surrogate", identifier: identifier, value: value)
                            {
                                copied += 1
                            }
                        }
                    }
                }
                let (values, oldShifts) = try old.counts()
                Diagnostics.error(
                    "copied \(copied) of \(values) values and \(shifts) of \(oldShifts) date shifts into \(newVault); "
                        + "entries of identifiers not in these letters were left behind")
                if failed > 0 { throw ExitCode(ExitStatus.failure) }
            }
        }
    }
}
