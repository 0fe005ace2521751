/// The properties of an XMP packet with text values: each element whose content is text
/// (`<pdf:Producer>...</pdf:Producer>`, or an `rdf:li` item, named by the property that holds
/// it: `dc:creator`), and the properties written as attributes of `rdf:Description`
/// (`pdf:Producer="..."`). Not a full XML parser: enough to see every value a packet shows.
enum XMPFields {
    /// The fields of `packet` (UTF-8, or Latin-1 when it is not valid UTF-8), in packet order.
    static func fields(of packet: [UInt8]) -> [PDFMetadataField] {
        let valid = packet.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset($0) == nil }
        let bytes = valid ? packet : Windows1252.decodeToUTF8(packet)
        var fields: [PDFMetadataField] = []
        var stack: [String] = []
        var index = 0
        var textStart = 0
        func property() -> String? {
            // The innermost element that is not RDF's own structure.
            stack.last { !$0.hasPrefix("rdf:") && !$0.hasPrefix("x:") }
        }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            // Text between the last tag and this one.
            if index > textStart, let name = property() {
                let value = decodeEntities(bytes[textStart..<index])
                if !value.allSatisfy(\.isWhitespace) {
                    fields.append(PDFMetadataField(source: .xmp, name: name, value: value.trimmingWhitespace()))
                }
            }
            guard let close = bytes[index...].firstIndex(of: UInt8(ascii: ">")) else { break }
            let tag = bytes[(index + 1)..<close]
            index = close + 1
            textStart = index
            guard let first = tag.first else { continue }
            if first == UInt8(ascii: "?") || first == UInt8(ascii: "!") { continue }
            if first == UInt8(ascii: "/") {
                if !stack.isEmpty { stack.removeLast() }
                continue
            }
            let selfClosing = tag.last == UInt8(ascii: "/")
            let body = selfClosing ? tag.dropLast() : tag
            let nameEnd = body.firstIndex { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 } ?? body.endIndex
            let name = String(decoding: body[body.startIndex..<nameEnd], as: UTF8.self)
            // Attributes: properties in short form (`pdf:Producer="..."`), not namespaces or RDF's own.
            for (attribute, value) in attributes(body[nameEnd...])
            where !attribute.hasPrefix("xmlns") && !attribute.hasPrefix("rdf:") && !attribute.hasPrefix("x:")
                && !attribute.hasPrefix("xml:") && !value.allSatisfy(\.isWhitespace)
            {
                fields.append(PDFMetadataField(source: .xmp, name: attribute, value: value.trimmingWhitespace()))
            }
            if !selfClosing { stack.append(name) }
        }
        return fields
    }

    /// `name="value"` and `name='value'` pairs.
    static func attributes(_ bytes: ArraySlice<UInt8>) -> [(String, String)] {
        var result: [(String, String)] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            guard let equals = bytes[index...].firstIndex(of: UInt8(ascii: "=")) else { break }
            let name = String(decoding: bytes[index..<equals], as: UTF8.self).trimmingWhitespace()
            var quote = equals + 1
            while quote < bytes.endIndex && bytes[quote] != UInt8(ascii: "\"") && bytes[quote] != UInt8(ascii: "'") { quote += 1 }
            guard quote < bytes.endIndex else { break }
            guard let end = bytes[(quote + 1)...].firstIndex(of: bytes[quote]) else { break }
            result.append((name, decodeEntities(bytes[(quote + 1)..<end])))
            index = end + 1
        }
        return result
    }

    /// XML's five named entities and numeric character references.
    static func decodeEntities(_ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.contains("&") else { return text }
        var out = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";"), rest.distance(from: amp, to: semi) <= 10 else {
                out.append("&")
                rest = rest[rest.index(after: amp)...]
                continue
            }
            let entity = rest[rest.index(after: amp)..<semi]
            switch entity {
            case "amp": out.append("&")
            case "lt": out.append("<")
            case "gt": out.append(">")
            case "quot": out.append("\"")
            case "apos": out.append("'")
            default:
                var scalar: Unicode.Scalar?
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                    scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if entity.hasPrefix("#") {
                    scalar = UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init)
                }
                if let scalar { out.unicodeScalars.append(scalar) } else { out += rest[amp...semi] }
            }
            rest = rest[rest.index(after: semi)...]
        }
        out += rest
        return out
    }
}

extension String {
    /// The string without leading and trailing whitespace.
    func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
