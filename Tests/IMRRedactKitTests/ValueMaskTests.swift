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
    ])
    func masksEveryLetterAndDigitButEachWordsFirst(value: String, masked: String) {
        #expect(ValueMask.mask(value) == masked)
    }
}
