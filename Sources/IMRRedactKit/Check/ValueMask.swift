/// The only form in which `check` ever shows a found value: `Maria Gonzalez` → `M**** G*******`.
public enum ValueMask {
    /// Masks `value`: in each word (a run between whitespace) the first character is kept and
    /// every later letter or digit becomes `*`; punctuation is kept; each run of whitespace
    /// (line breaks included) becomes one space, so that a masked value fits on one line; any
    /// other control character becomes `*`.
    ///
    /// `3/5/12` → `3/*/**`, `(559) 555-0142` → `(***) 5**-****`, `O'Rourke` → `O'******`.
    public static func mask(_ value: String) -> String {
        var out = ""
        var atWordStart = true
        var pendingSpace = false
        for character in value {
            if character.isWhitespace {
                pendingSpace = !out.isEmpty
                atWordStart = true
                continue
            }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            let isControl = character.unicodeScalars.contains { $0.properties.generalCategory == .control }
            if isControl {
                out.append("*")
            } else if character.isLetter || character.isNumber {
                out.append(atWordStart ? character : "*")
            } else {
                out.append(character)
            }
            atWordStart = false
        }
        return out
    }
}
