/// The header labels IMR letters use, what each names, and what role its value plays.
///
/// Labels are matched case-insensitively with runs of white space collapsed, and only as a
/// label: at the start of a line or of a column (after two or more spaces), followed by a colon
/// (or by dot leaders: `Employee ....... value`).
enum HeaderLabels {
    struct Label {
        let text: [UInt8]
        let key: String
        let role: FieldRole
    }

    /// Longest first, so that `IMR Case Number` wins over `Case Number`.
    static let all: [Label] = {
        let table: [(String, String, FieldRole)] = [
            ("case number", "case_number", .identifier), ("imr case number", "case_number", .identifier),
            ("maximus case number", "case_number", .identifier), ("imr case no.", "case_number", .identifier),
            ("imr case", "case_number", .identifier), ("case no.", "case_number", .identifier),
            ("date assigned", "date_assigned", .date),
            ("date of injury", "date_of_injury", .date), ("doi", "date_of_injury", .date),
            ("date of injury/illness", "date_of_injury", .date),
            ("decision date", "decision_date", .date), ("date of decision", "decision_date", .date),
            ("ur denial date", "ur_denial_date", .date), ("ur decision date", "ur_denial_date", .date),
            ("date of ur decision", "ur_denial_date", .date), ("date of ur denial", "ur_denial_date", .date),
            ("ur date", "ur_denial_date", .date), ("ur", "ur_denial_date", .date),
            ("application received", "application_received", .date),
            ("imr application received", "application_received", .date),
            ("date application received", "application_received", .date),
            ("rec'd", "application_received", .date), ("received", "application_received", .date),
            ("priority", "priority", .plain),
            ("claim number", "claim_number", .identifier), ("claim no.", "claim_number", .identifier),
            ("claim no", "claim_number", .identifier), ("claim #", "claim_number", .identifier),
            ("claim", "claim_number", .identifier), ("claim numbers", "claim_number", .identifier),
            ("eams case no.", "eams_number", .identifier), ("eams case number", "eams_number", .identifier),
            ("eams number", "eams_number", .identifier), ("eams no.", "eams_number", .identifier),
            ("eams", "eams_number", .identifier), ("adj number", "eams_number", .identifier),
            ("wcab case no.", "eams_number", .identifier), ("wcab number", "eams_number", .identifier),
            ("ur reference number", "ur_reference", .identifier), ("ur ref no.", "ur_reference", .identifier),
            ("employee", "employee", .patient), ("applicant", "employee", .patient),
            ("injured worker", "employee", .patient), ("patient", "employee", .patient),
            ("employee name", "employee", .patient), ("patient name", "employee", .patient),
            ("claimant", "employee", .patient), ("enrollee", "employee", .patient), ("member", "employee", .patient),
            ("employer", "employer", .organisation),
            ("claims administrator", "claims_administrator", .organisation),
            ("claims admin", "claims_administrator", .organisation), ("insurer", "claims_administrator", .organisation),
            ("carrier", "claims_administrator", .organisation), ("insurance carrier", "claims_administrator", .organisation),
            ("third party administrator", "claims_administrator", .organisation),
            ("requesting provider", "provider", .provider), ("requesting physician", "provider", .provider),
            ("treating provider", "provider", .provider), ("treating physician", "provider", .provider),
            ("provider", "provider", .provider), ("physician", "provider", .provider),
            ("primary treating physician", "provider", .provider), ("requesting doctor", "provider", .provider),
            ("treating provider specialty", "provider_specialty", .plain),
            ("requesting provider specialty", "provider_specialty", .plain),
            ("dated", "letter_date", .date), ("date", "letter_date", .date), ("letter date", "letter_date", .date),
            ("date of birth", "date_of_birth", .date), ("dob", "date_of_birth", .date),
            ("to", "to", .person), ("from", "from", .person), ("attn", "attention", .person),
            ("attention", "attention", .person), ("adjuster", "adjuster", .person),
            ("claims examiner", "adjuster", .person), ("examiner", "adjuster", .person),
            ("applicant attorney", "attorney", .person), ("defense attorney", "attorney", .person),
            ("attorney", "attorney", .person),
            ("firm", "firm", .organisation), ("law firm", "firm", .organisation),
            ("fax", "fax", .contact), ("phone", "phone", .contact), ("tel", "phone", .contact),
            ("telephone", "phone", .contact), ("direct", "phone", .contact), ("e-mail", "email", .contact),
            ("email", "email", .contact),
            ("address", "address", .plain),
        ]
        return table.map { Label(text: Array($0.0.utf8), key: $0.1, role: $0.2) }
            .sorted { $0.text.count > $1.text.count }
    }()

    /// Labels by their first byte (lower case), longest first.
    static let byFirstByte: [[Label]] = {
        var table = [[Label]](repeating: [], count: 256)
        for label in all { table[Int(label.text[0])].append(label) }
        return table
    }()

    /// The label that `chunk` (one column of a line) opens with, followed by a colon, and the
    /// offset just after that colon. White space inside a label may be one or more spaces.
    static func label(at start: Int, in text: UnsafeBufferPointer<UInt8>, end: Int) -> (Label, Int)? {
        guard start < end else { return nil }
        for label in byFirstByte[Int(KeywordIndex.lower(text[start]))] {
            var position = start
            var matched = true
            for byte in label.text {
                guard position < end else {
                    matched = false
                    break
                }
                if byte == 0x20 {
                    guard text[position] == 0x20 else {
                        matched = false
                        break
                    }
                    while position < end && text[position] == 0x20 { position += 1 }
                    continue
                }
                if KeywordIndex.lower(text[position]) != byte {
                    matched = false
                    break
                }
                position += 1
            }
            guard matched else { continue }
            var colon = position
            while colon < end && text[colon] == 0x20 { colon += 1 }
            if colon < end && text[colon] == UInt8(ascii: ":") { return (label, colon + 1) }
            // Dot leaders instead of a colon (`Employee ........ value`): three dots or more, then
            // a space.
            var dots = colon
            while dots < end && text[dots] == UInt8(ascii: ".") { dots += 1 }
            if dots - colon >= 3, dots < end, text[dots] == 0x20 { return (label, dots) }
        }
        return nil
    }
}
