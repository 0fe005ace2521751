/// Writes one synthetic letter of a given layout from a `SynthCase`: header, sections, narrative,
/// disputed items, signature and copies, as blocks of tagged pieces.
///
/// Sentences are small templates: text with `{SLOT}` markers that `slot(_:)` fills with tagged
/// pieces (a provider's name as PROVIDER, a pain score as PAIN_SCORE ...), so every wording
/// variant carries its gold annotation with it.
struct SynthComposer {
    var r: SynthRandom
    let c: SynthCase
    let layout: LetterLayout
    /// Names already removed, as in the published letters (`by  noted`): no person names at all.
    let published: Bool
    var blocks: [SynthBlock] = []
    private var visitIndex = 0

    init(random: SynthRandom, case file: SynthCase, layout: LetterLayout, published: Bool) {
        self.r = random
        self.c = file
        self.layout = layout
        self.published = published
    }

    // MARK: - Blocks

    mutating func line(_ pieces: [Piece]) { blocks.append(.line(pieces)) }
    mutating func line(_ text: String) { blocks.append(.line([Piece(text)])) }
    mutating func blank() { blocks.append(.blank) }
    mutating func paragraph(_ pieces: [Piece]) { blocks.append(.paragraph(pieces)) }

    /// A paragraph of sentences from templates, separated by one space.
    mutating func sentences(_ templates: [String]) {
        var pieces: [Piece] = []
        for template in templates {
            if !pieces.isEmpty { pieces.append(Piece(" ")) }
            var sentence = t(template)
            // A sentence that opens with a plain "the applicant" opens with a capital.
            if let first = sentence.first, first.tag == .plain, let letter = first.text.first, letter.isLowercase {
                sentence[0].text = letter.uppercased() + first.text.dropFirst()
            }
            pieces += sentence
        }
        paragraph(pieces)
    }

    /// A section title, sometimes indented as `pdftotext -layout` centres it.
    mutating func title(_ text: String) {
        let indent = r.chance(0.5) ? String(repeating: " ", count: r.within(8...30)) : ""
        line(indent + text)
    }

    /// `label` padded to `width`, then the value.
    func field(_ label: String, _ value: [Piece], width: Int) -> [Piece] {
        [Piece(label.padded(to: width))] + value
    }

    /// Two label/value columns on one line, the right one starting at column `at`.
    func columns(_ left: [Piece], _ right: [Piece], at: Int) -> [Piece] {
        let used = left.reduce(0) { $0 + $1.text.count }
        return left + [Piece(String(repeating: " ", count: max(2, at - used)))] + right
    }

    // MARK: - Templates

    /// Fills `{SLOT}` markers of `template`.
    mutating func t(_ template: String) -> [Piece] {
        var out: [Piece] = []
        var text = Substring(template)
        while let open = text.firstIndex(of: "{") {
            if open > text.startIndex { out.append(Piece(String(text[..<open]))) }
            guard let close = text[open...].firstIndex(of: "}") else { break }
            out += slot(String(text[text.index(after: open)..<close]))
            text = text[text.index(after: close)...]
        }
        if !text.isEmpty { out.append(Piece(String(text))) }
        return out
    }

    var he: String { c.patient.female ? "she" : "he" }
    var He: String { c.patient.female ? "She" : "He" }
    var his: String { c.patient.female ? "her" : "his" }

    mutating func nextVisit() -> SynthDate {
        let date = c.visits[visitIndex % c.visits.count]
        visitIndex += 1
        return date
    }

    mutating func narrativeDate(_ date: SynthDate) -> String {
        date.format(r.pick([.slashShort, .slashShort, .slashPadded, .slashLong, .dashShort, .dashUnpadded, .dashLong, .monthName, .monthAbbreviation, .iso, .dayMonthYear, .dayMonthNameYear]))
    }

    /// A clinician as the letters name them: `Dr. Surname`, `Given Surname, MD`, `Surname, DC` ...
    /// The title and the credential are not part of the span.
    mutating func clinician(_ person: SynthPerson, full: Bool = false) -> [Piece] {
        if published { return [] }
        let credential = person.credential ?? "MD"
        let physician = ["MD", "M.D.", "DO", "D.O."].contains(credential)
        switch full ? 1 + r.below(3) : r.below(6) {
        case 0 where physician: return [Piece("Dr. "), .id(.PROVIDER, person.surname)]
        case 0: return [.id(.PROVIDER, person.surname), Piece(", \(credential)")]
        case 1: return [.id(.PROVIDER, person.short), Piece(", \(credential)")]
        case 2: return [.id(.PROVIDER, person.full), Piece(", \(credential)")]
        case 3 where physician: return [Piece("Dr. "), .id(.PROVIDER, person.short)]
        case 4: return [.id(.PROVIDER, person.initialSurname), Piece(", \(credential)")]
        default: return physician ? [Piece("Dr. "), .id(.PROVIDER, person.surname)] : [.id(.PROVIDER, person.surname), Piece(", \(credential)")]
        }
    }

    /// The patient in a sentence: `Mr. Surname`, the full name, initials, or a role.
    mutating func patientReference() -> [Piece] {
        if published { return [Piece(r.pick(["the patient", "the injured worker", "the applicant"]))] }
        switch r.below(7) {
        case 0, 1, 2: return [Piece(c.patient.title + " "), .id(.PATIENT, c.patient.surname)]
        case 3: return [.id(.PATIENT, c.patient.short)]
        case 4: return [Piece("the patient ("), .id(.PATIENT, c.patient.initials), Piece(")")]
        case 5: return [Piece("the applicant")]
        default: return [Piece(c.patient.title + " "), .id(.PATIENT, c.patient.surname)]
        }
    }

    mutating func age() -> [Piece] {
        let n = String(c.age)
        switch r.below(6) {
        case 0: return [Piece("a "), .id(.AGE, n), Piece(" year old")]
        case 1: return [Piece("a "), .id(.AGE, n), Piece("-year-old")]
        case 2: return [Piece("a "), .id(.AGE, n), Piece(" y/o")]
        case 3: return [Piece("a "), .id(.AGE, n), Piece(" yo")]
        case 4: return [Piece("a "), .id(.AGE, n), Piece("-yr-old")]
        default: return [Piece("a "), .id(.AGE, n), Piece(" year-old")]
        }
    }

    mutating func slot(_ name: String) -> [Piece] {
        // Published letters have every name removed: people, organisations, places and contacts.
        if published && ["IMG", "CLINIC", "EMP", "CA", "URCO", "ADJ", "PHONE", "CITY", "COUNTY"].contains(name) { return [] }
        let sex = c.patient.female ? "female" : "male"
        switch name {
        case "PT": return patientReference()
        case "PTF": return published ? [Piece("the injured worker")] : [.id(.PATIENT, c.patient.full)]
        case "AGE": return age()
        case "AGEN": return [.id(.AGE, String(c.age))]
        case "AGEY": return [.id(.AGE, String(c.age)), Piece(" Y, \(c.patient.female ? "F" : "M")")]
        case "SEX": return [Piece(sex)]
        case "HE": return [Piece(He)]
        case "he": return [Piece(he)]
        case "HIS": return [Piece(his)]
        case "JOB": return [Piece(c.job)]
        case "BODY": return [Piece(c.bodyPart)]
        case "MECH": return [Piece(c.mechanism)]
        case "DOI": return [.id(.DATE, narrativeDate(c.injury))]
        case "D": return [.id(.DATE, narrativeDate(nextVisit()))]
        case "DM": return [.id(.DATE, nextVisit().partial(0))]
        case "DP":
            let variant = 1 + r.below(3)
            // The article is not part of the date: "the [28th of September]".
            return (variant == 2 ? [Piece("the ")] : []) + [.id(.DATE, nextVisit().partial(variant))]
        case "MY": return [.id(.DATE, nextVisit().monthYear(r.below(3)))]
        case "URD": return [.id(.DATE, narrativeDate(c.urDecision))]
        case "APPD": return [.id(.DATE, narrativeDate(c.application))]
        case "DR": return clinician(r.pick(c.providers))
        case "DRF": return clinician(r.pick(c.providers), full: true)
        case "TR": return clinician(c.requesting)
        case "TRF": return clinician(c.requesting, full: true)
        case "WDR": return published ? [] : [Piece("Dr. "), .id(.PROVIDER, c.wordNamedProvider.surname)]
        case "UR":
            if published { return [] }
            return [Piece("Dr. "), .id(.PROVIDER, c.urPhysician.short)]
        case "IMG": return [.id(.ORG, c.imaging.name)]
        case "CLINIC": return [.id(.ORG, c.clinic.name)]
        case "EMP": return [.id(.ORG, c.employer.name)]
        case "CA": return [.id(.ORG, c.claimsAdministrator.name)]
        case "URCO": return [.id(.ORG, c.reviewCompany.name)]
        case "REL":
            if published { return [Piece("a relative")] }
            return [Piece("\(his) \(c.relation), "), .id(.PERSON, c.relative.short), Piece(",")]
        case "ADJ": return published ? [Piece("the adjuster")] : [.id(.PERSON, c.adjuster.short)]
        case "PHONE": return [.id(.CONTACT, SynthCase.phone(c.phones[0], form: r.below(6)))]
        case "CITY": return [.id(.LOCATION, c.patientAddress.city)]
        case "COUNTY": return [.id(.LOCATION, r.pick(SynthLexicon.counties))]
        case "PAIN": return [.keep(.PAIN_SCORE, r.chance(0.15) ? "VAS \(r.within(5...9))/10" : "\(r.within(5...9))/10")]
        case "PAIN2": return [.keep(.PAIN_SCORE, "\(r.within(2...5))/10")]
        case "LVL": return [.keep(.SPINE_LEVEL, r.pick(["L4-5", "L5-S1", "L3-4", "L4-L5", "C5-6", "C6-7", "C5-C6", "T12-L1"]))]
        case "LVL2": return [.keep(.SPINE_LEVEL, r.pick(["L5-S1", "L2-3", "C4-5", "C6-C7", "S1", "L5"]))]
        case "MM": return [.keep(.MEASURE, r.pick(["\(r.within(2...7))mm", "\(r.within(2...7)) mm", "\(r.within(2...6)).\(r.within(1...9)) mm"]))]
        case "DEG": return [.keep(.MEASURE, "\(r.within(3...16) * 10) degrees")]
        case "STR":
            // A bare N/5 needs its clinical cue, or the spec makes it a day-month date.
            if r.chance(0.3) { return [Piece("motor strength of "), .keep(.MEASURE, "\(r.within(3...5))/5")] }
            return [.keep(.MEASURE, r.pick(["4/5 strength", "4+/5", "4-/5 strength", "5/5 strength"]))]
        case "BP": return [.keep(.MEASURE, "\(r.within(110...150))/\(r.within(68...95))")]
        case "BMI": return [.keep(.MEASURE, "BMI \(r.within(22...38))")]
        case "WT": return [.keep(.MEASURE, "\(r.within(120...260)) lbs")]
        case "PCT": return [.keep(.MEASURE, "\(r.within(3...8) * 10)%")]
        case "DOSE":
            let drug = r.pick(SynthLexicon.drugs)
            return [.keep(.DOSE, (r.chance(0.5) ? drug.0.lowercased() : drug.0) + " " + r.pick(drug.1))]
        case "DOSE2":
            let drug = r.pick(SynthLexicon.drugs)
            return [.keep(.DOSE, drug.0 + " " + r.pick(drug.1))]
        case "HALF": return [.keep(.DOSE, r.pick(["1/2 tablet", "one tablet", "1-2 tablets"]))]
        case "FREQ": return [.keep(.FREQUENCY, r.pick(["twice daily", "three times a day", "once daily", "every 6 hours", "1-3 times per week", "2x4", "3 x 4", "twice a week"]))]
        case "VISITS": return [.keep(.FREQUENCY, "1-2 visits every 4-6 months")]
        case "CNT": return [.keep(.COUNT, r.pick(["\(r.within(6...24)) physical therapy sessions", "\(r.within(4...20)) chiropractic visits", "\(r.within(6...12)) acupuncture sessions", "3-6 treatments", "\(r.within(6...18)) visits", "9-10 visits"]))]
        case "DUR": return [.keep(.DURATION, r.pick(["\(r.within(2...8)) weeks", "1-2 months", "4-6 months", "\(r.within(2...18)) months", "six weeks", "three months", "30 days", "two weeks"]))]
        case "ICD": return [.keep(.CODE, r.pick(["M54.5", "M51.26", "M54.16", "S83.241A", "M75.101", "G56.01", "M54.2", "722.10", "724.4"]))]
        case "CPT": return [.keep(.CODE, r.pick(["97810", "97811", "99213", "64483", "95886", "29881", "97110", "72148"]))]
        case "GL": return [.keep(.GUIDELINE, r.pick(["MTUS pg. 58", "MTUS page 46", "MTUS pages 98-99", "ACOEM Chapter 12", "ODG", "MTUS", "ACOEM Chapter 13, page 343", "Official Disability Guidelines (ODG)"]))]
        case "POS": return [.keep(.DECISION, "medically necessary")]
        case "NEG": return [.keep(.DECISION, "not medically necessary")]
        case "EPON": return [Piece(r.pick(SynthLexicon.eponyms))]
        case "BRAND": return [Piece(r.pick(SynthLexicon.brands))]
        case "YEAR": return [Piece(String(c.injury.year - r.within(1...4)))]
        case "DECADE": return [Piece(r.pick(["early forties", "mid-fifties", "late sixties", "early sixties", "late thirties"]))]
        default: return [Piece(name)]
        }
    }

    // MARK: - Shared sections

    mutating func caseSummary() {
        let openers = [
            "The patient is {AGE} {SEX} {JOB} who injured {HIS} {BODY} on {DOI} while {MECH}.",
            "The injured worker is {AGE} {SEX} who sustained an industrial injury to the {BODY} on {DOI}.",
            "The applicant, age {AGEN}, has a claim for {BODY} pain from an industrial injury of {DOI}.",
            "The patient is a {AGEY} with a date of injury on {DOI}.",
            "This {AGEN}-year-old {SEX} {JOB} reported an injury to the {BODY} on {DOI}, when {he} was {MECH}.",
            "{PTF} is {AGE} {JOB} employed by {EMP} who was hurt on {DOI} while {MECH}.",
        ]
        let pool = [
            "An MRI of the {BODY} dated {D} at {IMG} showed a {MM} disc protrusion at {LVL} and a {MM} bulge at {LVL2}.",
            "The progress report dated {D} by {TR} noted pain rated {PAIN} and a positive {EPON}.",
            "{HE} has completed {CNT}, with pain decreasing from {PAIN} to {PAIN2}.",
            "Medications include {DOSE} {FREQ} and {DOSE2} at bedtime; {BRAND} was tried in {YEAR} without benefit.",
            "On {DM}, {WDR} documented {STR} in the hip flexors and a blood pressure of {BP}.",
            "The physical therapy note of {D} by {DR} recorded flexion to {DEG}, unchanged from the note of {D}.",
            "{REL} interpreted at the visit of {D}.",
            "The utilization review of {URD} by {UR} of {URCO} non-certified the request.",
            "Electrodiagnostic testing on {D} by {DR} was read as normal (CPT {CPT}).",
            "{HE} was diagnosed with radiculopathy (ICD-10 {ICD}) and has been off work since {MY}.",
            "{PT} was seen by {DR} for {CNT} from {MY} through {MY}.",
            "Height 5'6\", weight {WT}, {BMI}.",
            "{PT} lives in {CITY} and worked in {COUNTY} until the injury.",
            "A note of {DP} by {DR} describes flare-ups {FREQ} lasting {DUR}.",
            "On {D} {WDR} recommended {CNT} over {DUR}.",
            "{PT}, who is in {HIS} {DECADE}, now walks with a cane and takes {HALF} at night.",
            "The claims examiner, {ADJ}, can be reached at {PHONE}.",
            "Records from {DRF}, {D} through {D}, were reviewed, including a {PCT} improvement in walking tolerance.",
            "The report by {DR} dated {D} noted {PAIN} pain at rest.",
            "According to the note of {D} by {WDR}, {PT} reported pain of {PAIN} and numbness in the right foot.",
            "{PT} returned to modified duty at {EMP} on {D} with no lifting over 20 pounds.",
            "Treatment has included {CNT}, a home exercise program, and {DOSE} {FREQ}.",
            "An injection at {LVL} on {D} gave about {PCT} relief for {DUR}.",
            "The patient, aged {AGEN}, lives alone and drives to the visits.",
            "At {AGEN}, {PT} is not considered a surgical candidate by {DR}.",
        ]
        var chosen = [r.pick(openers)]
        chosen += r.sample(pool, r.within(6...10))
        // Two paragraphs, as the letters often split the summary.
        let split = r.within(2...max(2, chosen.count - 2))
        sentences(Array(chosen[..<split]))
        if r.chance(0.5) { blank() }
        sentences(Array(chosen[split...]))
    }

    mutating func rationale(for item: SynthItem) -> [String] {
        let closing = item.decision == "Upheld" ? "Therefore, the request is {NEG}." : "The request is {POS}."
        let pool = [
            "{GL} recommends {CNT} over {DUR}, with evidence of objective functional improvement before more is authorized.",
            "The guideline supports {VISITS} for flare-ups when return to work has been achieved.",
            "The note of {D} by {TR} documents pain of {PAIN} without a measured change in function.",
            "{GL} states that continued use requires documented pain relief, from {PAIN} to {PAIN2} here, and improved function.",
            "The records from {D} do not describe a failed trial of {BRAND}.",
            "{WDR} reported on {D} that {PT} tolerated {FREQ} dosing without side effects.",
            "Per {GL}, imaging is indicated when there are red flags or a surgical plan, which the note of {D} does not describe.",
        ]
        return r.sample(pool, r.within(2...4)) + [closing]
    }

    mutating func decisionPiece(_ decision: String) -> Piece {
        .keep(.DECISION, decision)
    }

    mutating func ccList(indent: String) {
        guard !published else { return }
        var entries: [[Piece]] = []
        entries.append(
            [.id(.PATIENT, c.patient.full), Piece(", ")] + address(c.patientAddress))
        entries.append(
            [.id(.ORG, c.claimsAdministrator.name), Piece(", Attn: "), .id(.PERSON, c.adjuster.short), Piece(", ")]
                + address(c.claimsAddress))
        entries.append(clinician(c.requesting, full: true) + [Piece(", "), .id(.ORG, c.clinic.name), Piece(", ")] + address(c.clinicAddress))
        if r.chance(0.6) {
            entries.append([.id(.PERSON, c.attorney.short), Piece(", Esq., "), .id(.ORG, c.lawFirm.name), Piece(", ")] + address(c.lawAddress))
        }
        if r.chance(0.3) { entries.insert([Piece("Department of Industrial Relations, Division of Workers' Compensation")], at: 0) }
        let label = r.pick(["cc:", "cc: ", "CC:"])
        for (index, entry) in entries.enumerated() {
            let prefix = index == 0 ? label + " " : String(repeating: " ", count: label.count + 1)
            if r.chance(0.3) {
                // A long entry wrapped by the PDF: continued on the next line.
                paragraph([Piece(indent + prefix)] + entry)
            } else {
                line([Piece(indent + prefix)] + entry)
            }
        }
    }

    /// `street, city, CA zip` with each part a LOCATION span.
    mutating func address(_ a: SynthAddress) -> [Piece] {
        [.id(.LOCATION, a.street), Piece(", "), .id(.LOCATION, a.city), Piece(r.pick([", CA ", ", CA  ", ", California "])), .id(.LOCATION, a.zip)]
    }

    mutating func contactLine(indent: String) -> [Piece] {
        let phone = SynthCase.phone(c.phones[1], form: r.below(6))
        let fax = SynthCase.phone(c.phones[2], form: r.below(6))
        var pieces: [Piece] = [Piece(indent + r.pick(["Phone ", "Tel ", "Tel. ", "Ph: "])), .id(.CONTACT, phone), Piece("   Fax "), .id(.CONTACT, fax)]
        if r.chance(0.4) {
            let mail = SynthCase.domain(String(c.requesting.given.prefix(1)) + c.requesting.surname) + "@" + c.clinic.domain
            pieces += [Piece("   "), .id(.CONTACT, mail)]
        }
        return pieces
    }

    mutating func signature() {
        guard !published else { return }
        line(r.pick(["Sincerely,", " Sincerely,", "Respectfully,"]))
        blank()
        line([.id(.PROVIDER, c.reviewer.full), Piece(", \(c.reviewer.credential ?? "MD")")])
        line(r.pick(["Medical Director", "Medical Director, MAXIMUS Federal Services", "Associate Medical Director"]))
    }

    mutating func reviewerBoilerplate() {
        let who = r.pick(["an expert reviewer", "a physician reviewer"])
        let variants = [
            "MAXIMUS Federal Services sent the complete case file to \(who), who has no affiliation with the employer, employee, providers or the claims administrator. The reviewer is licensed to practice in California, has been in active clinical practice for more than five years, and currently works at least 24 hours a week in active practice.",
            "The complete case file was forwarded by MAXIMUS Federal Services to \(who). The reviewer has no affiliation with any party to the dispute, holds a license to practice in California, and was chosen for clinical experience in the same or a similar specialty as the treating provider.",
            "\(who.prefix(1).uppercased() + who.dropFirst()) with no affiliation to the employer, the employee, the providers or the claims administrator reviewed the complete case file sent by MAXIMUS Federal Services. The reviewer is familiar with the governing laws and regulations, including the strength of evidence hierarchy for Independent Medical Review.",
        ]
        paragraph([Piece(r.pick(variants))])
        if r.chance(0.5) {
            blank()
            line("The Expert Reviewer has the following credentials:")
            line("State(s) of Licensure: " + r.sample(["California", "Nevada", "Arizona", "Oregon", "Texas"], r.within(1...3)).joined(separator: ","))
            line("Certification(s)/Specialty: " + r.pick(SynthLexicon.specialties))
        } else {
            blank()
            paragraph([Piece("The reviewer is Board Certified in \(r.pick(SynthLexicon.specialties)) and is licensed to practice in California.")])
        }
    }

    // MARK: - Layouts

    mutating func compose() -> [SynthBlock] {
        switch layout {
        case .caseNumber: caseNumberLetter()
        case .maximus: maximusLetter()
        case .professionalReview: professionalReviewLetter()
        case .notice: noticeLetter()
        case .unknown: r.chance(0.5) ? faxCoverLetter() : utilizationReviewLetter()
        }
        return blocks
    }

    func headerDate(_ date: SynthDate) -> Piece { .id(.DATE, date.format(.slashPadded)) }

    mutating func caseNumberLetter() {
        line(field("Case Number:", [.id(.ID, c.caseNumber)], width: 22))
        line(columns(field("Date Assigned:", [headerDate(c.assigned)], width: 22), field("Date of Injury:", [headerDate(c.injury)], width: 21), at: 54))
        line(columns(field("Decision Date:", [headerDate(c.decision)], width: 22), field("UR Denial Date:", [headerDate(c.urDecision)], width: 21), at: 54))
        line(columns(field("Priority:", [Piece(r.pick(["Standard", "Expedited"]))], width: 22), field("Application", [headerDate(c.application)], width: 21), at: 54))
        line(String(repeating: " ", count: 54) + "Received:")
        if !published {
            let caps = r.chance(0.5)
            let name = caps ? c.patient.full.uppercased() : c.patient.full
            line(columns(field("Employee:", [.id(.PATIENT, name)], width: 22), field("Claim Number:", [.id(.ID, c.claimNumber)], width: 21), at: 54))
            if r.chance(0.5) {
                line(field("", address(c.patientAddress), width: 22))
            }
            line(columns(field("Employer:", [.id(.ORG, caps ? c.employer.name.uppercased() : c.employer.name)], width: 22), field("EAMS Number:", [.id(.ID, c.eams)], width: 21), at: 54))
            line(field("Claims Administrator:", [.id(.ORG, caps ? c.claimsAdministrator.name.uppercased() : c.claimsAdministrator.name)], width: 22))
            line(field("Requesting Provider:", clinician(c.requesting, full: true) + [Piece(" (\(c.specialty))")], width: 22))
            if r.chance(0.6) {
                line(field("", address(c.clinicAddress), width: 22))
                line(contactLine(indent: String(repeating: " ", count: 22)))
            }
        }
        blank()
        title("HOW THE IMR FINAL DETERMINATION WAS MADE")
        reviewerBoilerplate()
        blank()
        title("CLINICAL CASE SUMMARY")
        paragraph([Piece("The expert reviewer developed the following clinical case summary based on a review of the case file, including all medical records:")])
        blank()
        caseSummary()
        blank()
        if r.chance(0.5) { blocks.append(.pageBreak) }
        title("IMR ISSUES, DECISIONS AND RATIONALES")
        line("The Final Determination was based on decisions for the disputed items/services set forth below:")
        for item in c.items {
            blank()
            paragraph(item.service + [Piece(r.pick([": ", ":  ", " is: "])), decisionPiece(item.decision)])
            blank()
            paragraph([Piece("Claims Administrator guideline: Decision based on "), .keep(.GUIDELINE, item.claimsGuideline), Piece(".")])
            blank()
            paragraph([Piece("MAXIMUS guideline: Decision based on "), .keep(.GUIDELINE, item.reviewerGuideline), Piece(".")])
            blank()
            let reasons = rationale(for: item)
            sentences(["Decision rationale: " + (reasons.first ?? "")] + Array(reasons.dropFirst()))
        }
        if !published && r.chance(0.5) {
            blank()
            ccList(indent: "")
        }
    }

    mutating func maximusLetter() {
        line("MAXIMUS FEDERAL SERVICES, INC.")
        line("Independent Medical Review")
        blank()
        line([Piece("Dated: "), .id(.DATE, narrativeDate(c.decision))])
        blank()
        if !published {
            line([.id(.PATIENT, c.patient.full.uppercased())])
            line([.id(.LOCATION, c.patientAddress.street)])
            line([.id(.LOCATION, c.patientAddress.city), Piece(", CA "), .id(.LOCATION, c.patientAddress.zip)])
            blank()
        }
        line(columns(field("IMR Case Number:", [.id(.ID, c.caseNumber)], width: 22), field("Date of Injury:", [headerDate(c.injury)], width: 24), at: 48))
        line(columns(field("Claim Number:", [.id(.ID, c.claimNumber)], width: 22), field("UR Denial Date:", [headerDate(c.urDecision)], width: 24), at: 48))
        if !published {
            line(columns(field("Employee:", [.id(.PATIENT, c.patient.full)], width: 22), field("Application Received:", [headerDate(c.application)], width: 24), at: 48))
            if r.chance(0.5) {
                line(columns(field("SSN:", [.id(.ID, c.ssn)], width: 22), field("Date of Birth:", [.id(.DATE, c.birth.format(.slashPadded))], width: 24), at: 48))
            }
            line(field("Employer:", [.id(.ORG, c.employer.name)], width: 22))
            line(field("Claims Administrator:", [.id(.ORG, c.claimsAdministrator.name)], width: 22))
            line(field("", [Piece("Adjuster: "), .id(.PERSON, c.adjuster.short), Piece(", "), .id(.CONTACT, SynthCase.phone(c.phones[3], form: r.below(6)))], width: 22))
            line(field("Requesting Physician:", clinician(c.requesting, full: true) + [Piece(", NPI "), .id(.ID, c.npi)], width: 22))
        }
        blank()
        if !published {
            line([Piece("Dear \(c.patient.title) "), .id(.PATIENT, c.patient.surname), Piece(":")])
            blank()
        }
        paragraph([Piece("MAXIMUS Federal Services, Inc. has completed the Independent Medical Review (IMR) of the workers' compensation case above. This letter gives the IMR Final Determination and how it was reached. The decision is final and binding on all parties and can be appealed only as provided by Labor Code section 4610.6(h).")])
        blank()
        title("HOW THE IMR FINAL DETERMINATION WAS MADE")
        reviewerBoilerplate()
        blank()
        title("DOCUMENTS REVIEWED")
        let documents: [String] = [
            " - Application for Independent Medical Review, received {APPD}",
            " - Utilization Review Determination, {URCO}, dated {URD}",
            " - Medical records from {TRF}, {D} through {D}",
            " - Therapy notes of {DRF}, {D}",
            " - MRI of the {BODY}, {IMG}, dated {D}",
        ]
        for template in documents { line(t(template)) }
        blank()
        title("CLINICAL CASE SUMMARY")
        caseSummary()
        blocks.append(.pageBreak)
        title("IMR DECISION(S) AND RATIONALE(S)")
        for (index, item) in c.items.enumerated() {
            blank()
            line([Piece(" \(index + 1). ")] + item.service + [Piece(":  "), decisionPiece(item.decision)])
            blank()
            paragraph([Piece("Claims Administrator guideline: Decision based on "), .keep(.GUIDELINE, item.claimsGuideline), Piece(".")])
            blank()
            paragraph([Piece("MAXIMUS guideline: Decision based on "), .keep(.GUIDELINE, item.reviewerGuideline), Piece(".")])
            blank()
            let reasons = rationale(for: item)
            sentences(["Decision rationale: " + (reasons.first ?? "")] + Array(reasons.dropFirst()))
        }
        blank()
        signature()
        blank()
        ccList(indent: " ")
    }

    mutating func professionalReviewLetter() {
        line("MEDICAL PROFESSIONAL REVIEW")
        if r.chance(0.5) { line("Independent Medical Review - Final Determination") }
        blank()
        line(columns(field("IMR Case Number:", [.id(.ID, c.caseNumber)], width: 23), field("Date of Injury:", [headerDate(c.injury)], width: 22), at: 52))
        line(columns(field("Claim Number:", [.id(.ID, c.claimNumber)], width: 23), field("UR Decision Date:", [headerDate(c.urDecision)], width: 22), at: 52))
        line(columns(field("EAMS Number:", [.id(.ID, c.eams)], width: 23), field("Application Received:", [headerDate(c.application)], width: 22), at: 52))
        if !published {
            line(columns(field("Employee:", [.id(.PATIENT, c.patient.full)], width: 23), [Piece("DOB: "), .id(.DATE, c.birth.format(r.pick([.iso, .slashPadded, .slashShort])))], at: 52))
            line(field("Employer:", [.id(.ORG, c.employer.name)], width: 23))
            line(field("Claims Administrator:", [.id(.ORG, c.claimsAdministrator.name), Piece(", Examiner "), .id(.PERSON, c.adjuster.short)], width: 23))
            line(field("Requesting Provider:", clinician(c.requesting, full: true) + [Piece(", \(c.specialty)")], width: 23))
            line(field("", [.id(.ORG, c.clinic.name), Piece(", ")] + address(c.clinicAddress), width: 23))
            line(contactLine(indent: String(repeating: " ", count: 23)))
        }
        blank()
        line("ISSUE AT DISPUTE:")
        for (index, item) in c.items.enumerated() { line([Piece("\(index + 1). ")] + item.service) }
        blank()
        line("CASE SUMMARY:")
        caseSummary()
        blank()
        line("DOCUMENTS REVIEWED FOR DETERMINATION:")
        sentences(["Application for Independent Medical Review; utilization review determination dated {URD}; progress reports of {TRF}, {D} through {D}; imaging report of {D} from {IMG}."])
        blank()
        line("MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL")
        line("REVIEWER AND WHY:")
        paragraph([.keep(.GUIDELINE, c.items.first?.reviewerGuideline ?? "MTUS"), Piece(". The MTUS addresses the request directly and was applied; the "), .keep(.GUIDELINE, "ODG"), Piece(" was consulted for details.")])
        blank()
        line("RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT")
        line("MEDICALLY NECESSARY:")
        for item in c.items {
            line(item.service + [Piece(": "), decisionPiece(item.decision)])
            sentences(rationale(for: item))
            blank()
        }
        line("MEDICAL REVIEWER QUALIFICATIONS:")
        paragraph([Piece("The physician reviewer is Board Certified in \(r.pick(SynthLexicon.specialties)), is licensed to practice in California, and has been in active clinical practice for more than five years.")])
        blank()
        ccList(indent: "")
    }

    mutating func noticeLetter() {
        line("MAXIMUS FEDERAL SERVICES, INC.")
        line("Independent Medical Review")
        blank()
        line("          Notice of Independent Medical Review Determination")
        blank()
        line([Piece("Dated: "), .id(.DATE, c.decision.format(r.pick([.slashPadded, .monthName])))])
        blank()
        if !published {
            line([.id(.PATIENT, c.patient.full.uppercased())])
            line([.id(.LOCATION, c.patientAddress.street)])
            line([.id(.LOCATION, c.patientAddress.city), Piece(", CA "), .id(.LOCATION, c.patientAddress.zip)])
            blank()
            line(field("Employee:", [.id(.PATIENT, c.patient.full)], width: 28))
        }
        line(field("Claim Number:", [.id(.ID, c.claimNumber)], width: 28))
        line(field("Date of UR Decision:", [.id(.DATE, c.urDecision.format(.slashLong))], width: 28))
        line(field("Date of Injury:", [.id(.DATE, c.injury.format(.slashLong))], width: 28))
        line(field("IMR Application Received:", [.id(.DATE, c.application.format(.slashLong))], width: 28))
        line(field("MAXIMUS Case Number:", [.id(.ID, c.caseNumber)], width: 28))
        blank()
        if !published {
            line([Piece("Dear \(c.patient.title) "), .id(.PATIENT, c.patient.surname), Piece(":")])
            blank()
        }
        paragraph([Piece("MAXIMUS Federal Services, Inc. has completed the Independent Medical Review (IMR) of the workers' compensation case above. This letter gives the IMR Final Determination and explains how it was made.")])
        blank()
        let upheld = c.items.filter { $0.decision == "Upheld" }.count
        let overall = upheld == c.items.count ? "UPHOLD" : upheld == 0 ? "OVERTURN" : r.pick(["OVERTURN IN PART", "UPHOLD IN PART"])
        paragraph([Piece("Final Determination: "), .keep(.DECISION, overall), Piece(". A detailed explanation of the decision for each disputed item/service is given later in this letter.")])
        blank()
        for (index, item) in c.items.enumerated() {
            let verdict = item.decision == "Upheld" ? "not medically necessary" : "medically necessary"
            paragraph([Piece("\(index + 1). MAXIMUS Federal Services, Inc. has determined the request for ")] + item.service + [Piece(" is "), .keep(.DECISION, verdict), Piece(" and appropriate.")])
            blank()
        }
        paragraph([Piece("This decision is final and binding on all parties. A party may appeal it only on the grounds in Labor Code section 4610.6(h), by filing a petition with the Workers' Compensation Appeals Board within 30 days of the date of this letter.")])
        blank()
        signature()
        blank()
        ccList(indent: "")
        blocks.append(.pageBreak)
        line("INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE")
        line("The Expert Reviewer based his/her decision on a review of the following documents:")
        blank()
        sentences(["The application for Independent Medical Review was filed on {D}. The following records were received: the utilization review denial of {URD} by {UR}; the reports of {TR} from {D} to {D}; and imaging of {D}."])
        blank()
        line("Medical Qualifications of the Expert Reviewer:")
        paragraph([Piece("The expert reviewer is a Medical Doctor who is Board Certified in \(r.pick(SynthLexicon.specialties)) and is licensed to practice in California.")])
        blank()
        line("Expert Reviewer Case Summary:")
        caseSummary()
        blocks.append(.pageBreak)
        for (index, item) in c.items.enumerated() {
            line([Piece("\(index + 1). ")] + item.service + [Piece(":")])
            paragraph([Piece("Section of the Medical Treatment Utilization Schedule (MTUS) cited by the Claims Administrator: "), .keep(.GUIDELINE, item.claimsGuideline), Piece(".")])
            paragraph([Piece("Section of the MTUS used by the Expert Reviewer in making this decision: "), .keep(.GUIDELINE, item.reviewerGuideline), Piece(".")])
            let verdict = item.decision == "Upheld" ? "upheld" : item.decision == "Modified" ? "modified" : "overturned"
            sentences(["Rationale for the Decision: " + (rationale(for: item).first ?? "")])
            paragraph([Piece("The Claims Administrator's decision is "), .keep(.DECISION, verdict), Piece(".")])
            blank()
        }
    }

    mutating func faxCoverLetter() {
        let sender = c.claimsAdministrator
        line([Piece(String(repeating: " ", count: r.within(10...25))), .id(.ORG, sender.name.uppercased())])
        line([Piece(String(repeating: " ", count: r.within(8...16)))] + address(c.claimsAddress))
        line([Piece(String(repeating: " ", count: r.within(6...12)) + "Tel "), .id(.CONTACT, SynthCase.phone(c.phones[4], form: 0)), Piece(" * Fax "), .id(.CONTACT, SynthCase.phone(c.phones[5], form: 0)), Piece(" * "), .id(.CONTACT, "www." + sender.domain)])
        blank()
        line(r.pick(["                              F A X   T R A N S M I T T A L", "                    FACSIMILE COVER SHEET"]))
        blank()
        line([Piece("Date:      "), .id(.DATE, c.decision.adding(3).format(r.pick([.iso, .slashPadded, .monthName])))])
        line(columns([Piece("To:        "), .id(.PERSON, c.attorney.short), Piece(", Esq.")], [Piece("Firm:   "), .id(.ORG, c.lawFirm.name)], at: 46))
        line(columns([Piece("Fax:       "), .id(.CONTACT, SynthCase.phone(c.phones[0], form: 0))], [Piece("Phone:  "), .id(.CONTACT, SynthCase.phone(c.phones[1], form: 0))], at: 46))
        line([Piece("From:      "), .id(.PERSON, c.adjuster.short), Piece(", Senior Claims Examiner")])
        let mail = SynthCase.domain(String(c.adjuster.given.prefix(1)) + c.adjuster.surname) + "@" + sender.domain
        line([Piece("E-mail:    "), .id(.CONTACT, mail)])
        line([Piece("Re:        "), .id(.PATIENT, c.patient.short), Piece(" v. "), .id(.ORG, c.employer.name)])
        line([Piece("           Claim No. "), .id(.ID, c.claimNumber), Piece(" / "), .id(.ID, c.eams), Piece(" / IMR Case "), .id(.ID, c.caseNumber)])
        blank()
        line("Message:")
        sentences(["Counsel: enclosed is the IMR Final Determination we received on {D} for the above claim. Please call me with any questions."])
        blank()
        paragraph([Piece("CONFIDENTIALITY NOTICE: This facsimile contains confidential medical and legal information intended only for the addressee. If you received it in error, please notify the sender and destroy all copies.")])
        blocks.append(.pageBreak)
        line([Piece("IMR FINAL DETERMINATION - "), .id(.ID, c.caseNumber)])
        line([Piece("Claim: "), .id(.ID, c.claimNumber), Piece("   DOI: "), headerDate(c.injury), Piece("   UR: "), headerDate(c.urDecision), Piece("   Rec'd: "), headerDate(c.application)])
        line([Piece("Employee: "), .id(.PATIENT, c.patient.lastFirst), Piece("   Provider: ")] + clinician(c.requesting, full: true))
        blank()
        reviewerBoilerplate()
        blank()
        line("Clinical summary")
        caseSummary()
        blank()
        line("Decision and rationale")
        for item in c.items {
            blank()
            line(item.service + [Piece(": "), decisionPiece(item.decision)])
            paragraph([Piece("Guideline cited by the reviewer: "), .keep(.GUIDELINE, item.reviewerGuideline), Piece(".")])
            let reasons = rationale(for: item)
            sentences(["Rationale: " + (reasons.first ?? "")] + Array(reasons.dropFirst()))
        }
        blank()
        sentences(["This determination was sent to the parties on {D}: the employee, {PTF}, at the address on file; and the requesting physician, {TRF}, {CLINIC}."])
        blank()
        signature()
    }

    mutating func utilizationReviewLetter() {
        line([.id(.ORG, c.reviewCompany.name)])
        line(address(c.claimsAddress))
        line([Piece("Phone: "), .id(.CONTACT, SynthCase.phone(c.phones[2], form: 1)), Piece("  |  Fax: "), .id(.CONTACT, SynthCase.phone(c.phones[3], form: 1))])
        blank()
        line("UTILIZATION REVIEW DETERMINATION - NOTICE OF NON-CERTIFICATION")
        blank()
        line(columns([Piece("Date: "), .id(.DATE, c.urDecision.format(.monthName))], [Piece("UR Reference: "), .id(.ID, c.urReference)], at: 44))
        line(columns([Piece("Injured Worker: "), .id(.PATIENT, c.patient.full)], [Piece("Claim #: "), .id(.ID, c.claimNumber)], at: 44))
        line(columns([Piece("Date of Birth: "), .id(.DATE, c.birth.format(.slashPadded))], [Piece("Policy: "), .id(.ID, c.policy)], at: 44))
        line(columns([Piece("Employer: "), .id(.ORG, c.employer.name)], [Piece("SSN: "), .id(.ID, c.ssn)], at: 44))
        line([Piece("Requesting Provider: ")] + clinician(c.requesting, full: true) + [Piece(", NPI "), .id(.ID, c.npi)])
        blank()
        line([Piece("Dear Dr. "), .id(.PROVIDER, c.requesting.surname), Piece(":")])
        blank()
        sentences(["We reviewed the request for authorization received on {D} on behalf of {CA}. The request was reviewed by {UR}, Board Certified in \(r.pick(SynthLexicon.specialties))."])
        blank()
        line("CLINICAL SUMMARY")
        caseSummary()
        blank()
        line("DETERMINATION")
        for item in c.items {
            line(item.service + [Piece(" - "), .keep(.DECISION, item.decision == "Upheld" ? "not medically necessary" : "medically necessary")])
            sentences(rationale(for: item))
            blank()
        }
        paragraph([Piece("You may request Independent Medical Review by filing the enclosed application with the Division of Workers' Compensation within 30 days.")])
        blank()
        line([Piece("Reviewer: ")] + [.id(.PROVIDER, c.reviewer.full), Piece(", \(c.reviewer.credential ?? "MD"), License No. "), .id(.ID, "\(r.pick(["A", "G", "C"]))\(r.digits(5))")])
    }
}

extension String {
    /// The string padded with spaces to `width` characters (never cut; one space at least after a label).
    fileprivate func padded(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
