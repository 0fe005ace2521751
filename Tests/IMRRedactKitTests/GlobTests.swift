import IMRRedactKit
import Testing

@Suite struct GlobTests {
    @Test(arguments: [
        ("*.json", "a/b/c.json", true),
        ("*.json", "a/b/c.txt", false),
        ("legacy", "fixtures/legacy/a.txt", true),
        ("legacy", "fixtures/legacy.txt", false),
        ("fixtures/*.txt", "fixtures/a.txt", true),
        ("fixtures/*.txt", "fixtures/sub/a.txt", false),
        ("fixtures/*.txt", "other/fixtures/a.txt", false),
        ("/fixtures/raw", "fixtures/raw/deep/a.txt", true),
        ("./fixtures/raw/", "fixtures/raw/a.txt", true),
        ("fixtures/raw/", "fixtures/raw", false),
        ("fixtures/**/raw", "fixtures/a/b/raw/x.txt", true),
        ("fixtures/**/raw", "fixtures/raw/x.txt", true),
        ("**/*.txt", "a.txt", true),
        ("fixtures/**", "fixtures/a/b.txt", true),
        ("letter-?.txt", "letter-1.txt", true),
        ("letter-?.txt", "letter-12.txt", false),
        ("letter-[0-9].txt", "letter-7.txt", true),
        ("letter-[!0-9].txt", "letter-7.txt", false),
        ("letter-[!0-9].txt", "letter-x.txt", true),
        ("*", "anything/at/all.txt", true),
        ("a*b*c", "axxbyyc", true),
        ("a*b*c", "axxbyy", false),
    ])
    func matchesLikeGitignore(pattern: String, path: String, excluded: Bool) throws {
        #expect(try Glob(pattern).matches(path) == excluded)
    }

    @Test func rejectsAnEmptyPatternAndAnUnclosedClass() {
        #expect(throws: CheckError.self) { try Glob("") }
        #expect(throws: CheckError.self) { try Glob("/") }
        #expect(throws: CheckError.usage("exclude pattern 'a[bc' has an unclosed '['")) { try Glob("a[bc") }
    }
}
