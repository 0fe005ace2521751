import Foundation
import IMRRedactKit
import Testing

/// JSON Lines records are read straight from their bytes when they are plain (`FastRecord`),
/// by `JSONDecoder` otherwise: either way a record gives the same id and text as JSON itself
/// says (checked against `JSONSerialization`), and a line JSON rejects is rejected.
@Suite struct JSONLinesDecodeTests {
    func decode(_ line: String) -> Result<Document, InputFailure> {
        PendingDocument.jsonLine(Array(line.utf8), location: "in.jsonl:1").decoded()
    }

    /// What `JSONSerialization` makes of the line's id and text.
    func expected(_ line: String) throws -> (id: String, text: [UInt8]) {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let id: String
        if let string = object["id"] as? String { id = string } else { id = try #require((object["id"] as? NSNumber)?.stringValue) }
        return (id, Array(try #require(object["text"] as? String).utf8))
    }

    @Test(arguments: [
        #"{"id": "a-1", "text": "Seen on 3/5/12.\nPain 6/10."}"#,
        #"{"text":"tab\there \"quoted\" back\\slash \/ \b\f\r","id":"x"}"#,
        #"{"id": 42, "text": "numbered"}"#,
        #"{"id": -7, "text": "negative"}"#,
        #"  {"id":"é-ü","text":"Ångström \u00e9 \u2014 \ud83d\ude00 ok"}  "#,
        #"{"id": "k", "text": "", "source": "fax", "note": "a string member is skipped"}"#,
        #"{"id": "k2", "text": "x", "pages": 3, "spans": [{"start": 0}]}"#,
        #"{"\u0069d": "escaped key", "text": "still the id"}"#,
        #"{"id": "nul", "text": "a\u0000b"}"#,
        // Read by JSONDecoder (not plain): -0, a 19-digit id, an exponent.
        #"{"id": -0, "text": "minus zero"}"#,
        #"{"id": 1234567890123456789, "text": "long id"}"#,
        #"{"id": "e", "text": "x", "n": 1e2}"#,
    ])
    func aRecordGivesTheIdAndTextJSONSays(line: String) throws {
        let want = try expected(line)
        let got = try decode(line).get()
        #expect(got.id == want.id)
        #expect(got.text == want.text)
    }

    @Test func theIdIsEchoedAsItsJSONValue() throws {
        #expect(try decode(#"{"id": 42, "text": "x"}"#).get().jsonID == Array("42".utf8))
        #expect(try decode(#"{"id": "a\"b", "text": "x"}"#).get().jsonID == Array(#""a\"b""#.utf8))
    }

    @Test(arguments: [
        "{\"id\": \"a\", \"text\": \"raw\tcontrol\"}",
        #"{"id": "a", "text": "lone \udc00 surrogate"}"#,
        #"{"id": "a", "text": "truncated"#,
        #"{"id": "a"}"#,
        #"{"text": "no id"}"#,
        #"{"id": 1.5, "text": "x"}"#,
        #"{"id": true, "text": "x"}"#,
        #"{"id": "a", "text": 7}"#,
        #"["id", "text"]"#,
        #"{"id": "a", "text": "x"} trailing"#,
        #"{"id": "a", "text": "bad \q escape"}"#,
    ])
    func aLineJSONRejectsIsRejected(line: String) {
        guard case .failure = decode(line) else {
            Issue.record("accepted: \(line.count) bytes")
            return
        }
    }

    @Test func invalidUTF8IsRejectedWithItsOffset() {
        var line = Array(#"{"id": "a", "text": "ab"}"#.utf8)
        line[22] = 0xFF
        guard case .failure(let failure) = PendingDocument.jsonLine(line, location: "in.jsonl:1").decoded() else {
            Issue.record("accepted")
            return
        }
        #expect("\(failure.error)".contains("invalid UTF-8 at byte 22"))
    }
}
