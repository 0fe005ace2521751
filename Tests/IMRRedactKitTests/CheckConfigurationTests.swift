import Foundation
import IMRRedactKit
import IMRTestSupport
import Testing

@Suite struct CheckConfigurationTests {
    @Test func readsTheCheckTableAndResolvesPathsFromTheFilesFolder() throws {
        let text = "[check]\nexclude = [\"*.json\"]\nbaseline = \"conf/base.json\"\nkey-file = \"../key\"\n"
        let document = try TOMLSubsetReader.parse(text, file: "/repo/.imr-redact.toml")
        let settings = try CheckConfiguration(document: document, file: "/repo/.imr-redact.toml")
        #expect(settings.exclude == ["*.json"])
        #expect(settings.baseline == "/repo/conf/base.json")
        #expect(settings.keyFile == "/key")
    }

    @Test(arguments: [
        ("exclude = [\"a\"]\n", 1, "key 'exclude' must be under [check]"),
        ("[check]\nexclude = \"a\"\n", 2, "'exclude' must be an array of strings, not a string"),
        ("[check]\nbaseline = true\n", 2, "'baseline' must be a string, not a boolean"),
        ("[check]\nkey-file = []\n", 2, "'key-file' must be a string, not an array of strings"),
        ("[check]\nexcludes = []\n", 2, "unknown key 'excludes' in [check] (known: exclude, baseline, key-file)"),
        ("[redact]\nx = 1\n", 1, "unknown table [redact]; only [check] is read"),
    ])
    func rejectsUnknownKeysAndWrongTypes(text: String, line: Int, message: String) throws {
        let document = try TOMLSubsetReader.parse(text, file: "c.toml")
        #expect(throws: CheckError.configuration(file: "c.toml", line: line, message: message)) {
            try CheckConfiguration(document: document, file: "c.toml")
        }
    }

    @Test func aMissingFileMeansDefaultsAndInvalidUTF8NamesTheLine() throws {
        let folder = try Fixtures.temporaryDirectory()
        #expect(try CheckConfiguration.discover(root: folder.path) == CheckConfiguration())
        let file = folder.appendingPathComponent(".imr-redact.toml")
        try Data([0x5B, 0x63, 0x5D, 0x0A, 0x61, 0xFF]).write(to: file)
        #expect(throws: CheckError.configuration(file: file.path, line: 2, message: "not valid UTF-8")) {
            try CheckConfiguration.discover(root: folder.path)
        }
    }
}
