import IMRRedactKit
import Testing

@Suite struct AllowDirectivesTests {
    @Test func allowCommentsCoverTheirLineOrTheNext() {
        let text = Array(
            """
            one imr-redact:allow
            two # imr-redact:allow-next-line
            three
            four <!-- imr-redact:allowed is not a marker -->
            five imr-redact:allow-next-lines is not one either
            six
            seven imr-redact:allow-next-line
            """.utf8
        )
        #expect(AllowDirectives(text, lines: TextPositions(text)).lines == [1, 3, 8])
    }
}
