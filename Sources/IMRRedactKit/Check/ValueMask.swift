/// The only form in which `check` ever shows a found value: `Maria Gonzalez` → `M**** G*******`.
public enum ValueMask {
    /// Masks `value`: in each word (a run between whitespace) the first character is kept and
    /// every later letter or digit becomes `*`; punctuation is kept; each run of whitespace
    /// (line breaks included) becomes one space, so that a masked value fits on one line; any
    /// other control character becomes `*`. A word with a single letter or digit shows none:
    /// otherwise a value spaced out letter by letter (`4 8 2 9 1 7 3 5`, a claim number from a
    /// form's boxes) would be shown whole.
    ///
    /// `3/5/12` → `3/*/**`, `(559) 555-0142` → `(***) 5**-****`, `O'Rourke` → `O'******`,
    /// `Z. Q. Tarrow` → `*. *. T*****`.
    public static func mask(_ value: String) -> String {
        var out = ""
        var word: [Character] = []
        func isControl(_ character: Character) -> Bool {
            character.unicodeScalars.contains { $0.properties.generalCategory == .control }
        }
        func isAlphanumeric(_ character: Character) -> Bool {
            !isControl(character) && (character.isLetter || character.isNumber)
        }
        func flush() {
            guard !word.isEmpty else { return }
            if !out.isEmpty { out.append(" ") }
            let showFirst = word.count { isAlphanumeric($0) } >= 2
            for (position, character) in word.enumerated() {
                if isControl(character) {
                    out.append("*")
                } else if isAlphanumeric(character) {
                    out.append(position == 0 && showFirst ? character : "*")
                } else {
                    out.append(character)
                }
            }
            word.removeAll(keepingCapacity: true)
        }
        for character in value {
            if character.isWhitespace {
                flush()
            } else {
                word.append(character)
            }
        }
        flush()
        return out
    }
}
