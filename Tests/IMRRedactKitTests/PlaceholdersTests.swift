import IMRRedactKit
import Testing

@Suite struct PlaceholdersTests {
    @Test func findsTheToolsPlaceholdersOnly() {
        let text = Array("By [PROVIDER] on [DATE], [PATIENT-2], [ID-3A3WC9YR]; not [NOTE], [ID-], [ID-x1], [date] or [ORG".utf8)
        let found = Placeholders.ranges(in: text).map { String(decoding: text[$0], as: UTF8.self) }
        #expect(found == ["[PROVIDER]", "[DATE]", "[PATIENT-2]", "[ID-3A3WC9YR]"])
    }

    @Test func aSpanIsCoveredOnlyWhenAllItsLettersAreInPlaceholders() {
        let text = Array("Employer: [ORG]\nDr. [PROVIDER] Smith, [DATE]-[DATE]".utf8)
        let placeholders = Placeholders.ranges(in: text)
        func span(_ needle: String) -> Range<Int> {
            let bytes = Array(needle.utf8)
            for start in 0...(text.count - bytes.count) where Array(text[start..<(start + bytes.count)]) == bytes {
                return start..<(start + bytes.count)
            }
            return 0..<0
        }
        #expect(Placeholders.covers(span("[ORG]"), in: text, placeholders: placeholders))
        #expect(Placeholders.covers(span("[DATE]-[DATE]"), in: text, placeholders: placeholders))
        #expect(Placeholders.covers(span("ORG"), in: text, placeholders: placeholders))
        #expect(!Placeholders.covers(span("[PROVIDER] Smith"), in: text, placeholders: placeholders))
        #expect(!Placeholders.covers(span("Employer"), in: text, placeholders: placeholders))
    }
}
