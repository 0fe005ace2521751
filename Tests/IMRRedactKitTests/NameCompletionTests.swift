import Foundation
import IMRRedactKit
import IMRTestSupport
import Testing

/// Name completion (`NameCompletion`), names from the given-name lexicon (`LexiconNames`) and the
/// left extension over PDF line breaks and hyphenation (`LeftExtender`), through the engine.
@Suite struct NameCompletionTests {
    func spans(_ text: String) throws -> [(String, Category, String)] {
        let engine = RedactionEngine(ruleSet: Fixtures.ruleSet)
        let bytes = Array(text.utf8)
        let resolution = try bytes.withUnsafeBufferPointer { try engine.analyze($0) }
        return resolution.identifiers.map { (String(decoding: bytes[$0.start..<$0.end], as: UTF8.self), $0.category, $0.ruleID) }
    }

    func names(_ text: String) throws -> [String] {
        try spans(text).filter { $0.1.isPersonName }.map(\.0)
    }

    @Test func aFoundSurnameTakesTheGivenNameBeforeIt() throws {
        let text = "Employee: El-Amin, Rania\n\nMs. El-Amin was seen. Rania El-Amin lives in Gilroy.\n"
        #expect(try names(text).contains("Rania El-Amin"))
    }

    @Test func aGivenNameSpeltLikeACredentialJoinsInTitleCaseOnly() throws {
        let text = "The interpreter for that visit was Pa Yer Vang (Cert. #7731). The PA Mary Lee saw him; Dr Tomas Reyes agreed.\n"
        let found = try names(text)
        #expect(found.contains("Pa Yer Vang"), "\(found)")
        #expect(found.contains("Mary Lee") && !found.contains("PA Mary Lee"), "\(found)")
        #expect(!found.contains(where: { $0.hasPrefix("Dr") }), "\(found)")
    }

    @Test func inANoteWrittenInCapitalsANameDoesNotRunOnOverOrdinaryWords() throws {
        let text = """
            NEURO: ALERT AND ORIENTED X3, MOVES ALL EXTREMITIES. CV: NSR 80S, BP STABLE ON NITRO DRIP.
            RESP: LUNGS CLEAR, SATS 97 PERCENT ON 2L NC. GI: TOLERATING CLEARS. GU: FOLEY DRAINING WELL.
            DR HALVORSEN NOTIFIED OF LABS. DR OKAFOR HAD TOLD DR PELLETIER BY PHONE. DR QUARANTA IN TO SEE PT
            WITH THE TEAM. WIFE AWARE OF PLAN AND NOTIFIED OF TRANSFER.

            """
        let found = try names(text)
        #expect(found == ["HALVORSEN", "OKAFOR", "PELLETIER", "QUARANTA"], "\(found)")
    }

    @Test func particlesInitialsAndCapitalsJoinTheName() throws {
        let text = """
            Dated: 10/16/2015

            MARÍA JOSÉ N. DE LA CRUZ
            24535 E. Harbor Light Terrace

            Employee:             María José N. De La Cruz  Application Received:   09/22/2015

            """
        let found = try names(text)
        #expect(found.contains("MARÍA JOSÉ N. DE LA CRUZ"), "\(found)")
        #expect(found.contains("María José N. De La Cruz"), "\(found)")
    }

    @Test func theSurnameDoAndTheHyphenatedGivenNameArePropagatedWhole() throws {
        let text = """
            Employee:   Do, Thuy
            Employee2:  none
            Dr. Best reported that Thuy Do tolerated the dose. Dr. Wise saw Young-ho Kim.
            Patient:    Kim, Young-ho

            """
        let found = try names(text)
        #expect(found.contains("Thuy Do"), "\(found)")
        #expect(found.contains("Young-ho Kim"), "\(found)")
    }

    @Test func anOrdinaryWordBeforeANameNeedsTheLexiconAndNoSentenceStart() throws {
        // `Faith` is an ordinary word and a Census given name: it joins mid-sentence only.
        let mid = try names("Employee: Small, Faith\n\nThe note says Faith Small was seen by Dr. Chu.\n")
        #expect(mid.contains("Faith Small"), "\(mid)")
        // `Therapy` is neither a given name nor a word of this name: it never joins.
        let other = try names("Employee: Small, Faith\n\nPhysical Therapy Small was noted.\n")
        #expect(!other.contains { $0.contains("Therapy") }, "\(other)")
    }

    @Test func aGivenNameAndASurnameWithNoOtherContextAreAPerson() throws {
        let found = try spans("The visit was attended by her neighbour, who called Marisol Ybarra about it.\n")
        #expect(found.contains { $0.0 == "Marisol Ybarra" && $0.1 == .PERSON && $0.2 == "lexicon.person" }, "\(found)")
    }

    @Test func lexiconNamesNeedContextAroundOrdinaryWordsAndPlaces() throws {
        for text in [
            "Positive Spurling's test and a Rich Smith note.",  // Rich is an ordinary word
            "Maria Lopez reported pain.",  // opens the letter
            "The pain improved. Maria Lopez reported pain.",  // opens a sentence
            "He lives near Santa Maria and walks.",  // a place
            "Mail to Jose Jones, CA 93702 for review.",  // a city before its state
            "Seen at Grace Jones Medical Group today.",  // an organisation
        ] {
            let found = try spans(text).filter { $0.2 == "lexicon.person" }
            #expect(found.isEmpty, "\(text): \(found)")
        }
    }

    @Test func credentialsOnTheNextLineAndNamesBrokenByThePDF() throws {
        let found = try names(
            "Records from Gevorg \n\n Sargsyan, Psy.D., were reviewed. The report by Avetisyan,\nPhD was read. Seen by Amand-\neep Mann, DPT today.\n")
        #expect(found.contains("Gevorg \n\n Sargsyan"), "\(found)")
        #expect(found.contains("Avetisyan"), "\(found)")
        #expect(found.contains("Amand-\neep Mann"), "\(found)")
    }

    @Test func organisationsBrokenByThePDFAreFoundWhole() throws {
        let found = try spans("The review by Dr. Lee of High Bluff Utilizat-\nion Review, LLC non-certified it.\n")
        #expect(found.contains { $0.0 == "High Bluff Utilizat-\nion Review, LLC" && $0.1 == .ORG }, "\(found)")
    }

    @Test func aHeadingInCapitalsDoesNotJoinANameOnTheNextLine() throws {
        let found = try names("CLINICAL CASE SUMMARY\nXiaoyan K. Li is a 42 yo school custodian.\n")
        #expect(found == ["Xiaoyan K. Li"], "\(found)")
    }

    @Test func hyphenedParticlesSuffixesAndAbbreviatedGivenNamesBelongToTheName() throws {
        let text = """
            Employee:             al-Haddad, Yusuf        Date of Injury:   03/14/2014

            cc: Yusuf al-Haddad, 410 Birch Lane, Yuba City, CA 95991

            Dear Mr. ben Haim:

            Employee: Tomas dela Rosa Jr.
            Mr. dela Rosa was seen on 4/2/2014. Tomas dela Rosa Jr. returned to work.
            Wm. Okonkwo-Hale, MD reviewed the file with Ma. de las Nieves Ortega.

            """
        let found = try names(text)
        #expect(found.contains("al-Haddad, Yusuf") || found.contains("al-Haddad"), "\(found)")
        #expect(found.contains("Yusuf al-Haddad"), "\(found)")
        #expect(found.contains("Tomas dela Rosa Jr."), "\(found)")
        #expect(found.contains("Wm. Okonkwo-Hale"), "\(found)")
        #expect(!found.contains(where: { $0.hasPrefix("de las") }), "\(found)")
    }

    @Test func aSpecialtyAboveANameInAHeaderColumnIsNoPartOfIt() throws {
        let text = """
            Requesting Physician:
            Specialty:
            Nkechi Adeyemi, MD
            Otolaryngology

            Dorotea Quispe-Mamani
            118 Alder Court
            Merced, CA 95340

            Dear Ms. Quispe-Mamani:

            """
        let found = try spans(text)
        #expect(!found.contains(where: { $0.0.contains("Otolaryngology") }), "\(found.map(\.0))")
        #expect(found.contains(where: { $0.0 == "Dorotea Quispe-Mamani" }), "\(found.map(\.0))")
    }

    @Test func townsAfterInNearOrEastOfAreLocations() throws {
        func places(_ text: String) throws -> [String] {
            try spans(text).filter { $0.2 == "lexicon.place" }.map(\.0)
        }
        #expect(try places("She picks grapes near Lodi and lives in Galt. ") == ["Lodi", "Galt"])
        #expect(try places("He drives a route east of Susanville. On 5/1 he fell.") == ["Susanville"])
        #expect(try places("a packing shed in Mt. Shasta for years") == ["Mt. Shasta"])
        // An ordinary word is a place only before its state; a capitalised run goes on to a longer name.
        #expect(try places("in Orange, California, and in Industry for years").isEmpty == false)
        #expect(try places("seen in Orange for years").isEmpty)
        #expect(try places("seen in Lodi Memorial Hospital on").isEmpty)
        #expect(try places("treated in Physical Therapy twice").isEmpty)
        // After `the`, only before the site of a business.
        #expect(try places("a forklift driver at the Walnut Grove warehouse of a grower") == ["Walnut Grove"])
        #expect(try places("the Walnut Grove was quiet").isEmpty)
        #expect(try places("at the Orange plant").isEmpty)
    }

    @Test func namesAfterATitleOrAKinshipWordInAnyCase() throws {
        func cued(_ text: String) throws -> [String] {
            try spans(text).filter { $0.2.hasPrefix("context.") || $0.1.isPersonName }.map(\.0)
        }
        #expect(try cued("bp stable, dr okafor aware. plan to wean.") == ["okafor"])
        // Where a published letter removed the name, the word after the title is no name.
        #expect(try cued("on an intermittent basis. Mr.  walks two blocks; Dr.  reviewed it.").isEmpty)
        #expect(try cued("pt of dr. maria tenorio, seen today") == ["maria tenorio"])
        #expect(try cued("SOCIAL: SPOKE WITH DTR ROSALIND ON PHONE.") == ["ROSALIND"])
        #expect(try cued("pt's son Rob in to visit; daughter \"ines\" at bedside.") == ["Rob", "ines"])
        #expect(try cued("MRS QUILTY HERE AND UPSET") == ["QUILTY"])
        // Words a note writes after such a cue, and MR/MS as imaging and a drug, are no names.
        #expect(try cued("son in all day, daughter aware of plan, dr aware.").isEmpty)
        #expect(try cued("The guideline does not address MR arthrograms. MS Contin 15 mg.").isEmpty)
        // A relation by marriage, a name in parentheses after a kinship word, and a physician
        // assistant written `PA` before a name written as one.
        #expect(try cued("Her brother-in-law, Casimir, drives her.") == ["Casimir"])
        #expect(try cued("pt's niece (dorothea) called.") == ["dorothea"])
        #expect(try cued("Seen by PA Ottoline Marchbanks on 3/2.") == ["Ottoline Marchbanks"])
        // `law` alone, and the pulmonary artery (`PA sats`, `PA Pressures`, `PA.`), are no cues.
        #expect(try cued("per the law, Casimir must sign.").isEmpty)
        #expect(try cued("PA sats 62, PA pressures up. CXR PA. Lateral view normal.").isEmpty)
        // A hyphenated name is one name in any case; a dash before an ordinary word is no hyphen.
        #expect(try cued("hx per nephew, teodor wasiak-lindgren.") == ["teodor wasiak-lindgren"])
        #expect(try cued("SPOKE WITH DTR ANA-SOFIA TODAY.") == ["ANA-SOFIA"])
        #expect(try cued("phone call from son Rob-who states he is coming.") == ["Rob"])
        // A social worker before a given name.
        #expect(try cued("met with sw jolene re: dispo. sw consult placed.") == ["jolene"])
    }

    @Test func facilitiesWhereAPatientIsSentAreLocationsWithTheirOtherMentions() throws {
        func facilities(_ text: String) throws -> [String] {
            try spans(text).filter { $0.2 == "context.facility" }.map(\.0)
        }
        #expect(try facilities("PT TRANSFERRED TO BH FOR CATH. LATER ADMITTED TO WINTERBOURNE 4.")
            == ["BH", "WINTERBOURNE"])
        #expect(try facilities("son works at calderwood memorial. transfer back to Calderwood 2 today.")
            == ["calderwood memorial", "Calderwood"])
        // Units, care settings and rhythms are no facility.
        #expect(try facilities("transferred to MICU from the floor; converted back to sr; sent to rehab.").isEmpty)
        // A ward named by a word of no list and its number, after a preposition alone.
        #expect(try facilities("Plan: to Ellerby 6 when a bed opens. Family visited on Ellerby.") == ["Ellerby", "Ellerby"])
        // A hospital by its initials, in capitals, and its other mentions; not an abbreviation the
        // clinical list knows.
        #expect(try facilities("Med-flighted to BRGH for cath. At BRGH, stented. Started on NPH insulin; trach collar.") == ["BRGH", "BRGH"])
        // Not a rate, a dose or a word the lexicons know.
        #expect(try facilities("Pacer set to Vdemand 70. Started on Kenalog 40 mg. Back to baseline 2 days later.").isEmpty)
    }

    @Test func clinicianNamesBeforeANoticeVerbOrASignatureCredential() throws {
        func providers(_ text: String) throws -> [String] {
            try spans(text).filter { $0.1 == .PROVIDER }.map(\.0)
        }
        #expect(try providers("K+ 5.9 AT 0400. T. OKONJO AWARE, WILL REPEAT.") == ["T. OKONJO"])
        #expect(try providers("bp soft. marisol fenwick aware. ") == ["marisol fenwick"])
        #expect(try providers("stable overnight.\n\nlucinda k. abernathy, rn\n") == ["lucinda k. abernathy"])
        #expect(try providers("IV NURSE ROSALIND TREMBLAY CALLED") == ["ROSALIND TREMBLAY"])
        // Teams, roles and lines are no clinicians.
        #expect(try providers("family and team aware. PA line intact; nurse case manager notified; MD aware.").isEmpty)
    }

    @Test func aGradingSystemNamedForItsAuthorsIsNoPerson() throws {
        let found = try names("X-rays show joint space narrowing (Ahlback-Kessler grade 3) and an Outerbridge stage II lesion.")
        #expect(found.isEmpty, "\(found)")
    }

    @Test func aPracticeNamedForAPlaceOrPersonIsAnOrganisationAndTheCareAloneIsNot() throws {
        func orgs(_ text: String) throws -> [String] { try spans(text).filter { $0.1 == .ORG }.map(\.0) }
        #expect(try orgs("Therapy notes of Bodega Creek Hand Therapy, 03/2016, were reviewed.") == ["Bodega Creek Hand Therapy"])
        #expect(try orgs("He was seen at Lindqvist Functional Resto-\nration on two days.") == ["Lindqvist Functional Resto-\nration"])
        #expect(try orgs("A referral to Ojai Ear, Nose & Throat followed.") == ["Ojai Ear, Nose & Throat"])
        // The kind of care alone, after a sentence, a clinical word or a descriptor, is no practice.
        for text in [
            "Post-Operative Hand Therapy, 4 visits: Overturned.",
            "Additional Functional Restoration is not supported.",
            "The request is for Outpatient Occupational Therapy.",
            "Labs WNL. Cardiology consult pending.",
            "An Ear, Nose and Throat evaluation was done.",
        ] {
            #expect(try orgs(text).isEmpty, "\(text)")
        }
    }

    @Test func citiesAndTheirDepartmentsAsEmployersAndUnitNumbersAfterAStreet() throws {
        let found = try spans("He worked for the City of Ridgecrest until 2015. He was a sergeant of the Ukiah Police Department. Send to 44 Bell Street, #3, San Mateo, CA 94401. Norco 10/325 mg, #60, was modified.")
        #expect(found.contains { $0.0 == "City of Ridgecrest" && $0.1 == .ORG })
        #expect(found.contains { $0.0 == "Ukiah Police Department" && $0.1 == .ORG })
        #expect(found.contains { $0.0 == "44 Bell Street, #3" && $0.1 == .LOCATION })
        #expect(!found.contains { $0.0.contains("#60") })
    }

    @Test func givenNamesOfPeopleBornSince1990AndOfOtherLanguagesAreNames() throws {
        // From the SSA baby names: on no list of ordinary words, so a name wherever capitalised.
        #expect(try names("Later that week Jaxon called about the appointment.") == ["Jaxon"])
        #expect(try names("The aide, Zainab, helps with bathing.") == ["Zainab"])
        // ICU shorthand and ordinary words stay (Neo gtt, nurse case manager).
        #expect(try names("Neo gtt weaned off. The nurse case manager called.").isEmpty)
    }

    @Test func theTailOfACompoundCredentialAndAWeekdayAreNoNames() throws {
        #expect(try names("Hand therapy with Ilse Marchetti, OTR/L, CHT, twice weekly.") == ["Ilse Marchetti"])
        #expect(try names("Sent: Thu 9/29/2016 11:03 AM\nSubject: the appeal").isEmpty)
        // A person's slot with no capital letter holds no name.
        #expect(try names("Sent: Thu 9/29/2016 11:03 AM\nTo: the claims unit\nSubject: the appeal").isEmpty)
    }

    @Test func inANoteWrittenInCapitalsCapitalsMakeNoNameOrOrganisation() throws {
        let note = """
            NEURO: ALERT AND ORIENTED X3, MOVES ALL EXTREMITIES. DENIES PAIN AT THIS TIME.
            CV: SR 80S, NO ECTOPY. PLAN TO WEAN IABP W GOAL DC. LYTES REPLETED PER PROTOCOL.
            RESP: LUNGS CLEAR, SATS 97% ON 4L NC. CONTINUE AIRWAY MANAGEMENT AND PULM TOILET.
            DAUGHTER CALLED, UPDATED BY TEAM. REPORT GIVEN TO ONCOMING NURSE ODALYS KOWALCZYK, RN.
            """
        let found = try spans(note + "SON TO SPEAK WITH ROSALIND KOWALCZYK IN AM. NS BOLUS GIVEN X1, SERO SANG DRAINAGE.\n")
        #expect(!found.contains { $0.1 == .ORG }, "\(found.map(\.2))")
        // A Census surname in capitals counts with a given name before it, not alone (BOLUS, SERO).
        #expect(found.filter { $0.1.isPersonName }.map(\.0) == ["ODALYS KOWALCZYK", "ROSALIND KOWALCZYK"])
    }

    @Test func hospitalsBeforeTheirHeadWordAndTownsInNotesInCapitalsOrLowerCase() throws {
        func locations(_ text: String) throws -> [String] { try spans(text).filter { $0.1 == .LOCATION }.map(\.0) }
        #expect(try locations("He had a TURP at Brackwater Memorial Hospital in 2014.") == ["Brackwater Memorial Hospital"])
        #expect(try locations("Care received at Galesburg VA before transfer.") == ["Galesburg VA"])
        // Ordinary words before the head are a kind of place, not its name; a word of devotion
        // before `hospital` names one.
        #expect(try locations("Discharged to a Physical Rehab unit, then to the General Hospital floor.").isEmpty)
        #expect(try locations("Transferred from Holy Redeemer Hospital this afternoon.") == ["Holy Redeemer Hospital"])
        #expect(try spans("Admitted from U of VT Med Center yesterday.").contains { $0.0 == "U of VT Med Center" && $0.1 == .ORG })
        let capitals = """
            NEURO: ALERT AND ORIENTED X3. CV: SR 80S, NO ECTOPY. RESP: LUNGS CLEAR ON 4L NC.
            SOCIAL: WIFE AT BEDSIDE, UPDATED BY TEAM. SON LIVES IN TALLAHASSEE AND WILL CALL.
            PT WAS A CLERK AT FENWICKE MEMORIAL HOSPITAL UNTIL LAST YEAR. PLAN: CONTINUE CARE.
            GI: TOLERATING TUBE FEEDS AT GOAL, ABD SOFT, BS PRESENT. GU: FOLEY DRAINING CLEAR URINE.
            """
        #expect(try locations(capitals) == ["TALLAHASSEE", "FENWICKE MEMORIAL HOSPITAL"])
        let lower = """
            neuro: alert and oriented x3, moves all extremities. cv: sr 80s, no ectopy noted.
            resp: lungs clear, sats 97% on 4l nc. social: wife at bedside, son lives in tallahassee
            and calls daily. pt was seen at fenwicke hospital last year. plan: continue care.
            gi: tolerating tube feeds at goal, abd soft, bs present. gu: foley draining clear urine.
            """
        #expect(try locations(lower) == ["tallahassee", "fenwicke hospital"])
    }

    @Test func namesWithAnInitialBeforeAParenthesisedRoleAndKinNamesJoinedByAnd() throws {
        #expect(try names("Chest film reviewed; as per T. Okonjo the effusion is smaller.") == ["T. Okonjo"])
        #expect(try names("Line changed over a wire by R. Vasquez-Lind without incident.") == ["R. Vasquez-Lind"])
        // Not an initial: a side, a ratio, a species, an outline letter, an abbreviation.
        for text in [
            "Breath sounds clear R. base, diminished L. base.",
            "Intake and output: I/O. Creat stable.",
            "Cultures grew E. coli and C. diff was negative.",
            "A. Subjective: feels better today.",
            "Seen at 9 a.m. Plan unchanged.",
        ] {
            #expect(try names(text).isEmpty, "\(text)")
        }
        #expect(try names("Plan discussed with Dorota Wierzba (resident) this morning.") == ["Dorota Wierzba"])
        #expect(try names("Very supportive family; IMELDA VARGAS (DAUGHTER) is the spokesperson.") == ["IMELDA VARGAS"])
        #expect(try names("social: pt visited by daughters rosalind and meg today.") == ["rosalind", "meg"])
        #expect(try names("Visited by significant other Teodoro in the evening.") == ["Teodoro"])
        #expect(try names("wound care done. clinician notes: marisol t. quijano bsn/rn").contains("marisol t. quijano"))
    }

    @Test func cliniciansAfterPerAndSurnamesThatAreWordsBeforeANoticeVerb() throws {
        #expect(try names("wean as tolerated per imelda fairweather) cardiac: nsr.") == ["imelda fairweather"])
        #expect(try names("bp goal 120 to 135 per t marchetti.pacing wires capped") == ["t marchetti"])
        #expect(try names("mild stridor noted, dr sparrow aware. plan unchanged.") == ["sparrow"])
        // Not a protocol, a role or an ordinary phrase.
        for text in ["Heparin titrated per protocol and per MD order.", "Dr. Payne found point tenderness.", "per the team plan", "Dr. Chu works at a clinic."] {
            #expect(try !names(text).contains { $0.contains("protocol") || $0.contains("found") || $0.contains("team") || $0.contains("works") }, "\(text)")
        }
        #expect(try names("SOCIAL: SISTER & TEODORO (SIGNIFICANT OTHER) INTO VISIT.") == ["TEODORO"])
    }

    @Test func copyListEntriesWithoutAnAddressAndOrganisationsThatEndInAHeadNoun() throws {
        let letter = "Sincerely,\n\ncc:  Ilse Marchetti, Esq.\n     Brine Lake Dairy\n     Tamsin Okafor\n     Larkfield Mutual Casualty Company, P.O. Box 77, Galt, CA 95632\n"
        let found = try spans(letter)
        #expect(found.contains { $0.0 == "Brine Lake Dairy" && $0.1 == .ORG })
        // Every entry is masked (the company's name may take the line above it with it).
        #expect(found.contains { $0.0.contains("Tamsin Okafor") })
        #expect(found.contains { $0.0.hasSuffix("Larkfield Mutual Casualty Company") && $0.1 == .ORG })
        // A closing line or a heading after the list is no entry.
        #expect(try spans("cc:  Ilse Marchetti, Esq.\n     Enclosures:\n").filter { $0.0.contains("Enclosures") }.isEmpty)
    }
}
