/// Identifier findings that the letter's structure gives: a header value is what its label
/// says it is (Employee → PATIENT, Requesting Provider → PROVIDER, Employer → ORG, Claim Number
/// → ID, any date label → DATE ...); the addressee under the letter date; the entries of a cc list.
enum StructureFindings {
    static func findings(
        _ structure: LetterStructure, in text: UnsafeBufferPointer<UInt8>, ruleSet: RuleSet, into findings: inout [Finding]
    ) {
        func add(_ range: Range<Int>?, _ rule: StructuralRule) {
            guard let range, !range.isEmpty else { return }
            findings.append(Finding(start: range.lowerBound, end: range.upperBound, rule: ruleSet.index(of: rule)))
        }
        for entry in structure.labelled {
            let range = entry.span.range
            switch entry.role {
            case .patient: add(nameRange(range, in: text, cutAtComma: false), .headerPatient)
            // A provider's or person's slot holding no capital letter holds no name (`To: the
            // claims unit`); the patient's slot is masked whatever it holds.
            case .provider: add(nameRange(range, in: text, cutAtComma: true).flatMap { hasCapital($0, in: text) ? $0 : nil }, .headerProvider)
            case .person: add(nameRange(range, in: text, cutAtComma: true).flatMap { hasCapital($0, in: text) ? $0 : nil }, .headerPerson)
            case .organisation:
                if let (organisation, person) = splitContact(range, in: text) {
                    add(organisation, .headerOrg)
                    add(nameRange(person, in: text, cutAtComma: true), .headerPerson)
                } else {
                    add(range, .headerOrg)
                }
            case .date: if containsDigit(range, in: text) { add(range, .headerDate) }
            case .identifier: if containsDigit(range, in: text) { add(firstToken(range, in: text), .headerID) }
            case .contact: if containsDigit(range, in: text) || contains(UInt8(ascii: "@"), range, in: text) { add(range, .headerContact) }
            case .age, .plain: break
            }
        }
        if let name = structure.addressee.first, looksLikeName(name.range, in: text, lexicons: ruleSet.lexicons) {
            let patientWords = structure.fields["employee"].map { words($0.range, in: text) } ?? []
            let isPatient = patientWords.isEmpty || !patientWords.isDisjoint(with: words(name.range, in: text))
            add(nameRange(name.range, in: text, cutAtComma: true), isPatient ? .addresseeName : .ccPerson)
        }
        for entry in structure.ccEntries {
            // An entry that ends in an organisation's head noun or company word is one (`Salt
            // Creek Dairy`, `X Y LLP`), however name-like its other words.
            if endsInOrganisationWord(entry.range, in: text) {
                add(entry.range, .ccOrg)
            } else if looksLikeName(entry.range, in: text, lexicons: ruleSet.lexicons) {
                add(entry.range, followedByCredential(entry.range.upperBound, in: text) ? .ccProvider : .ccPerson)
            } else if isOrganisation(entry.range, in: text, lexicons: ruleSet.lexicons) {
                add(entry.range, .ccOrg)
            }
        }
    }

    /// The name in a header value: without a leading title, and (for providers and persons)
    /// without what follows the first comma or parenthesis (credentials, specialty, firm).
    static func nameRange(_ range: Range<Int>, in text: UnsafeBufferPointer<UInt8>, cutAtComma: Bool) -> Range<Int>? {
        var start = range.lowerBound
        for title in ["Dr. ", "DR. ", "Mr. ", "MR. ", "Ms. ", "MS. ", "Mrs. ", "MRS. ", "Miss "] where starts(text, at: start, with: title) {
            start += title.utf8.count
            break
        }
        var end = range.upperBound
        if cutAtComma {
            var offset = start
            while offset < end {
                let byte = text[offset]
                if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ";") {
                    end = offset
                    break
                }
                offset += 1
            }
        }
        while end > start && (text[end - 1] == 0x20 || text[end - 1] == UInt8(ascii: ",")) { end -= 1 }
        guard start < end, containsLetter(start..<end, in: text) else { return nil }
        return start..<end
    }

    /// Whether `range` holds a capital letter (ASCII, or any non-ASCII letter, which may be one).
    static func hasCapital(_ range: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        range.contains { text[$0] >= 0x41 && text[$0] <= 0x5A || text[$0] >= 0x80 }
    }

    /// Whether `, MD`, `, DC`, `, L.Ac.` ... follows `offset`.
    static func followedByCredential(_ offset: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        let credentials = [
            "MD", "M.D.", "DO", "D.O.", "DC", "D.C.", "L.Ac.", "L.AC.", "LAc", "PA-C", "NP", "FNP", "DPM", "DDS", "PhD",
            "Ph.D.", "PsyD", "Psy.D.", "DPT", "PT", "OTR", "OT", "RN", "LCSW", "MFT",
        ]
        guard starts(text, at: offset, with: ", ") else { return false }
        for credential in credentials where starts(text, at: offset + 2, with: credential) {
            let end = offset + 2 + credential.utf8.count
            if end >= text.count || !KeywordIndex.isWordByte(text[end]) || text[end - 1] == UInt8(ascii: ".") { return true }
        }
        return false
    }

    /// `Org, Attn: Person` or `Org, Examiner Person`: the two parts.
    static func splitContact(_ range: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> (Range<Int>, Range<Int>)? {
        let markers = [
            ", Attn: ", ", ATTN: ", ", Attention: ", ", Examiner: ", ", Examiner ", ", Adjuster: ", ", Adjuster ",
            ", Claims Examiner: ", ", Claims Examiner ", ", c/o ", ", Contact: ",
        ]
        var offset = range.lowerBound
        while offset < range.upperBound {
            if text[offset] == UInt8(ascii: ",") {
                for marker in markers where starts(text, at: offset, with: marker) {
                    let after = offset + marker.utf8.count
                    guard after < range.upperBound else { return nil }
                    return (range.lowerBound..<offset, after..<range.upperBound)
                }
            }
            offset += 1
        }
        return nil
    }

    /// The first white-space-separated token of an identifier value (`05-77831-A` of
    /// `05-77831-A (WC)`), or the whole value when it has no space.
    static func firstToken(_ range: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var end = range.lowerBound
        while end < range.upperBound && text[end] != 0x20 { end += 1 }
        return containsDigit(range.lowerBound..<end, in: text) ? range.lowerBound..<end : range
    }

    /// Two to five words, each starting with a capital (initials and particles allowed), none
    /// an organisation word, no digit.
    static func looksLikeName(_ range: Range<Int>, in text: UnsafeBufferPointer<UInt8>, lexicons: Lexicons) -> Bool {
        let pieces = String(decoding: UnsafeBufferPointer(rebasing: text[range]), as: UTF8.self).split(separator: " ")
        guard (2...5).contains(pieces.count), !containsDigit(range, in: text) else { return false }
        for piece in pieces {
            let lower = Array(piece.lowercased().utf8)
            let trimmed = Array(piece.lowercased().trimmingCharacters(in: .punctuationCharacters).utf8)
            if lexicons.orgGeneric.contains(trimmed) || lexicons.stopwords.contains(trimmed) { return false }
            if lexicons.particles.contains(lower) { continue }
            guard let first = piece.unicodeScalars.first, first.properties.isUppercase else { return false }
        }
        return true
    }

    /// Company words that end an organisation's name (`LLP`, `Inc.`), besides the head nouns of
    /// `org-heads.txt`.
    static let companyWords: Set<String> = ["inc", "llc", "llp", "lp", "corp", "co", "company", "ltd", "apc", "pc", "plc", "pllc"]

    /// Whether the last word of `range` is an organisation's head noun or a company word.
    static func endsInOrganisationWord(_ range: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let last = Words.ranges(in: text, within: range).last, last.lowerBound > range.lowerBound else { return false }
        let word = String(decoding: UnsafeBufferPointer(rebasing: text[last]), as: UTF8.self).lowercased()
            .trimmingCharacters(in: .punctuationCharacters)
        return companyWords.contains(word) || WordLexicon.shared.classes(of: word).contains(.orgHead)
    }

    static func isOrganisation(_ range: Range<Int>, in text: UnsafeBufferPointer<UInt8>, lexicons: Lexicons) -> Bool {
        let pieces = String(decoding: UnsafeBufferPointer(rebasing: text[range]), as: UTF8.self).split(separator: " ")
        guard pieces.count >= 2, let first = pieces.first?.unicodeScalars.first, first.properties.isUppercase else { return false }
        return pieces.contains { lexicons.orgGeneric.contains(Array($0.lowercased().trimmingCharacters(in: .punctuationCharacters).utf8)) }
            || pieces.contains("&")
    }

    static func words(_ range: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Set<String> {
        Set(
            String(decoding: UnsafeBufferPointer(rebasing: text[range]), as: UTF8.self).lowercased()
                .split { !$0.isLetter }.filter { $0.count > 1 }.map(String.init))
    }

    static func starts(_ text: UnsafeBufferPointer<UInt8>, at offset: Int, with prefix: String) -> Bool {
        var position = offset
        for byte in prefix.utf8 {
            guard position < text.count, text[position] == byte else { return false }
            position += 1
        }
        return true
    }

    static func containsDigit(_ range: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        range.contains { text[$0] >= 0x30 && text[$0] <= 0x39 }
    }

    static func containsLetter(_ range: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        range.contains { (text[$0] | 0x20) >= 0x61 && (text[$0] | 0x20) <= 0x7A || text[$0] >= 0xC0 }
    }

    static func contains(_ byte: UInt8, _ range: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        range.contains { text[$0] == byte }
    }
}
