import IMRRedactKit
import Testing

@Suite struct ValueMaskTests {
    @Test(arguments: [
        ("Maria Gonzalez", "M**** G*******"),
        ("3/5/12", "3/*/**"),
        ("(559) 555-0142", "(***) 5**-****"),
        ("O'Rourke", "O'******"),
        ("dr.chu@valleyspine.example", "d*.***@***********.*******"),
        ("Kevin\nO'Rourke", "K**** O'******"),
        ("José  Ávila", "J*** Á****"),
        ("43", "4*"),
        ("XXX-XX-1234", "X**-**-****"),
        ("A\u{81}B", "A**"),
        // A word of one letter or digit shows nothing, so a spaced-out value is never shown whole.
        ("4 8 2 9 1 7 3 5", "* * * * * * * *"),
        ("0 3 / 0 5 / 2 0 1 2", "* * / * * / * * * *"),
        ("Z. Q. Tarrow", "*. *. T*****"),
        ("A.G.M.", "A.*.*."),
        ("(5) 5", "(*) *"),
    ])
    func masksEveryLetterAndDigitButEachWordsFirst(value: String, masked: String) {
        #expect(ValueMask.mask(value) == masked)
    }
}
