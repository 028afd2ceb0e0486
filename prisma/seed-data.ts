// Word lists the demo library is built from. Plain data: the seed picks from them deterministically.
export const FIRST_NAMES = [
  "Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Freya", "Florence", "Willow", "Grace", "Sophia",
  "Evie", "Poppy", "Ella", "Noah", "Oliver", "George", "Arthur", "Muhammad", "Leo", "Harry", "Oscar", "Archie",
  "Henry", "Theodore", "Freddie", "Jack", "Charlie", "Thomas", "Aled", "Cerys", "Dafydd", "Siân", "Zofia",
  "Jakub", "Priya", "Arjun", "Fatima", "Yusuf", "Chloé", "Mateo", "Hana", "Kofi", "Ngozi", "Aoife", "Seán",
];
export const LAST_NAMES = [
  "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson", "Wright",
  "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Thomas", "Clarke", "Jackson", "Wood",
  "Harris", "Edwards", "Turner", "Martin", "Cooper", "Hill", "Ward", "Hughes", "Moore", "Clark", "King",
  "Harrison", "Lewis", "Baker", "Lee", "Allen", "Morris", "Khan", "Scott", "Nowak", "Kowalski", "O'Brien",
  "Ahmed", "Singh", "Okafor", "Mensah", "Llewellyn", "Price",
];
export const TITLE_ADJECTIVES = [
  "Silent", "Hidden", "Last", "Forgotten", "Golden", "Broken", "Winter", "Northern", "Secret", "Distant", "Little",
  "Midnight", "Burning", "Quiet", "Wild", "Lost", "Glass", "Salt", "Paper", "Iron",
];
export const TITLE_NOUNS = [
  "Garden", "River", "Library", "Harbour", "Lighthouse", "Orchard", "Kingdom", "Station", "Island", "Letters",
  "Bridge", "Mountain", "Atlas", "Clockmaker", "Archive", "Meadow", "Voyage", "Cartographer", "Tide", "Forest",
];
export const STREETS = [
  "High Street", "Station Road", "Church Lane", "Mill Road", "Park Avenue", "Queen Street", "Victoria Road",
  "Harbour Walk", "Northgate", "Riverside",
];
export const FUNDS = ["ADULT-FIC", "ADULT-NF", "JUNIOR", "YA", "REFERENCE", "AV"];

// The letter frame's texts in Welsh (LibrarySettings.frameTranslations): the demo's patrons include Welsh speakers.
export const FRAME_TRANSLATIONS = {
  cy: {
    openingHours: "Llun-Gwener 9:00-19:00, Sad 10:00-16:00",
    footerText: "Adnewyddwch, archebwch a thalwch ar-lein yn riverside-library.example neu ffoniwch 01632 960000.",
  },
};

export const BRANCHES = [
  { code: "CEN", name: "Central Library", email: "central@riverside-library.example", phone: "01632 960001",
    address: "1 Library Square, Riverside RV1 1AA",
    openingHours: { mon: [["09:00", "19:00"]], tue: [["09:00", "19:00"]], wed: [["09:00", "19:00"]],
      thu: [["09:00", "19:00"]], fri: [["09:00", "17:00"]], sat: [["10:00", "16:00"]], sun: [] } },
  { code: "NTH", name: "Northgate Branch", email: "northgate@riverside-library.example", phone: "01632 960002",
    address: "42 Northgate, Riverside RV2 4NG",
    openingHours: { mon: [["10:00", "17:00"]], tue: [["10:00", "17:00"]], wed: [], thu: [["10:00", "19:00"]],
      fri: [["10:00", "17:00"]], sat: [["10:00", "13:00"]], sun: [] } },
  { code: "HBR", name: "Harbour Branch", email: "harbour@riverside-library.example", phone: "01632 960003",
    address: "7 Harbour Walk, Riverside RV3 7HW",
    openingHours: { mon: [], tue: [["09:30", "17:00"]], wed: [["09:30", "17:00"]], thu: [["09:30", "17:00"]],
      fri: [["09:30", "17:00"]], sat: [["09:30", "12:30"]], sun: [] } },
];

export const CATEGORIES = [
  ["ADULT", "Adult"], ["CHILD", "Child (under 12)"], ["YA", "Young adult"], ["SENIOR", "Senior"],
  ["STUDENT", "Student"], ["STAFF", "Library staff"], ["INST", "Institution"],
] as const;
export const ACADEMIC_LEVELS = [
  ["PRIMARY", "Primary school"], ["SECONDARY", "Secondary school"], ["UNDERGRAD", "Undergraduate"],
  ["POSTGRAD", "Postgraduate"],
] as const;
export const LIBRARY_GROUPS = [
  ["HOMEBOUND", "Home library service"], ["BOOKCLUB", "Book clubs"], ["SCHOOLS", "School services"],
  ["VOLUNTEERS", "Volunteers"],
] as const;
