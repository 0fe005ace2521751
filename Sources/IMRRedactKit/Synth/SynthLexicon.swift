/// The word lists the synthetic letters draw from. Every list was written for this generator:
/// common given names and surnames of the many origins of California's workers (no name of a
/// real case or of the dev set), invented organisations and streets, real California cities
/// (places, not people), and clinical vocabulary.
enum SynthLexicon {
    /// One origin's names: given names by sex, surnames (with particles, hyphens and accents).
    struct Origin {
        var name: String
        var female: [String]
        var male: [String]
        var surnames: [String]
        /// Chance that a full name takes a middle initial.
        var middleInitial: Double = 0.3
    }

    static let origins: [Origin] = [
        Origin(
            name: "hispanic",
            female: [
                "María José", "Ximena", "Yolanda", "Esperanza", "Beatriz", "Lourdes", "Graciela", "Socorro", "Inés",
                "Leticia", "Rosario", "Catalina", "Mónica", "Verónica", "Adriana", "Noemí", "Maricela", "Yadira",
                "Azucena", "Elvia",
            ],
            male: [
                "Jesús", "Joaquín", "Efraín", "Rubén", "Andrés", "Héctor", "Ramiro", "Arturo", "Gerardo", "Salvador",
                "Ignacio", "Rogelio", "Fidel", "Octavio", "Tomás", "Julián", "Óscar", "Martín", "Juan Carlos",
                "Eliseo",
            ],
            surnames: [
                "García", "Hernández", "López", "Martínez", "Ramírez", "Sánchez", "Jiménez", "Muñoz", "Peña",
                "Ibarra", "Zúñiga", "Valenzuela", "Ochoa", "Quiñones", "Avendaño", "Bermúdez", "Cervantes",
                "Domínguez", "Fuentes", "Galván", "Robles", "Serrano", "Trujillo", "Velázquez", "Del Río",
                "De La Cruz", "De León", "De La Torre", "Núñez", "Orozco-Medina", "Hernández Ruiz", "Acuña",
            ], middleInitial: 0.2),
        Origin(
            name: "vietnamese",
            female: ["Thi Lan", "Hoa", "Minh Chau", "Huong", "Phuong", "Ngoc Anh", "Linh", "Thuy", "Kim Yen", "Mai"],
            male: ["Quang", "Tuan", "Duc", "Bao", "Khanh", "Thanh Hai", "Vinh", "Long", "Hung", "Dung", "Phuc"],
            surnames: [
                "Nguyen", "Tran", "Le", "Pham", "Huynh", "Vo", "Dang", "Bui", "Do", "Ho", "Ngo", "Duong", "Ly",
                "Van Nguyen", "Truong", "Phan", "Vu", "Lam",
            ], middleInitial: 0.1),
        Origin(
            name: "korean",
            female: ["Min-jung", "Seo-yeon", "Hye-jin", "Eun-ji", "Soo-ah", "Ji-young", "Mi-kyung", "Yuna"],
            male: ["Ji-hoon", "Dong-hyun", "Sung-min", "Jae-won", "Young-ho", "Tae-yang", "Min-ho", "Sang-woo"],
            surnames: [
                "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Shin", "Oh",
                "Seo", "Hwang",
            ], middleInitial: 0.05),
        Origin(
            name: "armenian",
            female: ["Lusine", "Siranush", "Ani", "Karine", "Anush", "Nare", "Gayane", "Tatevik"],
            male: ["Armen", "Gevorg", "Narek", "Hovhannes", "Vahan", "Mher", "Levon", "Garegin", "Sevak"],
            surnames: [
                "Grigoryan", "Hakobyan", "Sargsyan", "Avetisyan", "Khachatryan", "Manukyan", "Der Bedrosian",
                "Boyajian", "Keshishian", "Tashjian", "Papazian", "Ter-Mkrtchyan", "Minasian", "Galstyan",
            ]),
        Origin(
            name: "punjabi",
            female: ["Manpreet", "Jasleen", "Harleen", "Rupinder", "Simranjit", "Navneet", "Baljinder", "Kiranjot"],
            male: ["Navdeep", "Baljit", "Kuldeep", "Harjinder", "Amandeep", "Sukhwinder", "Paramjit", "Gurinder"],
            surnames: [
                "Singh", "Kaur", "Sidhu", "Dhaliwal", "Grewal", "Brar", "Bains", "Randhawa", "Johal", "Mann",
                "Cheema", "Atwal", "Sekhon", "Virk",
            ], middleInitial: 0.05),
        Origin(
            name: "filipino",
            female: ["Maricel", "Jonalyn", "Rowena", "Divina", "Lorna", "Cherry", "Marites", "Analyn", "Precious"],
            male: ["Rommel", "Arnel", "Jericho", "Romeo", "Edgardo", "Reynaldo", "Jun", "Dindo", "Ernesto"],
            surnames: [
                "Dela Cruz", "Macapagal", "Manalo", "Pascual", "Soriano", "Tolentino", "Mercado", "Aquino",
                "Dimalanta", "Sison", "Panganiban", "De Guzman", "Magbanua", "Lacson", "Malabanan",
            ]),
        Origin(
            name: "chinese",
            female: ["Mei-Ling", "Hui", "Yan", "Ling", "Chun-Hua", "Yu-Ting", "Xiaoyan", "Shu-Fen", "Wing Yee"],
            male: ["Wei", "Xiaoming", "Jian", "Zhiwei", "Kwok-Wai", "Siu Ming", "Guoqiang", "Chi-Keung", "Hao"],
            surnames: [
                "Wang", "Li", "Zhang", "Liu", "Chen", "Huang", "Zhao", "Wu", "Zhou", "Lin", "Cheung", "Leung",
                "Lau", "Tsai", "Kwan", "Ng", "Yee", "Fong",
            ], middleInitial: 0.05),
        Origin(
            name: "anglo",
            female: [
                "Faith", "Grace", "Hope", "Joy", "April", "June", "Summer", "Dawn", "Heather", "Karen", "Melissa",
                "Brittany", "Courtney", "Shirley", "Holly", "Autumn", "Ivy", "Rose", "Crystal", "Tammy",
            ],
            male: [
                "Dustin", "Wade", "Clay", "Chase", "Mason", "Hunter", "Cody", "Travis", "Glen", "Bruce", "Gordon",
                "Neil", "Curtis", "Dale", "Grant", "Frank", "Bill", "Rich", "Duane", "Russell",
            ],
            surnames: [
                "Young", "King", "Long", "Payne", "Hope", "Wise", "Price", "Bell", "Hall", "Moody", "Strong",
                "Black", "Brown", "Gray", "Rose", "Stone", "Hill", "Lane", "Best", "Sharp", "Walker", "Fox",
                "Wolfe", "Day", "May", "Bishop", "Parsons", "Cook", "Baker", "Foster", "Knight", "Frost",
                "Winters", "Summers", "Rich", "Waters", "Mills", "O'Neil", "O'Connell", "McAllister", "MacLeod",
                "St. John", "Fitzgerald-Hayes", "Goodwin", "Church", "Small",
            ], middleInitial: 0.45),
        Origin(
            name: "arab",
            female: ["Layla", "Rania", "Nadia", "Huda", "Samira", "Dalia"],
            male: ["Omar", "Yousef", "Khalid", "Samir", "Tariq", "Bassam"],
            surnames: ["Abu-Hamdan", "Al-Rashid", "El-Amin", "Nasser", "Khoury", "Saleh", "Farah", "Mansour", "Abdallah"]),
        Origin(
            name: "other",
            female: ["Farzaneh", "Shirin", "Naomi", "Emiko", "LaToya", "Imani", "Svetlana", "Olena", "Chidinma"],
            male: ["Dariush", "Kourosh", "Kenji", "Hiroshi", "DeShawn", "Marquis", "Dmitri", "Yuriy", "Kwame"],
            surnames: [
                "Tehrani", "Moradi", "Karimi", "Tanaka", "Watanabe", "Nakamura", "Shimizu", "Washington",
                "Jefferson", "Okafor", "Mensah", "Adeyemi", "Kovalenko", "Shevchenko", "Volkov",
            ]),
    ]

    /// Credentials after a clinician's name, with the word the letters use for them.
    static let credentials: [(credential: String, role: String)] = [
        ("MD", "physician"), ("M.D.", "physician"), ("MD", "physician"), ("DO", "physician"), ("D.O.", "physician"),
        ("DC", "chiropractor"), ("D.C.", "chiropractor"), ("PA-C", "physician assistant"), ("NP", "nurse practitioner"),
        ("FNP-C", "nurse practitioner"), ("PT", "physical therapist"), ("DPT", "physical therapist"),
        ("L.Ac.", "acupuncturist"), ("LAc", "acupuncturist"), ("PhD", "psychologist"), ("Psy.D.", "psychologist"),
        ("DPM", "podiatrist"), ("OTR/L", "occupational therapist"),
    ]

    static let specialties = [
        "Orthopedic Surgery", "Physical Medicine & Rehabilitation", "Pain Medicine", "Occupational Medicine",
        "Family Practice", "Internal Medicine", "Neurology", "Chiropractic", "Acupuncture", "Psychology",
        "Anesthesiology", "Neurological Surgery", "Hand Surgery", "Podiatry", "Preventive Medicine",
    ]

    static let placeFirst = [
        "Golden", "Silver", "Blue", "Sunny", "High", "North", "East", "Twin", "Tri-County", "Central", "Coastal",
        "Inland", "Valley", "Bay", "Sierra", "Desert", "Harbor", "Summit", "Foothill", "Delta", "Mission",
        "Canyon", "Redwood", "Orchard", "Riverbank", "Vista", "Lakeshore",
    ]
    static let placeSecond = [
        "Oak", "Pine", "Poppy", "Sage", "Quail", "Mesa", "Creek", "Ridge", "Grove", "Meadow", "Harvest",
        "Willow", "Crossing", "Hollow", "Bluff", "Springs", "Heights", "Trail", "Brook", "Terrace",
    ]

    static let employerNouns = [
        "Packing Co.", "Logistics, Inc.", "Farms, LLC", "Cold Storage, Inc.", "Unified School District",
        "Builders, Inc.", "Poultry Co.", "Nursing Center", "Market, Inc.", "Transit Authority", "Dairy, Inc.",
        "Manufacturing Corp.", "Hospitality Group", "Distribution Center", "Landscaping, Inc.", "Auto Parts, Inc.",
        "Water District", "Vineyards, LLC", "Freight Lines, Inc.", "Home Care Services",
    ]
    static let insurerNouns = [
        "Claims Services", "Risk Management, Inc.", "Insurance Company", "Comp Administrators", "Claims Management, LLC",
        "Self-Insured Services", "Casualty Company", "Risk Pool", "Workers' Compensation Trust", "Adjusting Services",
    ]
    static let clinicNouns = [
        "Orthopaedic Group", "Spine & Pain Center", "Occupational Medicine", "Medical Group", "Chiropractic",
        "Acupuncture & Wellness", "Physical Therapy", "Sports Medicine Institute", "Neurology Associates",
        "Hand & Wrist Center", "Pain Management Associates", "Industrial Medical Clinic",
    ]
    static let imagingNouns = ["Imaging Center", "Open MRI", "Diagnostic Imaging", "Radiology Group", "MRI Center"]
    static let reviewNouns = ["Utilization Review, LLC", "Peer Review Group", "Medical Review Services", "UR Partners, Inc."]

    static let streetNames = [
        "Almaden", "Palomino", "Larkspur", "Tamarind", "Saguaro", "Buckeye", "Chaparral", "Manzanita", "Toyon",
        "Jacaranda", "Camino del Sol", "Avenida Las Flores", "Cottonwood", "Sycamore Glen", "Mariposa",
        "Lone Pine", "Kestrel", "Bristlecone", "Elderberry", "Sandstone", "Peppertree", "Rio Vista", "Granada",
        "Wildrose", "Bonita Canyon", "Meadowlark", "Juniper", "Cielo Azul", "Vintage Oak", "Harbor Light",
    ]
    static let streetSuffixes = [
        "Ave", "Avenue", "Blvd", "St.", "Street", "Road", "Rd", "Dr.", "Drive", "Ln", "Lane", "Way", "Ct", "Court",
        "Pkwy", "Circle", "Terrace", "Loop", "Place",
    ]

    /// California cities with their three-digit ZIP prefixes.
    static let cities: [(String, String)] = [
        ("Fresno", "937"), ("Bakersfield", "933"), ("Stockton", "952"), ("Modesto", "953"), ("Sacramento", "958"),
        ("Oakland", "946"), ("San Jose", "951"), ("Santa Ana", "927"), ("Anaheim", "928"), ("Riverside", "925"),
        ("San Bernardino", "924"), ("Pomona", "917"), ("Long Beach", "908"), ("Los Angeles", "900"),
        ("Glendale", "912"), ("Pasadena", "911"), ("Van Nuys", "914"), ("Torrance", "905"), ("Salinas", "939"),
        ("Watsonville", "950"), ("Visalia", "932"), ("Hanford", "932"), ("Merced", "953"), ("El Centro", "922"),
        ("Indio", "922"), ("Chula Vista", "919"), ("Escondido", "920"), ("Oxnard", "930"), ("Ventura", "930"),
        ("Santa Maria", "934"), ("San Luis Obispo", "934"), ("Eureka", "955"), ("Redding", "960"), ("Lodi", "952"),
        ("Tracy", "953"), ("Vallejo", "945"), ("Fairfield", "945"), ("Napa", "945"), ("Hayward", "945"),
        ("Concord", "945"), ("Garden Grove", "928"), ("Westminster", "926"), ("Irvine", "926"), ("Delano", "932"),
        ("Porterville", "932"), ("Lancaster", "935"), ("Palmdale", "935"), ("Victorville", "923"),
        ("Coachella", "922"), ("Calexico", "922"), ("Madera", "936"), ("Turlock", "953"), ("Gilroy", "950"),
    ]
    static let counties = [
        "Kern County", "Tulare County", "Fresno County", "Stanislaus County", "San Joaquin County",
        "Riverside County", "Imperial County", "Monterey County", "Merced County", "Kings County",
    ]
    static let areaCodes = [
        "209", "213", "310", "323", "408", "415", "510", "530", "559", "562", "619", "626", "650", "661", "707",
        "714", "760", "805", "818", "831", "858", "909", "916", "925", "949", "951",
    ]

    static let jobs = [
        "farm worker", "warehouse associate", "line cook", "forklift operator", "home health aide", "truck driver",
        "school custodian", "packing house sorter", "certified nursing assistant", "grocery clerk",
        "construction laborer", "bus driver", "dental assistant", "machine operator", "landscaper",
        "poultry processor", "hotel housekeeper", "correctional officer", "delivery driver", "cashier",
    ]
    static let mechanisms = [
        "lifting a box of produce", "slipping on a wet floor", "pulling a loaded pallet jack",
        "stepping down from a trailer", "reaching overhead to a shelf", "transferring a patient",
        "falling from a ladder", "twisting while carrying crates", "being struck by a cart",
        "repetitive pruning in the orchard",
    ]
    /// Eponymous signs and tests: people's names that are not identifiers.
    static let eponyms = [
        "Spurling's test", "Tinel's sign", "Phalen's test", "Hoffmann's sign", "McMurray's test",
        "Finkelstein's test", "Hawkins sign", "Neer's sign", "Babinski sign", "Valsalva maneuver",
        "Lachman test", "Patrick's test",
    ]
    /// Drug and device brand names: not identifiers.
    static let brands = ["Norco", "Lyrica", "Ultram", "Mobic", "Flexeril", "Celebrex", "Lidoderm", "Voltaren gel", "TENS"]
    static let drugs = [
        ("Gabapentin", ["300 mg", "600 mg", "800 mg"]), ("Naproxen", ["500 mg", "550 mg"]),
        ("Cyclobenzaprine", ["7.5 mg", "10 mg"]), ("Tramadol ER", ["100mg", "150mg"]), ("Omeprazole", ["20mg", "20 mg"]),
        ("Meloxicam", ["7.5 mg", "15 mg"]), ("Duloxetine", ["30 mg", "60 mg"]), ("Norco", ["10/325mg", "5/325mg", "7.5/325mg"]),
        ("Hydrocodone/APAP", ["10/325mg", "5/325mg"]), ("Tizanidine", ["4 mg", "2mg"]), ("Ibuprofen", ["800 mg", "600mg"]),
        ("Pregabalin", ["75 mg", "150 mg"]), ("Lidoderm", ["5% patch"]), ("Diclofenac sodium ER", ["100mg"]),
    ]
    static let bodyParts = [
        "low back", "neck", "right shoulder", "left shoulder", "right knee", "left knee", "right wrist",
        "left wrist", "lumbar spine", "cervical spine", "right ankle", "left elbow",
    ]
}
