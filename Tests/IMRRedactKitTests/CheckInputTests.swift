import IMRRedactKit
import Testing

@Suite struct CheckInputTests {
    @Test func bytes0x80to0x9FDecodeToTheWindows1252Characters() {
        // Python's cp1252 codec for the defined bytes; the five undefined ones are the C1 controls.
        let expected: [UInt32] = [
            0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160, 0x2039, 0x152, 0x8D,
            0x17D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x2DC, 0x2122, 0x161, 0x203A,
            0x153, 0x9D, 0x17E, 0x178,
        ]
        let decoded = String(decoding: Windows1252.decodeToUTF8(Array(0x80...0x9F)), as: UTF8.self)
        #expect(decoded.unicodeScalars.map(\.value) == expected)
        // Not Latin-1: 0x93/0x94 are curly quotes, 0x80 is the euro sign.
        #expect(
            String(decoding: Windows1252.decodeToUTF8([0x93, 0x41, 0x94, 0x80]), as: UTF8.self) == "\u{201C}A\u{201D}€"
        )
        // 0xA0-0xFF are Latin-1.
        #expect(String(decoding: Windows1252.decodeToUTF8([0xE9, 0xF1, 0xFF]), as: UTF8.self) == "éñÿ")
    }

    @Test func validUTF8IsScannedAsItIs() {
        let bytes = Array("José García, 3/5/12".utf8)
        #expect(CheckInput.classify(bytes) == .text(CheckText(bytes: bytes, encoding: .utf8)))
    }

    @Test func invalidUTF8IsDecodedAsWindows1252() {
        let input: [UInt8] = Array("Jos".utf8) + [0xE9] + Array(" ".utf8) + [0x93, 0x78, 0x94]
        #expect(CheckInput.classify(input) == .text(CheckText(bytes: Array("José “x”".utf8), encoding: .windows1252)))
    }

    @Test func aNULInTheFirst8000BytesIsBinaryAndLaterItIsText() {
        #expect(CheckInput.classify([0x41, 0x00, 0x42]) == .binary)
        var early = [UInt8](repeating: 0x41, count: 9000)
        early[7999] = 0
        #expect(CheckInput.classify(early) == .binary)
        var late = [UInt8](repeating: 0x41, count: 9000)
        late[8000] = 0
        guard case .text(let text) = CheckInput.classify(late) else {
            Issue.record("a NUL after 8000 bytes is text, as git has it")
            return
        }
        #expect(text.bytes.count == 9000 && text.bytes[8000] == 0x20 && !text.bytes.contains(0))
    }

    @Test func anEmptyFileIsEmpty() {
        #expect(CheckInput.classify([]) == .empty)
    }

    @Test func columnsCountCodePointsFromOne() {
        let bytes = Array("ab\nJosé García\r\nx".utf8)
        let index = TextPositions(bytes)
        #expect(index.position(of: 0, in: bytes) == TextPosition(line: 1, column: 1))
        let garcia = bytes.firstIndex(of: UInt8(ascii: "G")) ?? -1
        // "José " is five characters (six bytes).
        #expect(index.position(of: garcia, in: bytes) == TextPosition(line: 2, column: 6))
        #expect(index.position(of: bytes.count - 1, in: bytes) == TextPosition(line: 3, column: 1))
        #expect(index.position(of: bytes.count, in: bytes) == TextPosition(line: 3, column: 2))
        // A cursor over increasing offsets gives the same positions as one lookup each.
        var cursor = TextPositions.Cursor(index, bytes: bytes)
        for offset in 0...bytes.count {
            #expect(cursor.position(of: offset) == index.position(of: offset, in: bytes))
        }
    }
}
