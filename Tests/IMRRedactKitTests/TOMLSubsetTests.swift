import IMRRedactKit
import Testing

@Suite struct TOMLSubsetTests {
    @Test func readsTheSupportedSubset() throws {
        let text = """
            # settings
            top = true

            [check]   # the check table
            exclude = [
              "fixtures/**",  # generated
              'C:\\raw\\*.txt',
              "tab\\there \\u00e9\\U0001F600",
            ]
            baseline = "base line.json"
            count = -1_000
            zero = 0
            empty = []
            [check.sub]
            flag = false
            """
        let document = try TOMLSubsetReader.parse(text, file: "t.toml")
        #expect(document.tables[""]?["top"] == .init(value: .boolean(true), line: 2))
        let check = try #require(document.tables["check"])
        #expect(
            check["exclude"] == .init(value: .stringArray(["fixtures/**", "C:\\raw\\*.txt", "tab\there é😀"]), line: 5)
        )
        #expect(check["baseline"]?.value == .string("base line.json"))
        #expect(check["count"]?.value == .integer(-1000))
        #expect(check["zero"]?.value == .integer(0))
        #expect(check["empty"]?.value == .stringArray([]))
        #expect(document.tables["check.sub"]?["flag"]?.value == .boolean(false))
        #expect(document.tableLines["check"] == 4)
    }

    @Test func acceptsCRLFLineEnds() throws {
        let document = try TOMLSubsetReader.parse("[check]\r\nbaseline = \"b\"\r\n", file: "t.toml")
        #expect(document.tables["check"]?["baseline"] == .init(value: .string("b"), line: 2))
    }

    @Test(arguments: [
        ("[check]\nratio = 1.5\n", 2, "only decimal integers are supported (no floats, dates or other bases)"),
        ("[check]\nwhen = 2024-01-01\n", 2, "only decimal integers are supported (no floats, dates or other bases)"),
        ("[check]\nt = { a = 1 }\n", 2, "inline tables are not supported"),
        ("[[check]]\n", 1, "arrays of tables ([[...]]) are not supported"),
        ("[check]\ns = \"\"\"x\"\"\"\n", 2, "multi-line strings are not supported"),
        ("[check]\na.b = 1\n", 2, "dotted keys are not supported; use a [table] header"),
        ("[check]\n\"a\" = 1\n", 2, "quoted keys are not supported"),
        ("[check]\na = 1\na = 2\n", 3, "key 'a' is defined twice"),
        ("[check]\n[check]\n", 2, "table [check] is defined twice"),
        ("[check]\na = \"x\n", 2, "unterminated string"),
        ("[check]\na = [\"x\", 1]\n", 2, "arrays may hold only strings"),
        ("[check]\na = [\"x\"\n", 3, "unterminated array"),
        ("[check]\na = bare\n", 2, "unsupported value (strings must be quoted)"),
        ("[check]\na = \"x\" b\n", 2, "unexpected text after the value"),
        ("[check]\na = 007\n", 2, "invalid integer '007'"),
        ("[check]\na = \"\\q\"\n", 2, "invalid escape '\\q'"),
        ("[check\n", 1, "expected ']' to close the table header"),
        ("[check]\n= 1\n", 2, "expected a key"),
        ("[check]\na 1\n", 2, "expected '=' after the key 'a'"),
    ])
    func rejectsEverythingElseWithTheLine(text: String, line: Int, message: String) {
        #expect(throws: CheckError.configuration(file: "t.toml", line: line, message: message)) {
            try TOMLSubsetReader.parse(text, file: "t.toml")
        }
    }
}
