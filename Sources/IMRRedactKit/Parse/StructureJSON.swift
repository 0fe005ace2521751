/// `imr-redact parse` output: one JSON object per letter.
extension LetterStructure {
    /// The field keys in the order they are written; other keys follow in letter order.
    static let fieldOrder = [
        "case_number", "date_assigned", "date_of_injury", "decision_date", "ur_denial_date", "application_received",
        "priority", "claim_number", "employee", "employer", "claims_administrator", "provider", "letter_date",
    ]

    /// Appends `{"id": ..., "layout": ..., "fields": {...}, "sections": [...], "demographics": {...},
    /// "reviewer": {...}, "items": [...]}` and a newline. `id` is already a JSON value.
    public func appendJSON(id: [UInt8], to out: inout [UInt8]) {
        func key(_ name: String) {
            JSONOutput.appendString(name, to: &out)
            out.append(UInt8(ascii: ":"))
        }
        func span(_ span: TextSpan?) {
            guard let span else {
                out += Array("null".utf8)
                return
            }
            out.append(UInt8(ascii: "{"))
            key("value")
            JSONOutput.appendString(span.value, to: &out)
            range(span.range, comma: true)
            out.append(UInt8(ascii: "}"))
        }
        func range(_ range: Range<Int>, comma: Bool) {
            if comma { out.append(UInt8(ascii: ",")) }
            key("start")
            JSONOutput.appendInt(range.lowerBound, to: &out)
            out.append(UInt8(ascii: ","))
            key("end")
            JSONOutput.appendInt(range.upperBound, to: &out)
        }
        out.append(UInt8(ascii: "{"))
        key("id")
        out += id
        out.append(UInt8(ascii: ","))
        key("layout")
        JSONOutput.appendString(layout.rawValue, to: &out)
        out.append(UInt8(ascii: ","))
        key("fields")
        out.append(UInt8(ascii: "{"))
        var keys = Self.fieldOrder.filter { fields[$0] != nil }
        for entry in labelled where fields[entry.key] != nil && !keys.contains(entry.key) { keys.append(entry.key) }
        for (index, name) in keys.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            key(name)
            span(fields[name])
        }
        out += Array("},".utf8)
        key("sections")
        out.append(UInt8(ascii: "["))
        for (index, section) in sections.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "{"))
            key("title")
            JSONOutput.appendString(section.value, to: &out)
            range(sectionRanges[index], comma: true)
            out.append(UInt8(ascii: "}"))
        }
        out += Array("],".utf8)
        key("demographics")
        out.append(UInt8(ascii: "{"))
        key("age")
        span(age)
        out.append(UInt8(ascii: ","))
        key("sex")
        span(sex)
        out += Array("},".utf8)
        key("reviewer")
        out.append(UInt8(ascii: "{"))
        key("licensure")
        out.append(UInt8(ascii: "["))
        for (index, state) in reviewer.licensure.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            span(state)
        }
        out += Array("],".utf8)
        key("specialty")
        span(reviewer.specialty)
        out.append(UInt8(ascii: ","))
        key("subspecialty")
        span(reviewer.subspecialty)
        out += Array("},".utf8)
        key("items")
        out.append(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "{"))
            key("service")
            span(item.service)
            out.append(UInt8(ascii: ","))
            key("decision")
            span(item.decision)
            out.append(UInt8(ascii: ","))
            key("claims_administrator_guideline")
            span(item.claimsAdministratorGuideline)
            out.append(UInt8(ascii: ","))
            key("reviewer_guideline")
            span(item.reviewerGuideline)
            out.append(UInt8(ascii: ","))
            key("rationale")
            if let rationale = item.rationale {
                out.append(UInt8(ascii: "{"))
                range(rationale, comma: false)
                out.append(UInt8(ascii: "}"))
            } else {
                out += Array("null".utf8)
            }
            out.append(UInt8(ascii: "}"))
        }
        out += Array("],".utf8)
        key("running_lines")
        out.append(UInt8(ascii: "["))
        for (index, copies) in runningLines.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "["))
            for (number, copy) in copies.enumerated() {
                if number > 0 { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "{"))
                range(copy, comma: false)
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "]"))
        }
        out += Array("]}\n".utf8)
    }
}
