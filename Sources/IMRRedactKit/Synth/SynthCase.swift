/// A calendar day of a synthetic case.
struct SynthDate: Sendable {
    var year: Int
    var month: Int
    var day: Int

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]
    static let monthAbbreviations = [
        "Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
    ]
    static let monthShort = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The day `days` later (the calendar arithmetic of `CivilDate`).
    func adding(_ days: Int) -> SynthDate {
        guard let civil = CivilDate(year: year, month: month, day: day)?.adding(days: days) else {
            preconditionFailure("a synthetic date is always a valid day")
        }
        return SynthDate(year: civil.year, month: civil.month, day: civil.day)
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    private static func ordinal(_ n: Int) -> String {
        let suffix: String
        switch (n % 10, n % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(n)\(suffix)"
    }

    /// Forms of a full date, every one the spec names and a few more the letters use.
    enum Form: CaseIterable {
        case slashShort, slashLong, slashPadded, dashShort, dashUnpadded, dashLong, monthName, monthAbbreviation,
            iso, dayMonthYear, dayMonthNameYear
    }

    func format(_ form: Form) -> String {
        let yy = SynthDate.two(year % 100)
        switch form {
        case .slashShort: return "\(month)/\(day)/\(yy)"
        case .slashLong: return "\(month)/\(day)/\(year)"
        case .slashPadded: return "\(SynthDate.two(month))/\(SynthDate.two(day))/\(year)"
        case .dashShort: return "\(SynthDate.two(month))-\(SynthDate.two(day))-\(yy)"
        case .dashUnpadded: return "\(month)-\(day)-\(yy)"
        case .dashLong: return "\(SynthDate.two(month))-\(SynthDate.two(day))-\(year)"
        case .monthName: return "\(SynthDate.monthNames[month - 1]) \(day), \(year)"
        case .monthAbbreviation: return "\(SynthDate.monthAbbreviations[month - 1]) \(day), \(year)"
        case .iso: return "\(year)-\(SynthDate.two(month))-\(SynthDate.two(day))"
        case .dayMonthYear: return "\(day)-\(SynthDate.monthShort[month - 1])-\(yy)"
        case .dayMonthNameYear: return "\(day) \(SynthDate.monthNames[month - 1]) \(year)"
        }
    }

    /// Day and month only: `7/22`, `May 6`, `28th of September` (after a plain "the"), `September 28th`.
    func partial(_ variant: Int) -> String {
        switch variant % 4 {
        case 0: return "\(month)/\(day)"
        case 1: return "\(SynthDate.monthNames[month - 1]) \(day)"
        case 2: return "\(SynthDate.ordinal(day)) of \(SynthDate.monthNames[month - 1])"
        default: return "\(SynthDate.monthNames[month - 1]) \(SynthDate.ordinal(day))"
        }
    }

    /// Month and year: `October 2013`, `Oct. 2013`, `10/2013`.
    func monthYear(_ variant: Int) -> String {
        switch variant % 3 {
        case 0: return "\(SynthDate.monthNames[month - 1]) \(year)"
        case 1: return "\(SynthDate.monthAbbreviations[month - 1]) \(year)"
        default: return "\(SynthDate.two(month))/\(year)"
        }
    }
}

/// A fictional person of a case.
struct SynthPerson: Sendable {
    var given: String
    var middle: String?
    var surname: String
    var female: Bool
    /// A clinician's credential (`MD`, `DC`, `PA-C` ...), nil for others.
    var credential: String?

    /// `Given M. Surname`.
    var full: String { [given, middle.map { $0 + "." }, surname].compactMap { $0 }.joined(separator: " ") }
    /// `Given Surname`.
    var short: String { given + " " + surname }
    /// `Surname, Given`.
    var lastFirst: String { surname + ", " + given }
    /// `G.S.`: initials are identifiers too.
    var initials: String {
        let letters = [given, surname].compactMap { $0.first.map(String.init) }
        return letters.joined(separator: ".") + "."
    }
    /// `Mr.` or `Ms.`
    var title: String { female ? "Ms." : "Mr." }
    /// `G. Surname`.
    var initialSurname: String { (given.first.map(String.init) ?? "") + ". " + surname }
}

/// An organisation: a name and the domain of its e-mail and web site.
struct SynthOrg: Sendable {
    var name: String
    var domain: String
}

/// A street address: each part is a LOCATION span.
struct SynthAddress: Sendable {
    var street: String
    var city: String
    var zip: String
}

/// A disputed item: how the service reads, its decision, and the guidelines cited.
struct SynthItem: Sendable {
    var service: [Piece]
    var decision: String
    var claimsGuideline: String
    var reviewerGuideline: String
    var kind: Kind

    enum Kind: Sendable { case therapy, drug, imaging, procedure, device }

    var serviceText: String { service.map(\.text).joined() }
}

/// Everything a synthetic letter can mention: the people, places, organisations, numbers and
/// dates of one fictional case, drawn from a `SynthRandom`.
struct SynthCase: Sendable {
    var patient: SynthPerson
    var age: Int
    var birth: SynthDate
    var job: String
    var bodyPart: String
    var mechanism: String
    var patientAddress: SynthAddress
    var employer: SynthOrg
    var claimsAdministrator: SynthOrg
    var claimsAddress: SynthAddress
    var adjuster: SynthPerson
    var requesting: SynthPerson
    var specialty: String
    var clinic: SynthOrg
    var clinicAddress: SynthAddress
    var providers: [SynthPerson]
    var wordNamedProvider: SynthPerson
    var reviewer: SynthPerson
    /// The utilization review physician (not the IMR reviewer).
    var urPhysician: SynthPerson
    var imaging: SynthOrg
    var reviewCompany: SynthOrg
    var attorney: SynthPerson
    var lawFirm: SynthOrg
    var lawAddress: SynthAddress
    var relative: SynthPerson
    var relation: String
    var phones: [String]
    var caseNumber: String
    var claimNumber: String
    var eams: String
    var ssn: String
    var policy: String
    var urReference: String
    var npi: String
    var injury: SynthDate
    var urDecision: SynthDate
    var application: SynthDate
    var assigned: SynthDate
    var decision: SynthDate
    var visits: [SynthDate]
    var items: [SynthItem]

    init(random r: inout SynthRandom) {
        let patientOrigin = r.pick(SynthLexicon.origins)
        patient = SynthCase.person(&r, origin: patientOrigin)
        if patientOrigin.name == "punjabi" && patient.female && r.chance(0.5) { patient.middle = nil; patient.given += " Kaur" }
        injury = SynthDate(year: r.within(2009...2016), month: r.within(1...12), day: r.within(1...28))
        age = r.chance(0.06) ? r.within(90...96) : r.within(19...72)
        birth = SynthDate(year: injury.year - age - (r.chance(0.5) ? 1 : 0), month: r.within(1...12), day: r.within(1...28))
        job = r.pick(SynthLexicon.jobs)
        bodyPart = r.pick(SynthLexicon.bodyParts)
        mechanism = r.pick(SynthLexicon.mechanisms)
        patientAddress = SynthCase.address(&r, unit: "Apt.")
        employer = SynthCase.org(&r, nouns: SynthLexicon.employerNouns)
        claimsAdministrator = SynthCase.org(&r, nouns: SynthLexicon.insurerNouns)
        claimsAddress = SynthCase.address(&r, unit: "Suite", poBox: 0.5)
        adjuster = SynthCase.person(&r)
        requesting = SynthCase.clinician(&r, credential: r.pick(["MD", "MD", "M.D.", "DO", "DC", "PA-C", "NP", "L.Ac."]))
        specialty = r.pick(SynthLexicon.specialties)
        clinic = SynthCase.org(&r, nouns: SynthLexicon.clinicNouns)
        clinicAddress = SynthCase.address(&r, unit: "Suite")
        providers = (0..<4).map { _ in SynthCase.clinician(&r, credential: r.pick(SynthLexicon.credentials).credential) }
        let anglo = SynthLexicon.origins.first { $0.name == "anglo" } ?? patientOrigin
        wordNamedProvider = SynthCase.clinician(&r, credential: "MD", origin: anglo)
        wordNamedProvider.surname = r.pick(["Young", "King", "Long", "Payne", "Hope", "Wise", "Price", "Bell", "Strong", "May", "Day", "Best", "Sharp", "Moody", "Rich", "Black", "Gray", "Stone"])
        reviewer = SynthCase.clinician(&r, credential: r.pick(["MD", "M.D.", "DO"]))
        urPhysician = SynthCase.clinician(&r, credential: "MD")
        imaging = SynthCase.org(&r, nouns: SynthLexicon.imagingNouns)
        reviewCompany = SynthCase.org(&r, nouns: SynthLexicon.reviewNouns)
        attorney = SynthCase.person(&r)
        let lastA = SynthCase.person(&r).surname
        lawFirm = r.chance(0.5)
            ? SynthOrg(name: "Law Offices of \(attorney.short)", domain: SynthCase.domain(attorney.surname + "law"))
            : SynthOrg(name: "\(attorney.surname) & \(lastA), LLP", domain: SynthCase.domain(attorney.surname + lastA))
        lawAddress = SynthCase.address(&r, unit: "Suite")
        relation = patient.female ? r.pick(["husband", "daughter", "son", "sister"]) : r.pick(["wife", "daughter", "son", "brother"])
        relative = SynthCase.person(&r, origin: patientOrigin)
        relative.surname = patient.surname
        relative.female = ["wife", "daughter", "sister"].contains(relation)
        phones = (0..<6).map { _ in SynthCase.phoneDigits(&r) }
        caseNumber = "CM\(injury.year % 100 + r.within(0...2))-\(r.digits(7))"
        switch r.below(6) {
        case 0: claimNumber = "\(r.digits(2))-\(r.digits(5))-\(r.pick(["A", "B", "WC", "001"]))"
        case 1: claimNumber = "WC\(r.digits(7))"
        case 2: claimNumber = "\(injury.year)-\(r.digits(7))-00\(r.within(1...3))"
        case 3: claimNumber = "\(r.pick(["RCM", "KMI", "PCC", "SCF", "TPA"]))-\(r.digits(2))-\(r.digits(5))"
        case 4: claimNumber = "\(r.digits(10))"
        default: claimNumber = "\(r.pick(["CLM", "WCA", "GSR"]))\(r.digits(6))"
        }
        eams = "ADJ\(r.digits(r.chance(0.7) ? 7 : 8))"
        ssn = r.chance(0.5) ? "XXX-XX-\(r.digits(4))" : "xxx-xx-\(r.digits(4))"
        policy = "\(r.pick(["WCP", "WC", "POL"])) \(r.digits(7))-\(r.digits(2))"
        urReference = "UR-\(injury.year + 1)-\(r.digits(6))"
        npi = "1\(r.digits(9))"
        visits = []
        var day = injury.adding(r.within(3...40))
        for _ in 0..<8 {
            visits.append(day)
            day = day.adding(r.within(9...70))
        }
        urDecision = day.adding(r.within(5...30))
        application = urDecision.adding(r.within(3...20))
        assigned = application.adding(r.within(2...14))
        decision = assigned.adding(r.within(14...35))
        items = []
        let count = r.within(1...3)
        var kinds: [SynthItem.Kind] = r.sample([.therapy, .drug, .imaging, .procedure, .device], count)
        if kinds.isEmpty { kinds = [.therapy] }
        for kind in kinds { items.append(SynthCase.item(&r, kind: kind, body: bodyPart)) }
    }

    static func person(_ r: inout SynthRandom, origin: SynthLexicon.Origin? = nil) -> SynthPerson {
        let origin = origin ?? r.pick(SynthLexicon.origins)
        let female = r.chance(0.5)
        let given = r.pick(female ? origin.female : origin.male)
        let middle: String? = r.chance(origin.middleInitial) ? String(r.pick(Array("ABCDEFGHJKLMNPRSTVW"))) : nil
        return SynthPerson(given: given, middle: middle, surname: r.pick(origin.surnames), female: female, credential: nil)
    }

    static func clinician(_ r: inout SynthRandom, credential: String, origin: SynthLexicon.Origin? = nil) -> SynthPerson {
        var person = self.person(&r, origin: origin)
        person.credential = credential
        return person
    }

    static func domain(_ text: String) -> String {
        let folded = text.lowercased().unicodeScalars.compactMap { scalar -> String? in
            switch scalar {
            case "a"..."z", "0"..."9": return String(scalar)
            case "á", "à", "â": return "a"
            case "é", "è": return "e"
            case "í": return "i"
            case "ó", "ò": return "o"
            case "ú", "ü": return "u"
            case "ñ": return "n"
            default: return nil
            }
        }
        return folded.joined()
    }

    static func org(_ r: inout SynthRandom, nouns: [String]) -> SynthOrg {
        let first = r.pick(SynthLexicon.placeFirst)
        let second = r.pick(SynthLexicon.placeSecond)
        let noun = r.pick(nouns)
        let name = "\(first) \(second) \(noun)"
        let word = noun.split(separator: " ").first.map(String.init) ?? "group"
        return SynthOrg(name: name, domain: domain(first + second + word) + r.pick([".com", ".com", ".net", ".org"]))
    }

    static func address(_ r: inout SynthRandom, unit: String, poBox: Double = 0) -> SynthAddress {
        let city = r.pick(SynthLexicon.cities)
        let zip = city.1 + r.digits(2)
        if r.chance(poBox) {
            return SynthAddress(street: "\(r.pick(["P.O. Box", "PO Box", "P. O. Box"])) \(r.within(100...99999))", city: city.0, zip: zip)
        }
        var street = "\(r.within(1...29999)) "
        if r.chance(0.3) { street += r.pick(["N.", "S.", "E.", "W.", "N", "S", "E", "W"]) + " " }
        street += r.pick(SynthLexicon.streetNames) + " " + r.pick(SynthLexicon.streetSuffixes)
        if r.chance(0.35) { street += ", \(unit) \(r.chance(0.7) ? String(r.within(1...950)) : String(r.pick(Array("ABCDEF"))))" }
        return SynthAddress(street: street, city: city.0, zip: zip)
    }

    static func phoneDigits(_ r: inout SynthRandom) -> String {
        r.pick(SynthLexicon.areaCodes) + "555" + "01" + r.digits(2)
    }

    /// A phone number in one of the letters' forms.
    static func phone(_ digits: String, form: Int) -> String {
        let chars = Array(digits)
        guard chars.count == 10 else { return digits }
        let area = String(chars[0..<3])
        let mid = String(chars[3..<6])
        let last = String(chars[6..<10])
        switch form % 6 {
        case 0: return "(\(area)) \(mid)-\(last)"
        case 1: return "\(area)-\(mid)-\(last)"
        case 2: return "\(area).\(mid).\(last)"
        case 3: return digits
        case 4: return "(\(area))\(mid)-\(last)"
        default: return "1-\(area)-\(mid)-\(last)"
        }
    }

    static let guidelines = [
        "MTUS Chronic Pain Medical Treatment Guidelines", "MTUS Chronic Pain Medical Treatment Guidelines, Physical Medicine, pages 98-99",
        "MTUS Chronic Pain Medical Treatment Guidelines, Opioids, pages 76-80", "MTUS Acupuncture Medical Treatment Guidelines",
        "ACOEM Chapter 12, Low Back Complaints, page 303", "ACOEM Chapter 13, Knee Complaints, pages 341-343",
        "ACOEM Chapter 9, Shoulder Complaints, page 207", "ACOEM Chapter 8, Neck and Upper Back Complaints",
        "MTUS Postsurgical Treatment Guidelines", "Official Disability Guidelines (ODG), Low Back Chapter",
        "ODG Knee & Leg (updated 11/23/16)", "ODG Pain Chapter (updated 07/15/15)", "MTUS Low Back Complaints 2004",
        "MTUS Chronic Pain Medical Treatment Guidelines Page(s): 111-113", "MTUS 2009", "ODG",
        "MTUS Chronic Pain Medical Treatment 2016, Section(s): Physical medicine treatment",
    ]

    static func item(_ r: inout SynthRandom, kind: SynthItem.Kind, body: String) -> SynthItem {
        let decision = r.pick(["Upheld", "Upheld", "Upheld", "Overturned", "Overturned", "Modified"])
        var service: [Piece]
        switch kind {
        case .therapy:
            let what = r.pick(["Physical therapy", "Chiropractic sessions", "Acupuncture sessions", "Aquatic therapy", "Occupational therapy"])
            if r.chance(0.5) {
                service = [Piece(what + " "), .keep(.FREQUENCY, "\(r.within(1...3))x\(r.within(3...6))"), Piece(" for the \(body)")]
            } else {
                service = [Piece(what + " "), .keep(.COUNT, "\(r.pick([6, 8, 12, 18])) sessions"), Piece(" for the \(body)")]
            }
        case .drug:
            let drug = r.pick(SynthLexicon.drugs)
            service = [.keep(.DOSE, drug.0 + " " + r.pick(drug.1)), Piece(" "), .keep(.COUNT, "#\(r.pick([30, 60, 90, 120]))")]
        case .imaging:
            service = [Piece(r.pick(["MRI of the \(body)", "MRI of the \(body) without contrast", "EMG/NCV of the bilateral lower extremities", "CT scan of the \(body)", "X-rays of the \(body)"]))]
        case .procedure:
            if r.chance(0.5) {
                let level = r.pick(["L4-5", "L5-S1", "L3-4", "C5-6", "C6-7"])
                service = [Piece(r.pick(["Lumbar epidural steroid injection at ", "Transforaminal epidural injection at ", "Facet joint injections at "])), .keep(.SPINE_LEVEL, level)]
            } else {
                service = [Piece(r.pick(["Right knee arthroscopy with partial meniscectomy", "Left shoulder arthroscopy with subacromial decompression", "Right carpal tunnel release", "Functional restoration program evaluation", "Spinal cord stimulator trial"]))]
            }
        case .device:
            service = [Piece(r.pick(["TENS unit, ", "Cold therapy unit, ", "Interferential unit, "])), .keep(.DURATION, "\(r.pick([7, 21, 30, 60]))-day"), Piece(" rental")]
        }
        return SynthItem(
            service: service, decision: decision, claimsGuideline: r.pick(guidelines), reviewerGuideline: r.pick(guidelines),
            kind: kind)
    }
}
